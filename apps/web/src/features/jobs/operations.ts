// Jobs: their status (polled while they run) and cancelling one.
import { graphql } from '../../shared/api/generated';
import type { JobState, JobStatusFragment } from '../../shared/api/generated/graphql';

// Declared for codegen: spread as `...JobStatus` here and by operations that start jobs.
graphql(`
  fragment JobStatus on Job {
    id
    kind
    state
    modelSetId
    progress
    phase
    done
    total
    etaSeconds
    createdAt
    updatedAt
    error {
      code
      message
    }
  }
`);

export const JobQuery = graphql(`
  query Job($id: ID!) {
    job(id: $id) {
      ...JobStatus
    }
  }
`);

export const JobsQuery = graphql(`
  query Jobs($first: Int, $after: String) {
    jobs(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...JobStatus
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const CancelJobMutation = graphql(`
  mutation CancelJob($id: ID!) {
    cancelJob(id: $id) {
      ...JobStatus
    }
  }
`);

export type Job = JobStatusFragment;
export type { JobState };
