/**
 * @styleclip/studio: the product core. One `createStudio(config, { log })` gives every entry point (the API
 * server, the worker, the CLI) the same product: records and their storage layout, model sets and engines, the
 * services (images, edits, previews, uploads), jobs (in process, or on workers through BullMQ on Redis), the
 * parameter schema (every limit and default, one definition) and typed errors.
 */
export { createStudio, type Studio, type StudioOptions } from './studio';
export {
  studioConfigFromEnv,
  readStudioConfig,
  EnvReader,
  ConfigError,
  STUDIO_ENV_VARS,
  type StudioConfig,
  type JobsConfig,
  type QueueMetricsConfig,
} from './config';
export {
  StudioError,
  STUDIO_ERROR_CODES,
  isStudioErrorCode,
  toStudioError,
  badInput,
  notFound,
  type StudioErrorCode,
} from './errors';
export { createLogger, silentLogger, type Logger } from './log';
export { newId, isId, ID_PATTERN, MODEL_SET_ID } from './ids';

// Parameters: the one definition of every limit and default.
export {
  defineParameters,
  PARAMETERS,
  UPLOAD_BYTES_CAP,
  type Parameters,
  type ParameterOptions,
  type Operation,
  type ParametersOf,
} from './parameters/schema';
export { parseParameters, parseField, defaultOf, fieldSchema, describeIssue } from './parameters/parse';
export { OPERATION_WORK, workOf, type Work } from './parameters/work';
export {
  describeParameters,
  type ParameterDescription,
  type ParameterKind,
  type ParametersDescription,
} from './parameters/describe';

// Records and storage.
export type {
  BlobRef,
  ImageRecord,
  LatentRecord,
  EditRecord,
  JobRecord,
  UploadRecord,
  DirectionsRecord,
  MapperRecord,
  StudioRecords,
} from './records';
export { Storage, INDEX } from './storage';
export { STORAGE_ENV_VARS, type BlobStore } from '@styleclip/storage';
export { ModelSetRegistry, type ModelSetEntry } from './model-sets/registry';
export { DirectionsSync } from './model-sets/directions';
export { warmUpEngine, type WarmUpTimings } from './model-sets/warm-up';
export {
  pushModelSet,
  pullModelSet,
  pullConfiguredModelSets,
  openRemoteSet,
  openRemoteUrl,
  modelSetSource,
  ModelSetTransferError,
  isTransferError,
  UploadJournals,
  defaultJournalDir,
  type RemoteSet,
  type ModelSetSource,
  type PushOptions,
  type PullOptions,
  type PulledSet,
  type TransferErrorCode,
  type TransferProgress,
  type TransferResult,
  type FileOutcome,
} from './model-sets/remote';
export { MapperSync, mapperFile } from './model-sets/mappers';

// Services.
export {
  ImageService,
  type PreparedImage,
  type GalleryFilter,
  type ImageSource,
  type LatentSpace,
} from './services/images';
export {
  EditService,
  type EditGlobalInput,
  type EditMapperInput,
  type GlobalEditPreview,
  type MapperEditPreview,
  type PreviewImage,
} from './services/edits';
export { UploadService, type UploadTicket } from './services/uploads';
export { DeletionService, type Deletion } from './services/deletion';
export { pageArgs, type Connection, type Edge } from './services/connections';

// Photos: faces found, aligned and inverted; edits of faces pasted back.
export type { PhotoRecord, PhotoFaceRecord, InversionRecord } from './photos/records';
export {
  PhotoService,
  INVERT_PHOTO,
  alignedSha256,
  inversionKey,
  type InvertPhotoResult,
  type InvertPhotoSettings,
  type FaceEdit,
} from './photos/service';
export { PhotoEdits, type PhotoEditTarget } from './photos/photo-edits';

// Jobs.
export {
  isTerminal,
  acceptsUpdate,
  type JobEvent,
  type JobBoard,
  type JobState,
  type FanOutTally,
} from './jobs/board';
export {
  JobKinds,
  type JobKind,
  type ChildKind,
  type JobContext,
  type ChildContext,
  type JobProgress,
  type ChildProgress,
  type ChildSpec,
  type FanOutOptions,
} from './jobs/kinds';
export { JobQueue } from './jobs/queue';
export { JobScratch } from './jobs/scratch';
export { JobWorker } from './jobs/bullmq/worker';
export { QUEUE_METRIC_NAMES, type QueueMetricsSample, type MetricsSink } from './jobs/bullmq/queue-metrics';
export { PRECOMPUTE_DIRECTIONS, PRECOMPUTE_SHARD, type PrecomputeParams } from './jobs/precompute/kind';
export {
  OPTIMIZE_LATENT,
  type OptimizeLatentParams,
  type OptimizeLatentResult,
} from './jobs/training/optimize-kind';
export {
  TRAIN_MAPPER,
  mapperNameOf,
  type TrainMapperParams,
  type TrainMapperResult,
  type MapperEvaluationPoint,
} from './jobs/training/train-mapper-kind';
export { lossCurve, type LossCurve, type LossTerms } from './jobs/training/progress';
export { TrainingSlots } from './jobs/training/slots';
export { MAX_TRAINING_BATCH, MAX_TRAINING_SEEDS } from './parameters/training';
