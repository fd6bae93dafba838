// Model sets in S3: push a local set to a bucket, pull one into a folder (verified, resumable), and pull the sets
// a deployment names (STYLECLIP_MODEL_SETS) at a service's start.
export { ModelSetTransferError, isTransferError, type TransferErrorCode } from './errors';
export {
  openRemoteSet,
  openRemoteUrl,
  modelSetSource,
  type RemoteSet,
  type ModelSetSource,
} from './remote-set';
export { pushModelSet, type PushOptions } from './push';
export { pullModelSet, type PullOptions } from './pull';
export { pullConfiguredModelSets, type PulledSet } from './sync';
export { UploadJournals, defaultJournalDir } from './upload-journal';
export type { TransferProgress, TransferResult, FileOutcome } from './progress';
