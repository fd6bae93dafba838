// Training jobs (latent optimization, mapper training): starting them, and following one with its loss terms,
// loss curve, evaluations and preview until it ends, then its result (an edit, or a trained mapper).
import { graphql } from '../../shared/api/generated';
import type {
  OptimizeLatentInput,
  TrainingJobFragment,
  TrainMapperInput,
} from '../../shared/api/generated/graphql';

// Declared for codegen: spread as `...TrainingJob` by the queries and mutations below.
graphql(`
  fragment TrainingJob on Job {
    ...JobStatus
    previewUrl
    training {
      step
      steps
      mapper
      losses {
        clip
        l2
        id
        total
        lr
      }
      curve {
        stride
        step
        total
        clip
        l2
        id
      }
      evaluations {
        step
        losses {
          clip
          l2
          id
          total
        }
      }
    }
    edit {
      ...EditDetail
    }
    trainedMapper {
      name
      text
      checkpointUrl
      paramsSha256
    }
  }
`);

export const TrainingJobQuery = graphql(`
  query TrainingJob($id: ID!) {
    job(id: $id) {
      ...TrainingJob
    }
  }
`);

export const OptimizeLatentMutation = graphql(`
  mutation OptimizeLatent($input: OptimizeLatentInput!) {
    optimizeLatent(input: $input) {
      ...TrainingJob
    }
  }
`);

export const TrainMapperMutation = graphql(`
  mutation TrainMapper($input: TrainMapperInput!) {
    trainMapper(input: $input) {
      ...TrainingJob
    }
  }
`);

/** The defaults and bounds the form starts from (the API's parameter schema: one definition). */
export const TrainingParametersQuery = graphql(`
  query TrainingParameters {
    parameters {
      optimizeLatent {
        steps {
          default
          min
          max
        }
        l2Lambda {
          default
        }
        idLambda {
          default
        }
        lr {
          default
        }
      }
      trainMapper {
        steps {
          default
          min
          max
        }
        batch {
          default
          min
          max
        }
        lr {
          default
        }
        clipLambda {
          default
        }
        l2Lambda {
          default
        }
        idLambda {
          default
        }
        seedCount {
          default
          min
          max
        }
      }
    }
    modelSet {
      id
      hasClip
    }
  }
`);

export type TrainingJob = TrainingJobFragment;
export type { OptimizeLatentInput, TrainMapperInput };
