// Model sets: their facts, mappers and directions, and the directions precompute job.
import { graphql } from '../../shared/api/generated';
import type { ModelSetDetailFragment } from '../../shared/api/generated/graphql';

// Declared for codegen: spread as `...ModelSetDetail` by the queries below.
graphql(`
  fragment ModelSetDetail on ModelSet {
    id
    size
    styleDim
    nLatent
    hasClip
    hasDirections
    inversionConfigured
    mappers {
      name
      coarse
      medium
      fine
    }
    directions {
      rows
      layers
      images
      origin
    }
  }
`);

export const ModelSetQuery = graphql(`
  query ModelSet($id: ID) {
    modelSet(id: $id) {
      ...ModelSetDetail
    }
  }
`);

export const ModelSetsQuery = graphql(`
  query ModelSets {
    modelSets {
      ...ModelSetDetail
    }
  }
`);

/** Starts the job; its answer is followed by the jobs feature (`...JobStatus`). */
export const PrecomputeDirectionsMutation = graphql(`
  mutation PrecomputeDirections($input: PrecomputeDirectionsInput!) {
    precomputeDirections(input: $input) {
      ...JobStatus
    }
  }
`);

export type ModelSet = ModelSetDetailFragment;

/** The limits and defaults of a precompute (the API's `parameters`, their one definition). */
export const PrecomputeLimitsQuery = graphql(`
  query PrecomputeLimits {
    parameters {
      precomputeDirections {
        images {
          min
          max
          default
        }
        samples {
          min
          max
          default
        }
      }
    }
  }
`);
