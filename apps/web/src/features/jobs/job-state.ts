import type { Job, JobState } from './operations';

export const ACTIVE_STATES: readonly JobState[] = ['QUEUED', 'RUNNING'];

export function isActive(job: Pick<Job, 'state'>): boolean {
  return ACTIVE_STATES.includes(job.state);
}

export const JOB_STATE_LABEL: Record<JobState, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  SUCCEEDED: 'Done',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export const JOB_KIND_LABEL: Record<string, string> = {
  PRECOMPUTE_DIRECTIONS: 'Precompute directions',
  OPTIMIZE_LATENT: 'Latent optimization',
  TRAIN_MAPPER: 'Mapper training',
  INVERT_PHOTO: 'Find and invert faces',
};
