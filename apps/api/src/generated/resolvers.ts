// Generated from libs/api-contract/src/schema.graphql by @graphql-codegen (`npm run codegen -w @styleclip/api`).
// Do not edit by hand: change the schema and run the generator (a test fails when this file is stale).

import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type {
  ImageRecord,
  LatentRecord,
  EditRecord,
  JobEvent,
  ModelSetEntry,
  MapperRecord,
  ParametersDescription,
  PhotoRecord,
  PhotoFaceRecord,
} from '@styleclip/studio';
import type { EditResultParent, MapperParent, OptimizationParent, PointParent } from '../resolvers/mappers';
import type { ApiContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string };
  String: { input: string; output: string };
  Boolean: { input: boolean; output: boolean };
  Int: { input: number; output: number };
  Float: { input: number; output: number };
  /** ISO-8601 date-time string. */
  DateTime: { input: string; output: string };
  /** Arbitrary JSON (job results). */
  JSON: { input: unknown; output: unknown };
};

export type Query = {
  __typename?: 'Query';
  /** Liveness and versions. */
  health: Health;
  /**
   * The gallery, newest first: base images (generated and uploaded) unless `filter.source` says otherwise
   * (EDITED lists edit results). `first` and its default: `parameters.pages.images`; `after` is the `endCursor`
   * of the previous page.
   */
  images: ImageConnection;
  image?: Maybe<Image>;
  edit?: Maybe<Edit>;
  modelSets: Array<ModelSet>;
  /** A model set by id; the default set when id is omitted. */
  modelSet?: Maybe<ModelSet>;
  /** Which channels a text pair moves at β (no image is generated). */
  textDirection: TextDirectionPreview;
  /**
   * Renders a global edit without storing anything, for live previews. Same input, validation and errors as
   * editGlobal (e.g. INVERSION_NOT_CONFIGURED for an upload); to keep a result, call editGlobal.
   */
  previewGlobalEdit: EditPreview;
  /**
   * Renders a mapper edit without storing anything, for live previews. Same input, validation and errors as
   * editMapper (W+ latents only: an S latent is refused with BAD_USER_INPUT; INVERSION_NOT_CONFIGURED for an
   * upload); to keep the result, call editMapper.
   */
  previewMapperEdit: MapperPreview;
  job?: Maybe<Job>;
  /** Jobs, newest first (`first`: `parameters.pages.jobs`). */
  jobs: JobConnection;
  /**
   * Every limit and default of the operations' parameters (ranges, list sizes, defaults), so clients check and
   * prefill forms exactly as the server validates. Omitted optional inputs take these defaults.
   */
  parameters: Parameters;
  /** Mappers trained by jobs for a model set (the default set when omitted), by name, with how they were trained. */
  trainedMappers: Array<TrainedMapper>;
  trainedMapper?: Maybe<TrainedMapper>;
  /** An uploaded photo and its faces. Its id is the uploaded image's id (`Image.photo` links them). */
  photo?: Maybe<Photo>;
};

export type QueryImagesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ImageFilter>;
};

export type QueryImageArgs = {
  id: Scalars['ID']['input'];
};

export type QueryEditArgs = {
  id: Scalars['ID']['input'];
};

export type QueryModelSetArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};

export type QueryTextDirectionArgs = {
  input: TextDirectionInput;
};

export type QueryPreviewGlobalEditArgs = {
  input: EditGlobalInput;
  resolution?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryPreviewMapperEditArgs = {
  input: EditMapperInput;
  resolution?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};

export type QueryJobsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

export type QueryTrainedMappersArgs = {
  modelSetId?: InputMaybe<Scalars['ID']['input']>;
};

export type QueryTrainedMapperArgs = {
  modelSetId?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
};

export type QueryPhotoArgs = {
  id: Scalars['ID']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Generate faces from seeds (limits and defaults: `parameters.generateImages`). */
  generateImages: Array<Image>;
  /** Start an upload: returns where to PUT the bytes (a presigned URL on S3, the API's upload endpoint otherwise). */
  createUpload: UploadTicket;
  /**
   * Validate the uploaded bytes (png/jpeg/webp, sizes as `parameters.createUpload` and `parameters.uploadedImage`
   * say) and create the image, deduplicated by content hash (the same bytes give the same image). On a model set with
   * an inversion encoder, its faces are then found, aligned and inverted by an INVERT_PHOTO job: follow
   * `Image.photo` (or the `photo` query) until it is DONE; each face is then an editable image.
   */
  completeUpload: Image;
  /** Edit with global directions: one result per α. Works on W+ latents and on S latents (previous global-edit results). */
  editGlobal: Edit;
  /**
   * Edit with a latent mapper. Needs a W+ latent (generated images and mapper results); an S latent (a global-edit
   * result) is refused with BAD_USER_INPUT.
   */
  editMapper: Edit;
  /**
   * Compute the S statistics and channel-relevance table of a model set (a job; one at a time per model set). The
   * channels are cut into shards that run on every worker when jobs go through the queue.
   */
  precomputeDirections: Job;
  /** Cancel a job. With API keys configured, only the key that started it or an admin key may (FORBIDDEN otherwise). */
  cancelJob: Job;
  /**
   * Delete an image with its edits (and their results, with their own edits), and the stored files no other record
   * refers to (the same seed generated twice shares its files: they stay while one image uses them). An edit's
   * result is deleted with its edit (deleteEdit): on its own it is refused (BAD_USER_INPUT, `extensions.editId`).
   */
  deleteImage: Deletion;
  /** Delete an edit with its results (and their own edits), and the stored files no other record refers to. */
  deleteEdit: Deletion;
  /**
   * Optimize an image's latent toward a text (StyleCLIP's latent optimization), as a job: its progress carries the
   * loss terms and curve (`Job.training`) and a preview every `previewEvery` steps (`Job.previewUrl`); on success
   * `Job.edit` is an OPTIMIZE edit of the image whose result is a new image with its latent (W+, or S for space S),
   * usable as the base of further edits. Needs a W+ latent (an S latent is refused with BAD_USER_INPUT). The work
   * of the job is `steps`. Limits and defaults: `parameters.optimizeLatent`.
   */
  optimizeLatent: Job;
  /**
   * Train a latent mapper for a text (StyleCLIP's mapper training) on the faces of consecutive seeds, as a job: its
   * progress carries the loss terms, the loss curve and the evaluations of held-out faces (`Job.training`), the
   * latest evaluation grid as `Job.previewUrl`. On success the mapper is in the model set under its name, usable
   * by `editMapper` at once on every server, and `Job.trainedMapper` links its official checkpoint. The work of the
   * job is `steps × batch`. Limits and defaults: `parameters.trainMapper`.
   */
  trainMapper: Job;
  /**
   * Find and invert the faces of an uploaded photo again (an INVERT_PHOTO job, as when an upload completes on a
   * model set with an encoder): e.g. with a lower `minScore` to take weaker detections for faces, or for a photo
   * uploaded before an encoder was configured. Returns the photo, PENDING until the job ends. Limits and defaults:
   * `parameters.invertPhoto`.
   */
  invertPhoto: Photo;
};

export type MutationGenerateImagesArgs = {
  input: GenerateImagesInput;
};

export type MutationCreateUploadArgs = {
  input: CreateUploadInput;
};

export type MutationCompleteUploadArgs = {
  uploadId: Scalars['ID']['input'];
};

export type MutationEditGlobalArgs = {
  input: EditGlobalInput;
};

export type MutationEditMapperArgs = {
  input: EditMapperInput;
};

export type MutationPrecomputeDirectionsArgs = {
  input: PrecomputeDirectionsInput;
};

export type MutationCancelJobArgs = {
  id: Scalars['ID']['input'];
};

export type MutationDeleteImageArgs = {
  id: Scalars['ID']['input'];
};

export type MutationDeleteEditArgs = {
  id: Scalars['ID']['input'];
};

export type MutationOptimizeLatentArgs = {
  input: OptimizeLatentInput;
};

export type MutationTrainMapperArgs = {
  input: TrainMapperInput;
};

export type MutationInvertPhotoArgs = {
  input: InvertPhotoInput;
};

/** What a deletion removed. */
export type Deletion = {
  __typename?: 'Deletion';
  /** Images: the one deleted (deleteImage) and the results of every edit removed with it. */
  images: Scalars['Int']['output'];
  edits: Scalars['Int']['output'];
  /** Stored files (PNGs, latents) that no other record referred to. */
  files: Scalars['Int']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Job progress: the current state first, then every update until the job ends. */
  jobUpdated: Job;
};

export type SubscriptionJobUpdatedArgs = {
  id: Scalars['ID']['input'];
};

/**
 * The stable `extensions.code` of every error the API returns. Unexpected failures are masked as
 * INTERNAL_SERVER_ERROR (the message carries a request id for the logs; no internals are exposed).
 */
export type ErrorCode =
  /** The query text is not valid GraphQL. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The query does not match the schema (unknown field, wrong argument type, …). */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** The HTTP request is malformed (no query, wrong content type, bad JSON). */
  | 'BAD_REQUEST'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  /** The API key is valid but may not do this (e.g. cancel a job another key started). */
  | 'FORBIDDEN'
  /** Too many requests, or more work than the caller's budget holds now (`extensions.limit` names which). */
  | 'RATE_LIMITED'
  /** The request is too deep, resolves too many fields, or asks for too much work at once (`extensions.limit`). */
  | 'QUERY_TOO_COMPLEX'
  /** A file is larger than allowed in bytes. */
  | 'PAYLOAD_TOO_LARGE'
  /** An image is larger than allowed in pixels (width, height or their product). */
  | 'IMAGE_TOO_MANY_PIXELS'
  /** A file has the signature of an accepted image type but cannot be decoded (damaged or truncated). */
  | 'IMAGE_UNDECODABLE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  /** A stored record cannot be read (damaged, or written by a newer release). Lists skip such records. */
  | 'RECORD_CORRUPT'
  /** A stored file's bytes do not match its content hash (damaged in storage). */
  | 'BLOB_CORRUPT'
  | 'STORAGE_UNAVAILABLE'
  | 'INVERSION_NOT_CONFIGURED'
  | 'NO_CHANNELS'
  | 'NO_DIRECTIONS'
  /** The photo has no face to edit: none was detected, or none could be aligned. The message says which. */
  | 'NO_FACE'
  | 'JOB_LIMIT_REACHED'
  /** The job queue (Redis) does not answer; nothing was submitted or changed. */
  | 'QUEUE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export type Health = {
  __typename?: 'Health';
  status: Scalars['String']['output'];
  version: Scalars['String']['output'];
  modelSets: Array<Scalars['String']['output']>;
  storage: Scalars['String']['output'];
};

export type ImageSource = 'GENERATED' | 'UPLOADED' | 'EDITED';

export type EditMethod =
  /** A latent optimization job's result (see Edit.optimization). */
  'OPTIMIZE' | 'GLOBAL' | 'MAPPER';

export type ImageFilter = {
  /** Only images with at least one edit of this method. */
  method?: InputMaybe<EditMethod>;
  source?: InputMaybe<ImageSource>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type ImageConnection = {
  __typename?: 'ImageConnection';
  edges: Array<ImageEdge>;
  pageInfo: PageInfo;
  /**
   * Entries of this page whose stored record could not be read (damaged) and were left out; the server logs name
   * them. The rest of the list is served as usual.
   */
  skipped: Scalars['Int']['output'];
};

export type ImageEdge = {
  __typename?: 'ImageEdge';
  cursor: Scalars['String']['output'];
  node: Image;
};

export type EditConnection = {
  __typename?: 'EditConnection';
  edges: Array<EditEdge>;
  pageInfo: PageInfo;
  /**
   * Entries of this page whose stored record could not be read (damaged) and were left out; the server logs name
   * them. The rest of the list is served as usual.
   */
  skipped: Scalars['Int']['output'];
};

export type EditEdge = {
  __typename?: 'EditEdge';
  cursor: Scalars['String']['output'];
  node: Edit;
};

export type Image = {
  __typename?: 'Image';
  id: Scalars['ID']['output'];
  source: ImageSource;
  /** PNG URL (presigned on S3, served by the API otherwise). */
  url: Scalars['String']['output'];
  width: Scalars['Int']['output'];
  height: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  modelSetId: Scalars['String']['output'];
  seed?: Maybe<Scalars['Int']['output']>;
  truncation?: Maybe<Scalars['Float']['output']>;
  /** The latent the image came from; null for an upload that is not inverted. */
  latent?: Maybe<Latent>;
  /** For uploads: why there is no latent yet (e.g. inversion not configured). */
  inversionStatus?: Maybe<InversionStatus>;
  /** For EDITED images: the edit that produced it. */
  parentEdit?: Maybe<Edit>;
  /** Edits of this image, newest first (`first`: `parameters.pages.edits`). */
  edits: EditConnection;
  /**
   * For uploads: the photo with its faces (null when no inversion encoder is configured). For faces of photos, edits
   * of them and photos with faces pasted back: the photo they belong to.
   */
  photo?: Maybe<Photo>;
  /** For a face of a photo (its inversion) or an edit of one: which face it is. */
  face?: Maybe<PhotoFace>;
};

export type ImageEditsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

export type InversionStatus =
  /** No face was found in the photo (see `Image.photo.error`). */
  'NO_FACE' | 'NOT_CONFIGURED' | 'PENDING' | 'DONE' | 'FAILED';

export type LatentSpace = 'WPLUS' | 'S';

export type Latent = {
  __typename?: 'Latent';
  id: Scalars['ID']['output'];
  space: LatentSpace;
  shape: Array<Scalars['Int']['output']>;
  /** The latent as a float32 .npy. */
  url: Scalars['String']['output'];
};

export type Channel = {
  __typename?: 'Channel';
  layer: Scalars['Int']['output'];
  layerName?: Maybe<Scalars['String']['output']>;
  channel: Scalars['Int']['output'];
  weight: Scalars['Float']['output'];
};

export type Edit = {
  __typename?: 'Edit';
  id: Scalars['ID']['output'];
  method: EditMethod;
  /** The image that was edited. */
  image: Image;
  createdAt: Scalars['DateTime']['output'];
  neutral?: Maybe<Scalars['String']['output']>;
  target?: Maybe<Scalars['String']['output']>;
  alphas?: Maybe<Array<Scalars['Float']['output']>>;
  /** The β used (the chosen one when autoBeta). */
  beta?: Maybe<Scalars['Float']['output']>;
  autoBeta?: Maybe<Scalars['Boolean']['output']>;
  channels?: Maybe<Scalars['Int']['output']>;
  topChannels?: Maybe<Array<Channel>>;
  mapper?: Maybe<Scalars['String']['output']>;
  strength?: Maybe<Scalars['Float']['output']>;
  /** One result per α (global) or one (mapper); each is an image usable as a new base. */
  results: Array<EditResult>;
  /** A link to share this edit. */
  shareUrl: Scalars['String']['output'];
  /** For OPTIMIZE edits: how the optimization ran (its text is `target`). */
  optimization?: Maybe<OptimizationSettings>;
  /** For edits of photos: the faces edited (each result says its face). */
  faces?: Maybe<Array<Scalars['Int']['output']>>;
  /**
   * With `pasteBack`: the photo at full resolution with the edited faces pasted back, one per α (one for a mapper).
   * Empty otherwise.
   */
  pastedBack: Array<EditResult>;
};

export type EditResult = {
  __typename?: 'EditResult';
  alpha?: Maybe<Scalars['Float']['output']>;
  image: Image;
  /** For edits of photos: which face of the photo this result is. */
  face?: Maybe<Scalars['Int']['output']>;
};

/** A global edit rendered but not stored (previewGlobalEdit). */
export type EditPreview = {
  __typename?: 'EditPreview';
  /** Kept channels at the β used. */
  channels: Scalars['Int']['output'];
  /** The β used (the chosen one when autoBeta). */
  beta: Scalars['Float']['output'];
  autoBeta: Scalars['Boolean']['output'];
  topChannels: Array<Channel>;
  /** One image per α, in the order given. */
  images: Array<PreviewImage>;
};

/** A mapper edit rendered but not stored (previewMapperEdit). */
export type MapperPreview = {
  __typename?: 'MapperPreview';
  /** The strength used. */
  strength: Scalars['Float']['output'];
  /** The one result, as an image (its `alpha` is the strength). */
  images: Array<PreviewImage>;
};

export type PreviewImage = {
  __typename?: 'PreviewImage';
  /** The α this image was rendered at (for a mapper preview: the strength). */
  alpha: Scalars['Float']['output'];
  width: Scalars['Int']['output'];
  height: Scalars['Int']['output'];
  /** PNG as a data: URL */
  dataUrl: Scalars['String']['output'];
};

export type ModelSet = {
  __typename?: 'ModelSet';
  id: Scalars['ID']['output'];
  size: Scalars['Int']['output'];
  styleDim: Scalars['Int']['output'];
  nLatent: Scalars['Int']['output'];
  mappers: Array<Mapper>;
  hasClip: Scalars['Boolean']['output'];
  hasDirections: Scalars['Boolean']['output'];
  directions?: Maybe<DirectionsInfo>;
  /** Uploads can be edited only when an inversion encoder is configured. */
  inversionConfigured: Scalars['Boolean']['output'];
  /** Resolutions the set renders by stopping the synthesis early (cheaper than the full size), ascending. */
  previewResolutions: Array<Scalars['Int']['output']>;
  /** The resolution to preview at while inputs change: at most a fifth of a full render's cost. */
  previewResolution: Scalars['Int']['output'];
};

export type Mapper = {
  __typename?: 'Mapper';
  name: Scalars['String']['output'];
  coarse: Scalars['Boolean']['output'];
  medium: Scalars['Boolean']['output'];
  fine: Scalars['Boolean']['output'];
  /** For a mapper a job trained here: its text, settings and checkpoint. */
  trained?: Maybe<TrainedMapper>;
};

export type DirectionsInfo = {
  __typename?: 'DirectionsInfo';
  rows: Scalars['Int']['output'];
  layers: Array<Scalars['Int']['output']>;
  images?: Maybe<Scalars['Int']['output']>;
  origin: Scalars['String']['output'];
};

export type TextDirectionPreview = {
  __typename?: 'TextDirectionPreview';
  channels: Scalars['Int']['output'];
  beta: Scalars['Float']['output'];
  maxAbsRelevance: Scalars['Float']['output'];
  dtNorm?: Maybe<Scalars['Float']['output']>;
  topChannels: Array<Channel>;
};

/** Limits and defaults: `parameters.textDirection`. */
export type TextDirectionInput = {
  modelSetId?: InputMaybe<Scalars['ID']['input']>;
  neutral: Scalars['String']['input'];
  target: Scalars['String']['input'];
  /** β; ignored when autoBeta is true. */
  beta?: InputMaybe<Scalars['Float']['input']>;
  autoBeta?: InputMaybe<Scalars['Boolean']['input']>;
  top?: InputMaybe<Scalars['Int']['input']>;
};

/** Limits and defaults: `parameters.generateImages`. */
export type GenerateImagesInput = {
  modelSetId?: InputMaybe<Scalars['ID']['input']>;
  seeds: Array<Scalars['Int']['input']>;
  truncation?: InputMaybe<Scalars['Float']['input']>;
};

/** Limits: `parameters.createUpload`. */
export type CreateUploadInput = {
  filename?: InputMaybe<Scalars['String']['input']>;
  contentType: Scalars['String']['input'];
  /** Size in bytes. */
  size: Scalars['Int']['input'];
  modelSetId?: InputMaybe<Scalars['ID']['input']>;
};

/** Where and how to send the bytes: `method` (PUT) to `url` with exactly these `headers`, before `expiresAt`. */
export type UploadTicket = {
  __typename?: 'UploadTicket';
  uploadId: Scalars['ID']['output'];
  method: Scalars['String']['output'];
  url: Scalars['String']['output'];
  headers: Array<Header>;
  expiresAt: Scalars['DateTime']['output'];
};

export type Header = {
  __typename?: 'Header';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** Limits and defaults: `parameters.editGlobal`. */
export type EditGlobalInput = {
  imageId: Scalars['ID']['input'];
  neutral: Scalars['String']['input'];
  target: Scalars['String']['input'];
  /** Strengths α, one image each. */
  alphas: Array<Scalars['Float']['input']>;
  beta?: InputMaybe<Scalars['Float']['input']>;
  autoBeta?: InputMaybe<Scalars['Boolean']['input']>;
  /**
   * When `imageId` is an uploaded photo: the faces to edit, by index (default: every face). Each face renders every
   * α (faces × α renders, at most `parameters.photoEdit.renders`).
   */
  faces?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** Also paste the edited face(s) back into the full-resolution photo (`Edit.pastedBack`). Faces of photos only. */
  pasteBack?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Limits and defaults: `parameters.editMapper`. */
export type EditMapperInput = {
  imageId: Scalars['ID']['input'];
  mapper: Scalars['String']['input'];
  strength?: InputMaybe<Scalars['Float']['input']>;
  /** When `imageId` is an uploaded photo: the faces to edit, by index (default: every face). */
  faces?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** Also paste the edited face(s) back into the full-resolution photo (`Edit.pastedBack`). Faces of photos only. */
  pasteBack?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Which S layers the channel-relevance table covers. */
export type DirectionLayers =
  /** Non-toRGB layers with S index ≤ 16 (StyleCLIP's table: 5376 rows at 1024). */
  | 'OFFICIAL'
  /** Every non-toRGB layer. */
  | 'ALL';

/** How the sampled latents of S statistics are truncated. */
export type TruncationLayers =
  /** Every W+ row (TF, StyleCLIP). */
  | 'ALL'
  /** The first 8 rows (the PyTorch port). */
  | 'FIRST8';

/** Limits and defaults: `parameters.precomputeDirections`. */
export type PrecomputeDirectionsInput = {
  modelSetId?: InputMaybe<Scalars['ID']['input']>;
  images?: InputMaybe<Scalars['Int']['input']>;
  samples?: InputMaybe<Scalars['Int']['input']>;
  layers?: InputMaybe<DirectionLayers>;
  truncationLayers?: InputMaybe<TruncationLayers>;
  batch?: InputMaybe<Scalars['Int']['input']>;
  /**
   * Fast mode: channels of layers at or below the resolution CLIP needs (256 at 1024) are measured on the
   * synthesis stopped there; faster, not the official table (default false: exact).
   */
  fast?: InputMaybe<Scalars['Boolean']['input']>;
  /** Channels per shard (a job per shard; shards run on every worker). */
  shardChannels?: InputMaybe<Scalars['Int']['input']>;
};

export type JobKind =
  /** Finds, aligns and inverts the faces of an uploaded photo (result: photoId, faces, detected, encoded, cacheHits). */
  'INVERT_PHOTO' | 'OPTIMIZE_LATENT' | 'TRAIN_MAPPER' | 'PRECOMPUTE_DIRECTIONS';

export type JobState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export type Job = {
  __typename?: 'Job';
  id: Scalars['ID']['output'];
  kind: JobKind;
  state: JobState;
  modelSetId: Scalars['String']['output'];
  /** 0…1 */
  progress: Scalars['Float']['output'];
  /** What runs now (precompute: s-stats, fs3, done; or why a job waits, e.g. after an interrupted run). */
  phase?: Maybe<Scalars['String']['output']>;
  /** Units done and total in the current phase (samples for s-stats, channels for fs3, summed over shards). */
  done: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
  etaSeconds?: Maybe<Scalars['Float']['output']>;
  /** Runs started so far (more than one after an interruption, a dead worker or a retry). */
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  updatedAt: Scalars['DateTime']['output'];
  error?: Maybe<JobError>;
  /** What the job reports beside progress (e.g. loss terms), as JSON. */
  detail?: Maybe<Scalars['JSON']['output']>;
  /** The latest preview image the job made (PNG), if it makes any. */
  previewUrl?: Maybe<Scalars['String']['output']>;
  /**
   * On success (precompute: rows, layers, images, samples, attempts, shards, chunks, and shardRuns/chunkRuns:
   * how many times each shard ran to completion and each chunk was computed).
   */
  result?: Maybe<Scalars['JSON']['output']>;
  /** Training jobs (OPTIMIZE_LATENT, TRAIN_MAPPER): the current step, loss terms, loss curve and evaluations. */
  training?: Maybe<TrainingProgress>;
  /** OPTIMIZE_LATENT, once it succeeded: the edit it stored (its one result is the optimized image). */
  edit?: Maybe<Edit>;
  /** TRAIN_MAPPER, once it succeeded: the mapper it trained. */
  trainedMapper?: Maybe<TrainedMapper>;
};

export type JobError = {
  __typename?: 'JobError';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

export type JobConnection = {
  __typename?: 'JobConnection';
  edges: Array<JobEdge>;
  pageInfo: PageInfo;
  /**
   * Entries of this page whose stored record could not be read (damaged) and were left out; the server logs name
   * them. The rest of the list is served as usual.
   */
  skipped: Scalars['Int']['output'];
};

export type JobEdge = {
  __typename?: 'JobEdge';
  cursor: Scalars['String']['output'];
  node: Job;
};

export type OptimizeMode =
  /** Stay close to the start: CLIP + λ_L2·L2 + λ_ID·ID. */
  | 'EDIT'
  /** The CLIP loss alone (free generation). */
  | 'FREE';

export type MapperOptimizer = 'RANGER' | 'ADAM';

/** Limits and defaults: `parameters.optimizeLatent`. */
export type OptimizeLatentInput = {
  imageId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
  mode?: InputMaybe<OptimizeMode>;
  space?: InputMaybe<LatentSpace>;
  steps?: InputMaybe<Scalars['Int']['input']>;
  lr?: InputMaybe<Scalars['Float']['input']>;
  l2Lambda?: InputMaybe<Scalars['Float']['input']>;
  idLambda?: InputMaybe<Scalars['Float']['input']>;
  /** Render a preview every this many steps. */
  previewEvery?: InputMaybe<Scalars['Int']['input']>;
  /** Save the optimizer state every this many steps (a resumed job repeats at most this many). */
  checkpointEvery?: InputMaybe<Scalars['Int']['input']>;
};

/** Limits and defaults: `parameters.trainMapper`. */
export type TrainMapperInput = {
  modelSetId?: InputMaybe<Scalars['ID']['input']>;
  text: Scalars['String']['input'];
  /** The mapper's name in the model set (letters, digits, _ and -); default: from the text. */
  name?: InputMaybe<Scalars['String']['input']>;
  steps?: InputMaybe<Scalars['Int']['input']>;
  batch?: InputMaybe<Scalars['Int']['input']>;
  optimizer?: InputMaybe<MapperOptimizer>;
  lr?: InputMaybe<Scalars['Float']['input']>;
  clipLambda?: InputMaybe<Scalars['Float']['input']>;
  l2Lambda?: InputMaybe<Scalars['Float']['input']>;
  idLambda?: InputMaybe<Scalars['Float']['input']>;
  coarse?: InputMaybe<Scalars['Boolean']['input']>;
  medium?: InputMaybe<Scalars['Boolean']['input']>;
  fine?: InputMaybe<Scalars['Boolean']['input']>;
  /** The training faces are the seeds seedStart … seedStart + seedCount − 1 (a share held out for evaluation). */
  seedStart?: InputMaybe<Scalars['Int']['input']>;
  seedCount?: InputMaybe<Scalars['Int']['input']>;
  /** Seed of the initial weights and of the shuffling. */
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** Render the evaluation faces every this many steps. */
  evalEvery?: InputMaybe<Scalars['Int']['input']>;
  /** Save the mapper and optimizer state every this many steps. */
  checkpointEvery?: InputMaybe<Scalars['Int']['input']>;
};

/** Loss terms of one step (null: a term the run does not compute). */
export type LossTerms = {
  __typename?: 'LossTerms';
  clip?: Maybe<Scalars['Float']['output']>;
  l2?: Maybe<Scalars['Float']['output']>;
  id?: Maybe<Scalars['Float']['output']>;
  total: Scalars['Float']['output'];
  /** The learning rate of the step. */
  lr?: Maybe<Scalars['Float']['output']>;
};

/**
 * A loss curve: each point is the mean of a bucket of `stride` steps, at the bucket's last step (steps done), at
 * most 200 points whatever the number of steps. A term the run does not compute is null.
 */
export type LossCurve = {
  __typename?: 'LossCurve';
  stride: Scalars['Int']['output'];
  step: Array<Scalars['Int']['output']>;
  total: Array<Scalars['Float']['output']>;
  clip?: Maybe<Array<Scalars['Float']['output']>>;
  l2?: Maybe<Array<Scalars['Float']['output']>>;
  id?: Maybe<Array<Scalars['Float']['output']>>;
  lr?: Maybe<Array<Scalars['Float']['output']>>;
};

/** The losses of the held-out evaluation faces after `step` steps. */
export type MapperEvaluation = {
  __typename?: 'MapperEvaluation';
  step: Scalars['Int']['output'];
  losses: LossTerms;
};

export type TrainingProgress = {
  __typename?: 'TrainingProgress';
  /** Steps done, and of how many. */
  step: Scalars['Int']['output'];
  steps: Scalars['Int']['output'];
  /** The last step's loss terms (absent before the first step). */
  losses?: Maybe<LossTerms>;
  curve: LossCurve;
  /** TRAIN_MAPPER: the evaluations so far (the most recent 200). */
  evaluations?: Maybe<Array<MapperEvaluation>>;
  /** TRAIN_MAPPER: the mapper's name. */
  mapper?: Maybe<Scalars['String']['output']>;
};

export type OptimizationSettings = {
  __typename?: 'OptimizationSettings';
  mode: OptimizeMode;
  space: LatentSpace;
  steps: Scalars['Int']['output'];
  lr: Scalars['Float']['output'];
  l2Lambda: Scalars['Float']['output'];
  idLambda: Scalars['Float']['output'];
  /** The last step's loss terms. */
  losses: LossTerms;
  job?: Maybe<Job>;
};

export type MapperTrainingSettings = {
  __typename?: 'MapperTrainingSettings';
  steps: Scalars['Int']['output'];
  batch: Scalars['Int']['output'];
  optimizer: MapperOptimizer;
  lr: Scalars['Float']['output'];
  clipLambda: Scalars['Float']['output'];
  l2Lambda: Scalars['Float']['output'];
  idLambda: Scalars['Float']['output'];
  coarse: Scalars['Boolean']['output'];
  medium: Scalars['Boolean']['output'];
  fine: Scalars['Boolean']['output'];
  seedStart: Scalars['Int']['output'];
  seedCount: Scalars['Int']['output'];
  seed: Scalars['Int']['output'];
};

/** A mapper a TRAIN_MAPPER job trained (editMapper uses it by `name`). */
export type TrainedMapper = {
  __typename?: 'TrainedMapper';
  name: Scalars['String']['output'];
  modelSetId: Scalars['String']['output'];
  /** The text it was trained for. */
  text: Scalars['String']['output'];
  training: MapperTrainingSettings;
  /** The last training step's loss terms, and the last evaluation's. */
  losses: LossTerms;
  evalLosses?: Maybe<LossTerms>;
  /**
   * The official checkpoint (`{'state_dict': {'mapper.*'}, 'opts'}`, torch.save format) for the research code or
   * `styleclip models import --mapper`: a URL (presigned on S3, served by the API otherwise).
   */
  checkpointUrl: Scalars['String']['output'];
  /** sha256 of every parameter (float32) in state-dict order. */
  paramsSha256: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  job?: Maybe<Job>;
};

/** Limits and defaults of every operation's parameters: one definition, the core's parameter schema. */
export type Parameters = {
  __typename?: 'Parameters';
  generateImages: GenerateImagesParameters;
  editGlobal: EditGlobalParameters;
  editMapper: EditMapperParameters;
  textDirection: TextDirectionParameters;
  precomputeDirections: PrecomputeDirectionsParameters;
  optimizeLatent: OptimizeLatentParameters;
  trainMapper: TrainMapperParameters;
  createUpload: CreateUploadParameters;
  uploadedImage: UploadedImageParameters;
  invertPhoto: InvertPhotoParameters;
  photoEdit: PhotoEditParameters;
  pages: PagesParameters;
};

export type GenerateImagesParameters = {
  __typename?: 'GenerateImagesParameters';
  /** seeds per request */
  seeds: IntListParameter;
  /** truncation ψ toward the average face (1 = none) */
  truncation: FloatParameter;
};

export type EditGlobalParameters = {
  __typename?: 'EditGlobalParameters';
  /** the neutral description, e.g. "face" */
  neutral: StringParameter;
  /** the target description, e.g. "face with blue eyes" */
  target: StringParameter;
  /** strengths α, one image each (the official notebooks default to 4.1) */
  alphas: FloatListParameter;
  /** disentanglement threshold β: channels whose relevance |r| is below it are left alone */
  beta: FloatParameter;
  /** choose β per prompt (the largest that keeps some channels) */
  autoBeta: BooleanParameter;
  /** faces of an uploaded photo to edit, by index (default: every face of the photo) */
  faces: IntListParameter;
  /** also paste the edited face(s) back into the full-resolution photo (faces of uploaded photos) */
  pasteBack: BooleanParameter;
};

export type EditMapperParameters = {
  __typename?: 'EditMapperParameters';
  /** multiplier of the mapper residual */
  strength: FloatParameter;
  /** faces of an uploaded photo to edit, by index (default: every face of the photo) */
  faces: IntListParameter;
  /** also paste the edited face(s) back into the full-resolution photo (faces of uploaded photos) */
  pasteBack: BooleanParameter;
};

export type TextDirectionParameters = {
  __typename?: 'TextDirectionParameters';
  neutral: StringParameter;
  target: StringParameter;
  /** disentanglement threshold β: channels whose relevance |r| is below it are left alone */
  beta: FloatParameter;
  /** choose β per prompt (the largest that keeps some channels) */
  autoBeta: BooleanParameter;
  /** top channels listed */
  top: IntParameter;
};

export type PrecomputeDirectionsParameters = {
  __typename?: 'PrecomputeDirectionsParameters';
  /** images averaged per channel (official: 100) */
  images: IntParameter;
  /** samples of the S statistics (official: 100 000) */
  samples: IntParameter;
  /** OFFICIAL: non-toRGB layers with S index ≤ 16; ALL: every non-toRGB layer */
  layers: EnumParameter;
  /** which W+ rows the sampling truncates: ALL (TF, StyleCLIP; when absent) or FIRST8 (PyTorch port) */
  truncationLayers: EnumParameter;
  /** images per generator run */
  batch: IntParameter;
  /** fast mode: layers at or below the resolution CLIP needs (256 at 1024) are measured on the synthesis stopped there; not the official table */
  fast: BooleanParameter;
  /** channels per shard job (rounded up to whole chunks); shards run on any worker */
  shardChannels: IntParameter;
};

export type OptimizeLatentParameters = {
  __typename?: 'OptimizeLatentParameters';
  /** what the image should show, e.g. "a person with purple hair" */
  text: StringParameter;
  /** EDIT: stay close to the start (L2 and ID terms); FREE: the CLIP loss alone */
  mode: EnumParameter;
  /** optimize the W+ rows, or the StyleSpace codes (toRGB frozen) */
  space: EnumParameter;
  /** Adam steps (official: 300); the work of the job */
  steps: IntParameter;
  /** peak learning rate of the official ramp */
  lr: FloatParameter;
  /** weight of the latent L2 distance to the start (EDIT) */
  l2Lambda: FloatParameter;
  /** weight of the ArcFace identity loss against the start (EDIT; 0 turns it off) */
  idLambda: FloatParameter;
  /** render a preview every this many steps (official: save_intermediate_image_every 20) */
  previewEvery: IntParameter;
  /** save the optimizer state every this many steps (a resumed job repeats at most this many) */
  checkpointEvery: IntParameter;
};

export type TrainMapperParameters = {
  __typename?: 'TrainMapperParameters';
  /** the edit the mapper learns, e.g. "mohawk hairstyle" */
  text: StringParameter;
  /** the mapper’s name in the model set (default: from the text); letters, digits, _ and - */
  name: StringParameter;
  /** training steps (official: 50 000); the work of the job is steps × batch */
  steps: IntParameter;
  /** latents per step */
  batch: IntParameter;
  /** RANGER (official) or ADAM */
  optimizer: EnumParameter;
  /** learning rate */
  lr: FloatParameter;
  /** weight of the CLIP loss */
  clipLambda: FloatParameter;
  /** weight of the latent L2 (MSE) loss */
  l2Lambda: FloatParameter;
  /** weight of the ArcFace identity loss (0 turns it off) */
  idLambda: FloatParameter;
  /** train the coarse mapper (W+ rows 0–3) */
  coarse: BooleanParameter;
  /** train the medium mapper (rows 4–7) */
  medium: BooleanParameter;
  /** train the fine mapper (rows 8 on: colours) */
  fine: BooleanParameter;
  /** first seed of the training faces */
  seedStart: IntParameter;
  /** faces (W+ of consecutive seeds, ψ 0.7) to train on; a share is held out for evaluation (official: 5000) */
  seedCount: IntParameter;
  /** seed of the initial weights and of the shuffling */
  seed: IntParameter;
  /** render the evaluation batch every this many steps (official: image_interval 100) */
  evalEvery: IntParameter;
  /** save the mapper and optimizer state every this many steps (a resumed job repeats at most this many) */
  checkpointEvery: IntParameter;
};

export type CreateUploadParameters = {
  __typename?: 'CreateUploadParameters';
  /** bytes of the upload */
  size: IntParameter;
  contentType: EnumParameter;
  filename: StringParameter;
};

export type UploadedImageParameters = {
  __typename?: 'UploadedImageParameters';
  /** pixels */
  width: IntParameter;
  /** pixels */
  height: IntParameter;
};

export type InvertPhotoParameters = {
  __typename?: 'InvertPhotoParameters';
  /** faces inverted per photo (the best-scoring ones) */
  maxFaces: IntParameter;
  /** detections scoring below this are not taken for faces (dlib's confidence) */
  minScore: FloatParameter;
};

export type PhotoEditParameters = {
  __typename?: 'PhotoEditParameters';
  /** generator renders of one photo edit: faces × α (the work budget of one request) */
  renders: IntParameter;
};

export type PagesParameters = {
  __typename?: 'PagesParameters';
  /** gallery page size */
  images: IntParameter;
  /** edits listed per page */
  edits: IntParameter;
  /** jobs listed per page */
  jobs: IntParameter;
};

export type IntParameter = {
  __typename?: 'IntParameter';
  min?: Maybe<Scalars['Int']['output']>;
  max?: Maybe<Scalars['Int']['output']>;
  default?: Maybe<Scalars['Int']['output']>;
};

export type FloatParameter = {
  __typename?: 'FloatParameter';
  min?: Maybe<Scalars['Float']['output']>;
  max?: Maybe<Scalars['Float']['output']>;
  default?: Maybe<Scalars['Float']['output']>;
};

export type BooleanParameter = {
  __typename?: 'BooleanParameter';
  default?: Maybe<Scalars['Boolean']['output']>;
};

export type EnumParameter = {
  __typename?: 'EnumParameter';
  values: Array<Scalars['String']['output']>;
  default?: Maybe<Scalars['String']['output']>;
};

export type StringParameter = {
  __typename?: 'StringParameter';
  /** In characters. */
  minLength?: Maybe<Scalars['Int']['output']>;
  maxLength?: Maybe<Scalars['Int']['output']>;
};

export type IntListParameter = {
  __typename?: 'IntListParameter';
  /** List length. */
  minItems?: Maybe<Scalars['Int']['output']>;
  maxItems?: Maybe<Scalars['Int']['output']>;
  /** Each item. */
  min?: Maybe<Scalars['Int']['output']>;
  max?: Maybe<Scalars['Int']['output']>;
  default?: Maybe<Array<Scalars['Int']['output']>>;
};

export type FloatListParameter = {
  __typename?: 'FloatListParameter';
  /** List length. */
  minItems?: Maybe<Scalars['Int']['output']>;
  maxItems?: Maybe<Scalars['Int']['output']>;
  /** Each item. */
  min?: Maybe<Scalars['Float']['output']>;
  max?: Maybe<Scalars['Float']['output']>;
  default?: Maybe<Array<Scalars['Float']['output']>>;
};

/** Limits and defaults: `parameters.invertPhoto`. */
export type InvertPhotoInput = {
  /** The uploaded photo (an Image of source UPLOADED). */
  imageId: Scalars['ID']['input'];
  /** Most faces to invert (the best-scoring ones). */
  maxFaces?: InputMaybe<Scalars['Int']['input']>;
  /** Detections scoring below this are not taken for faces (dlib's confidence). */
  minScore?: InputMaybe<Scalars['Float']['input']>;
};

export type PhotoState =
  /** Its faces are being found and inverted (see `job`). */
  | 'PENDING'
  | 'DONE'
  /** No face was found (see `error`). */
  | 'NO_FACE'
  /** The inversion failed (see `error`); `invertPhoto` starts it again. */
  | 'FAILED';

/** An uploaded photo: its faces, found by dlib's detector, aligned as FFHQ/e4e do and inverted by the encoder. */
export type Photo = {
  __typename?: 'Photo';
  /** The uploaded image's id. */
  id: Scalars['ID']['output'];
  /** The uploaded photo. */
  image: Image;
  state: PhotoState;
  /** The INVERT_PHOTO job (once it has started). */
  job?: Maybe<Job>;
  width: Scalars['Int']['output'];
  height: Scalars['Int']['output'];
  /** The faces, best detection first (empty until DONE). */
  faces: Array<PhotoFace>;
  /** Faces detected at or above `minScore`: more than `faces` when `maxFaces` cut the list. */
  detected?: Maybe<Scalars['Int']['output']>;
  maxFaces: Scalars['Int']['output'];
  minScore: Scalars['Float']['output'];
  /** Why there are no faces (NO_FACE, FAILED). */
  error?: Maybe<PhotoError>;
};

export type PhotoError = {
  __typename?: 'PhotoError';
  /** An ErrorCode (NO_FACE, INVERSION_NOT_CONFIGURED, …). */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** One face of a photo. Coordinates are photo pixels (x right, y down). */
export type PhotoFace = {
  __typename?: 'PhotoFace';
  /** Position among the photo's faces (the `faces` of edit inputs). */
  index: Scalars['Int']['output'];
  /** dlib's rectangle (inclusive corners). */
  box: FaceBox;
  /** dlib's detection confidence. */
  score: Scalars['Float']['output'];
  /** The 68 landmarks (iBUG order). */
  landmarks: Array<Point>;
  /** The aligned face's footprint in the photo: its corners NW, SW, SE, NE. */
  quad: Array<Point>;
  /** The aligned face (PNG at the encoder's input size, 256 for e4e). */
  alignedUrl: Scalars['String']['output'];
  /** What the encoder made of it: the generator's image of its W+, at the aligned size (PNG). */
  reconstructionUrl: Scalars['String']['output'];
  /** The face as an editable image: its latent is the W+ inversion; edit it like any image (pasteBack puts it back). */
  image: Image;
  /** The inversion came from the cache (this face was inverted before, in this photo or another). */
  cached: Scalars['Boolean']['output'];
};

export type FaceBox = {
  __typename?: 'FaceBox';
  left: Scalars['Int']['output'];
  top: Scalars['Int']['output'];
  right: Scalars['Int']['output'];
  bottom: Scalars['Int']['output'];
};

export type Point = {
  __typename?: 'Point';
  x: Scalars['Float']['output'];
  y: Scalars['Float']['output'];
};

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<
  TResult,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<
  TResult,
  TKey extends string,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<
  TTypes,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
> = (parent: TParent, context: TContext, info: GraphQLResolveInfo) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  obj: T,
  context: TContext,
  info: GraphQLResolveInfo,
) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<
  TResult = Record<PropertyKey, never>,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Deletion: ResolverTypeWrapper<Deletion>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ErrorCode: ErrorCode;
  Health: ResolverTypeWrapper<Health>;
  ImageSource: ImageSource;
  EditMethod: EditMethod;
  ImageFilter: ImageFilter;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ImageConnection: ResolverTypeWrapper<
    Omit<ImageConnection, 'edges'> & { edges: Array<ResolversTypes['ImageEdge']> }
  >;
  ImageEdge: ResolverTypeWrapper<Omit<ImageEdge, 'node'> & { node: ResolversTypes['Image'] }>;
  EditConnection: ResolverTypeWrapper<
    Omit<EditConnection, 'edges'> & { edges: Array<ResolversTypes['EditEdge']> }
  >;
  EditEdge: ResolverTypeWrapper<Omit<EditEdge, 'node'> & { node: ResolversTypes['Edit'] }>;
  Image: ResolverTypeWrapper<ImageRecord>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  InversionStatus: InversionStatus;
  LatentSpace: LatentSpace;
  Latent: ResolverTypeWrapper<LatentRecord>;
  Channel: ResolverTypeWrapper<Channel>;
  Edit: ResolverTypeWrapper<EditRecord>;
  EditResult: ResolverTypeWrapper<EditResultParent>;
  EditPreview: ResolverTypeWrapper<EditPreview>;
  MapperPreview: ResolverTypeWrapper<MapperPreview>;
  PreviewImage: ResolverTypeWrapper<PreviewImage>;
  ModelSet: ResolverTypeWrapper<ModelSetEntry>;
  Mapper: ResolverTypeWrapper<MapperParent>;
  DirectionsInfo: ResolverTypeWrapper<DirectionsInfo>;
  TextDirectionPreview: ResolverTypeWrapper<TextDirectionPreview>;
  TextDirectionInput: TextDirectionInput;
  GenerateImagesInput: GenerateImagesInput;
  CreateUploadInput: CreateUploadInput;
  UploadTicket: ResolverTypeWrapper<UploadTicket>;
  Header: ResolverTypeWrapper<Header>;
  EditGlobalInput: EditGlobalInput;
  EditMapperInput: EditMapperInput;
  DirectionLayers: DirectionLayers;
  TruncationLayers: TruncationLayers;
  PrecomputeDirectionsInput: PrecomputeDirectionsInput;
  JobKind: JobKind;
  JobState: JobState;
  Job: ResolverTypeWrapper<JobEvent>;
  JobError: ResolverTypeWrapper<JobError>;
  JobConnection: ResolverTypeWrapper<
    Omit<JobConnection, 'edges'> & { edges: Array<ResolversTypes['JobEdge']> }
  >;
  JobEdge: ResolverTypeWrapper<Omit<JobEdge, 'node'> & { node: ResolversTypes['Job'] }>;
  OptimizeMode: OptimizeMode;
  MapperOptimizer: MapperOptimizer;
  OptimizeLatentInput: OptimizeLatentInput;
  TrainMapperInput: TrainMapperInput;
  LossTerms: ResolverTypeWrapper<LossTerms>;
  LossCurve: ResolverTypeWrapper<LossCurve>;
  MapperEvaluation: ResolverTypeWrapper<MapperEvaluation>;
  TrainingProgress: ResolverTypeWrapper<TrainingProgress>;
  OptimizationSettings: ResolverTypeWrapper<OptimizationParent>;
  MapperTrainingSettings: ResolverTypeWrapper<MapperTrainingSettings>;
  TrainedMapper: ResolverTypeWrapper<MapperRecord>;
  Parameters: ResolverTypeWrapper<ParametersDescription>;
  GenerateImagesParameters: ResolverTypeWrapper<GenerateImagesParameters>;
  EditGlobalParameters: ResolverTypeWrapper<EditGlobalParameters>;
  EditMapperParameters: ResolverTypeWrapper<EditMapperParameters>;
  TextDirectionParameters: ResolverTypeWrapper<TextDirectionParameters>;
  PrecomputeDirectionsParameters: ResolverTypeWrapper<PrecomputeDirectionsParameters>;
  OptimizeLatentParameters: ResolverTypeWrapper<OptimizeLatentParameters>;
  TrainMapperParameters: ResolverTypeWrapper<TrainMapperParameters>;
  CreateUploadParameters: ResolverTypeWrapper<CreateUploadParameters>;
  UploadedImageParameters: ResolverTypeWrapper<UploadedImageParameters>;
  InvertPhotoParameters: ResolverTypeWrapper<InvertPhotoParameters>;
  PhotoEditParameters: ResolverTypeWrapper<PhotoEditParameters>;
  PagesParameters: ResolverTypeWrapper<PagesParameters>;
  IntParameter: ResolverTypeWrapper<IntParameter>;
  FloatParameter: ResolverTypeWrapper<FloatParameter>;
  BooleanParameter: ResolverTypeWrapper<BooleanParameter>;
  EnumParameter: ResolverTypeWrapper<EnumParameter>;
  StringParameter: ResolverTypeWrapper<StringParameter>;
  IntListParameter: ResolverTypeWrapper<IntListParameter>;
  FloatListParameter: ResolverTypeWrapper<FloatListParameter>;
  InvertPhotoInput: InvertPhotoInput;
  PhotoState: PhotoState;
  Photo: ResolverTypeWrapper<PhotoRecord>;
  PhotoError: ResolverTypeWrapper<PhotoError>;
  PhotoFace: ResolverTypeWrapper<PhotoFaceRecord>;
  FaceBox: ResolverTypeWrapper<FaceBox>;
  Point: ResolverTypeWrapper<PointParent>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars['DateTime']['output'];
  JSON: Scalars['JSON']['output'];
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Mutation: Record<PropertyKey, never>;
  Deletion: Deletion;
  Subscription: Record<PropertyKey, never>;
  Health: Health;
  ImageFilter: ImageFilter;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  ImageConnection: Omit<ImageConnection, 'edges'> & { edges: Array<ResolversParentTypes['ImageEdge']> };
  ImageEdge: Omit<ImageEdge, 'node'> & { node: ResolversParentTypes['Image'] };
  EditConnection: Omit<EditConnection, 'edges'> & { edges: Array<ResolversParentTypes['EditEdge']> };
  EditEdge: Omit<EditEdge, 'node'> & { node: ResolversParentTypes['Edit'] };
  Image: ImageRecord;
  Float: Scalars['Float']['output'];
  Latent: LatentRecord;
  Channel: Channel;
  Edit: EditRecord;
  EditResult: EditResultParent;
  EditPreview: EditPreview;
  MapperPreview: MapperPreview;
  PreviewImage: PreviewImage;
  ModelSet: ModelSetEntry;
  Mapper: MapperParent;
  DirectionsInfo: DirectionsInfo;
  TextDirectionPreview: TextDirectionPreview;
  TextDirectionInput: TextDirectionInput;
  GenerateImagesInput: GenerateImagesInput;
  CreateUploadInput: CreateUploadInput;
  UploadTicket: UploadTicket;
  Header: Header;
  EditGlobalInput: EditGlobalInput;
  EditMapperInput: EditMapperInput;
  PrecomputeDirectionsInput: PrecomputeDirectionsInput;
  Job: JobEvent;
  JobError: JobError;
  JobConnection: Omit<JobConnection, 'edges'> & { edges: Array<ResolversParentTypes['JobEdge']> };
  JobEdge: Omit<JobEdge, 'node'> & { node: ResolversParentTypes['Job'] };
  OptimizeLatentInput: OptimizeLatentInput;
  TrainMapperInput: TrainMapperInput;
  LossTerms: LossTerms;
  LossCurve: LossCurve;
  MapperEvaluation: MapperEvaluation;
  TrainingProgress: TrainingProgress;
  OptimizationSettings: OptimizationParent;
  MapperTrainingSettings: MapperTrainingSettings;
  TrainedMapper: MapperRecord;
  Parameters: ParametersDescription;
  GenerateImagesParameters: GenerateImagesParameters;
  EditGlobalParameters: EditGlobalParameters;
  EditMapperParameters: EditMapperParameters;
  TextDirectionParameters: TextDirectionParameters;
  PrecomputeDirectionsParameters: PrecomputeDirectionsParameters;
  OptimizeLatentParameters: OptimizeLatentParameters;
  TrainMapperParameters: TrainMapperParameters;
  CreateUploadParameters: CreateUploadParameters;
  UploadedImageParameters: UploadedImageParameters;
  InvertPhotoParameters: InvertPhotoParameters;
  PhotoEditParameters: PhotoEditParameters;
  PagesParameters: PagesParameters;
  IntParameter: IntParameter;
  FloatParameter: FloatParameter;
  BooleanParameter: BooleanParameter;
  EnumParameter: EnumParameter;
  StringParameter: StringParameter;
  IntListParameter: IntListParameter;
  FloatListParameter: FloatListParameter;
  InvertPhotoInput: InvertPhotoInput;
  Photo: PhotoRecord;
  PhotoError: PhotoError;
  PhotoFace: PhotoFaceRecord;
  FaceBox: FaceBox;
  Point: PointParent;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type QueryResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query'],
> = {
  health?: Resolver<ResolversTypes['Health'], ParentType, ContextType>;
  images?: Resolver<ResolversTypes['ImageConnection'], ParentType, ContextType, Partial<QueryImagesArgs>>;
  image?: Resolver<
    Maybe<ResolversTypes['Image']>,
    ParentType,
    ContextType,
    RequireFields<QueryImageArgs, 'id'>
  >;
  edit?: Resolver<Maybe<ResolversTypes['Edit']>, ParentType, ContextType, RequireFields<QueryEditArgs, 'id'>>;
  modelSets?: Resolver<Array<ResolversTypes['ModelSet']>, ParentType, ContextType>;
  modelSet?: Resolver<Maybe<ResolversTypes['ModelSet']>, ParentType, ContextType, Partial<QueryModelSetArgs>>;
  textDirection?: Resolver<
    ResolversTypes['TextDirectionPreview'],
    ParentType,
    ContextType,
    RequireFields<QueryTextDirectionArgs, 'input'>
  >;
  previewGlobalEdit?: Resolver<
    ResolversTypes['EditPreview'],
    ParentType,
    ContextType,
    RequireFields<QueryPreviewGlobalEditArgs, 'input'>
  >;
  previewMapperEdit?: Resolver<
    ResolversTypes['MapperPreview'],
    ParentType,
    ContextType,
    RequireFields<QueryPreviewMapperEditArgs, 'input'>
  >;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryJobArgs, 'id'>>;
  jobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, Partial<QueryJobsArgs>>;
  parameters?: Resolver<ResolversTypes['Parameters'], ParentType, ContextType>;
  trainedMappers?: Resolver<
    Array<ResolversTypes['TrainedMapper']>,
    ParentType,
    ContextType,
    Partial<QueryTrainedMappersArgs>
  >;
  trainedMapper?: Resolver<
    Maybe<ResolversTypes['TrainedMapper']>,
    ParentType,
    ContextType,
    RequireFields<QueryTrainedMapperArgs, 'name'>
  >;
  photo?: Resolver<
    Maybe<ResolversTypes['Photo']>,
    ParentType,
    ContextType,
    RequireFields<QueryPhotoArgs, 'id'>
  >;
};

export type MutationResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation'],
> = {
  generateImages?: Resolver<
    Array<ResolversTypes['Image']>,
    ParentType,
    ContextType,
    RequireFields<MutationGenerateImagesArgs, 'input'>
  >;
  createUpload?: Resolver<
    ResolversTypes['UploadTicket'],
    ParentType,
    ContextType,
    RequireFields<MutationCreateUploadArgs, 'input'>
  >;
  completeUpload?: Resolver<
    ResolversTypes['Image'],
    ParentType,
    ContextType,
    RequireFields<MutationCompleteUploadArgs, 'uploadId'>
  >;
  editGlobal?: Resolver<
    ResolversTypes['Edit'],
    ParentType,
    ContextType,
    RequireFields<MutationEditGlobalArgs, 'input'>
  >;
  editMapper?: Resolver<
    ResolversTypes['Edit'],
    ParentType,
    ContextType,
    RequireFields<MutationEditMapperArgs, 'input'>
  >;
  precomputeDirections?: Resolver<
    ResolversTypes['Job'],
    ParentType,
    ContextType,
    RequireFields<MutationPrecomputeDirectionsArgs, 'input'>
  >;
  cancelJob?: Resolver<
    ResolversTypes['Job'],
    ParentType,
    ContextType,
    RequireFields<MutationCancelJobArgs, 'id'>
  >;
  deleteImage?: Resolver<
    ResolversTypes['Deletion'],
    ParentType,
    ContextType,
    RequireFields<MutationDeleteImageArgs, 'id'>
  >;
  deleteEdit?: Resolver<
    ResolversTypes['Deletion'],
    ParentType,
    ContextType,
    RequireFields<MutationDeleteEditArgs, 'id'>
  >;
  optimizeLatent?: Resolver<
    ResolversTypes['Job'],
    ParentType,
    ContextType,
    RequireFields<MutationOptimizeLatentArgs, 'input'>
  >;
  trainMapper?: Resolver<
    ResolversTypes['Job'],
    ParentType,
    ContextType,
    RequireFields<MutationTrainMapperArgs, 'input'>
  >;
  invertPhoto?: Resolver<
    ResolversTypes['Photo'],
    ParentType,
    ContextType,
    RequireFields<MutationInvertPhotoArgs, 'input'>
  >;
};

export type DeletionResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Deletion'] = ResolversParentTypes['Deletion'],
> = {
  images?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  edits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  files?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SubscriptionResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription'],
> = {
  jobUpdated?: SubscriptionResolver<
    ResolversTypes['Job'],
    'jobUpdated',
    ParentType,
    ContextType,
    RequireFields<SubscriptionJobUpdatedArgs, 'id'>
  >;
};

export type HealthResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Health'] = ResolversParentTypes['Health'],
> = {
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelSets?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  storage?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PageInfoResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo'],
> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ImageConnectionResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['ImageConnection'] = ResolversParentTypes['ImageConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['ImageEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ImageEdgeResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['ImageEdge'] = ResolversParentTypes['ImageEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
};

export type EditConnectionResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['EditConnection'] = ResolversParentTypes['EditConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['EditEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EditEdgeResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['EditEdge'] = ResolversParentTypes['EditEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Edit'], ParentType, ContextType>;
};

export type ImageResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Image'] = ResolversParentTypes['Image'],
> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['ImageSource'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  modelSetId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seed?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  truncation?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  latent?: Resolver<Maybe<ResolversTypes['Latent']>, ParentType, ContextType>;
  inversionStatus?: Resolver<Maybe<ResolversTypes['InversionStatus']>, ParentType, ContextType>;
  parentEdit?: Resolver<Maybe<ResolversTypes['Edit']>, ParentType, ContextType>;
  edits?: Resolver<ResolversTypes['EditConnection'], ParentType, ContextType, Partial<ImageEditsArgs>>;
  photo?: Resolver<Maybe<ResolversTypes['Photo']>, ParentType, ContextType>;
  face?: Resolver<Maybe<ResolversTypes['PhotoFace']>, ParentType, ContextType>;
};

export type LatentResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Latent'] = ResolversParentTypes['Latent'],
> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  space?: Resolver<ResolversTypes['LatentSpace'], ParentType, ContextType>;
  shape?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ChannelResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Channel'] = ResolversParentTypes['Channel'],
> = {
  layer?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  layerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type EditResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Edit'] = ResolversParentTypes['Edit'],
> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['EditMethod'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  neutral?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  target?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  alphas?: Resolver<Maybe<Array<ResolversTypes['Float']>>, ParentType, ContextType>;
  beta?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  autoBeta?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  channels?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  topChannels?: Resolver<Maybe<Array<ResolversTypes['Channel']>>, ParentType, ContextType>;
  mapper?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  strength?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  results?: Resolver<Array<ResolversTypes['EditResult']>, ParentType, ContextType>;
  shareUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  optimization?: Resolver<Maybe<ResolversTypes['OptimizationSettings']>, ParentType, ContextType>;
  faces?: Resolver<Maybe<Array<ResolversTypes['Int']>>, ParentType, ContextType>;
  pastedBack?: Resolver<Array<ResolversTypes['EditResult']>, ParentType, ContextType>;
};

export type EditResultResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['EditResult'] = ResolversParentTypes['EditResult'],
> = {
  alpha?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
  face?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type EditPreviewResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['EditPreview'] = ResolversParentTypes['EditPreview'],
> = {
  channels?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  beta?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  autoBeta?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  topChannels?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType>;
  images?: Resolver<Array<ResolversTypes['PreviewImage']>, ParentType, ContextType>;
};

export type MapperPreviewResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['MapperPreview'] = ResolversParentTypes['MapperPreview'],
> = {
  strength?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  images?: Resolver<Array<ResolversTypes['PreviewImage']>, ParentType, ContextType>;
};

export type PreviewImageResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['PreviewImage'] = ResolversParentTypes['PreviewImage'],
> = {
  alpha?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  dataUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ModelSetResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['ModelSet'] = ResolversParentTypes['ModelSet'],
> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  styleDim?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nLatent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  mappers?: Resolver<Array<ResolversTypes['Mapper']>, ParentType, ContextType>;
  hasClip?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasDirections?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  directions?: Resolver<Maybe<ResolversTypes['DirectionsInfo']>, ParentType, ContextType>;
  inversionConfigured?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  previewResolutions?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  previewResolution?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MapperResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Mapper'] = ResolversParentTypes['Mapper'],
> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  coarse?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  medium?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  fine?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  trained?: Resolver<Maybe<ResolversTypes['TrainedMapper']>, ParentType, ContextType>;
};

export type DirectionsInfoResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['DirectionsInfo'] = ResolversParentTypes['DirectionsInfo'],
> = {
  rows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  layers?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  images?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  origin?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TextDirectionPreviewResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['TextDirectionPreview'] =
    ResolversParentTypes['TextDirectionPreview'],
> = {
  channels?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  beta?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxAbsRelevance?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  dtNorm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  topChannels?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType>;
};

export type UploadTicketResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['UploadTicket'] = ResolversParentTypes['UploadTicket'],
> = {
  uploadId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  headers?: Resolver<Array<ResolversTypes['Header']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type HeaderResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Header'] = ResolversParentTypes['Header'],
> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type JobResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job'],
> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['JobKind'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['JobState'], ParentType, ContextType>;
  modelSetId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  phase?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  done?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  etaSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['JobError']>, ParentType, ContextType>;
  detail?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  previewUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  result?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  training?: Resolver<Maybe<ResolversTypes['TrainingProgress']>, ParentType, ContextType>;
  edit?: Resolver<Maybe<ResolversTypes['Edit']>, ParentType, ContextType>;
  trainedMapper?: Resolver<Maybe<ResolversTypes['TrainedMapper']>, ParentType, ContextType>;
};

export type JobErrorResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['JobError'] = ResolversParentTypes['JobError'],
> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type JobConnectionResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['JobConnection'] = ResolversParentTypes['JobConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['JobEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type JobEdgeResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['JobEdge'] = ResolversParentTypes['JobEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
};

export type LossTermsResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['LossTerms'] = ResolversParentTypes['LossTerms'],
> = {
  clip?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  l2?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type LossCurveResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['LossCurve'] = ResolversParentTypes['LossCurve'],
> = {
  stride?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  step?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  total?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  clip?: Resolver<Maybe<Array<ResolversTypes['Float']>>, ParentType, ContextType>;
  l2?: Resolver<Maybe<Array<ResolversTypes['Float']>>, ParentType, ContextType>;
  id?: Resolver<Maybe<Array<ResolversTypes['Float']>>, ParentType, ContextType>;
  lr?: Resolver<Maybe<Array<ResolversTypes['Float']>>, ParentType, ContextType>;
};

export type MapperEvaluationResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['MapperEvaluation'] = ResolversParentTypes['MapperEvaluation'],
> = {
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  losses?: Resolver<ResolversTypes['LossTerms'], ParentType, ContextType>;
};

export type TrainingProgressResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['TrainingProgress'] = ResolversParentTypes['TrainingProgress'],
> = {
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  steps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  losses?: Resolver<Maybe<ResolversTypes['LossTerms']>, ParentType, ContextType>;
  curve?: Resolver<ResolversTypes['LossCurve'], ParentType, ContextType>;
  evaluations?: Resolver<Maybe<Array<ResolversTypes['MapperEvaluation']>>, ParentType, ContextType>;
  mapper?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type OptimizationSettingsResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['OptimizationSettings'] =
    ResolversParentTypes['OptimizationSettings'],
> = {
  mode?: Resolver<ResolversTypes['OptimizeMode'], ParentType, ContextType>;
  space?: Resolver<ResolversTypes['LatentSpace'], ParentType, ContextType>;
  steps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lr?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  l2Lambda?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  idLambda?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  losses?: Resolver<ResolversTypes['LossTerms'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
};

export type MapperTrainingSettingsResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['MapperTrainingSettings'] =
    ResolversParentTypes['MapperTrainingSettings'],
> = {
  steps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  batch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  optimizer?: Resolver<ResolversTypes['MapperOptimizer'], ParentType, ContextType>;
  lr?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  clipLambda?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  l2Lambda?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  idLambda?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  coarse?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  medium?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  fine?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  seedStart?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TrainedMapperResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['TrainedMapper'] = ResolversParentTypes['TrainedMapper'],
> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelSetId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  training?: Resolver<ResolversTypes['MapperTrainingSettings'], ParentType, ContextType>;
  losses?: Resolver<ResolversTypes['LossTerms'], ParentType, ContextType>;
  evalLosses?: Resolver<Maybe<ResolversTypes['LossTerms']>, ParentType, ContextType>;
  checkpointUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paramsSha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
};

export type ParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Parameters'] = ResolversParentTypes['Parameters'],
> = {
  generateImages?: Resolver<ResolversTypes['GenerateImagesParameters'], ParentType, ContextType>;
  editGlobal?: Resolver<ResolversTypes['EditGlobalParameters'], ParentType, ContextType>;
  editMapper?: Resolver<ResolversTypes['EditMapperParameters'], ParentType, ContextType>;
  textDirection?: Resolver<ResolversTypes['TextDirectionParameters'], ParentType, ContextType>;
  precomputeDirections?: Resolver<ResolversTypes['PrecomputeDirectionsParameters'], ParentType, ContextType>;
  optimizeLatent?: Resolver<ResolversTypes['OptimizeLatentParameters'], ParentType, ContextType>;
  trainMapper?: Resolver<ResolversTypes['TrainMapperParameters'], ParentType, ContextType>;
  createUpload?: Resolver<ResolversTypes['CreateUploadParameters'], ParentType, ContextType>;
  uploadedImage?: Resolver<ResolversTypes['UploadedImageParameters'], ParentType, ContextType>;
  invertPhoto?: Resolver<ResolversTypes['InvertPhotoParameters'], ParentType, ContextType>;
  photoEdit?: Resolver<ResolversTypes['PhotoEditParameters'], ParentType, ContextType>;
  pages?: Resolver<ResolversTypes['PagesParameters'], ParentType, ContextType>;
};

export type GenerateImagesParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['GenerateImagesParameters'] =
    ResolversParentTypes['GenerateImagesParameters'],
> = {
  seeds?: Resolver<ResolversTypes['IntListParameter'], ParentType, ContextType>;
  truncation?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
};

export type EditGlobalParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['EditGlobalParameters'] =
    ResolversParentTypes['EditGlobalParameters'],
> = {
  neutral?: Resolver<ResolversTypes['StringParameter'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['StringParameter'], ParentType, ContextType>;
  alphas?: Resolver<ResolversTypes['FloatListParameter'], ParentType, ContextType>;
  beta?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
  autoBeta?: Resolver<ResolversTypes['BooleanParameter'], ParentType, ContextType>;
  faces?: Resolver<ResolversTypes['IntListParameter'], ParentType, ContextType>;
  pasteBack?: Resolver<ResolversTypes['BooleanParameter'], ParentType, ContextType>;
};

export type EditMapperParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['EditMapperParameters'] =
    ResolversParentTypes['EditMapperParameters'],
> = {
  strength?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
  faces?: Resolver<ResolversTypes['IntListParameter'], ParentType, ContextType>;
  pasteBack?: Resolver<ResolversTypes['BooleanParameter'], ParentType, ContextType>;
};

export type TextDirectionParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['TextDirectionParameters'] =
    ResolversParentTypes['TextDirectionParameters'],
> = {
  neutral?: Resolver<ResolversTypes['StringParameter'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['StringParameter'], ParentType, ContextType>;
  beta?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
  autoBeta?: Resolver<ResolversTypes['BooleanParameter'], ParentType, ContextType>;
  top?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
};

export type PrecomputeDirectionsParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['PrecomputeDirectionsParameters'] =
    ResolversParentTypes['PrecomputeDirectionsParameters'],
> = {
  images?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  samples?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  layers?: Resolver<ResolversTypes['EnumParameter'], ParentType, ContextType>;
  truncationLayers?: Resolver<ResolversTypes['EnumParameter'], ParentType, ContextType>;
  batch?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  fast?: Resolver<ResolversTypes['BooleanParameter'], ParentType, ContextType>;
  shardChannels?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
};

export type OptimizeLatentParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['OptimizeLatentParameters'] =
    ResolversParentTypes['OptimizeLatentParameters'],
> = {
  text?: Resolver<ResolversTypes['StringParameter'], ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['EnumParameter'], ParentType, ContextType>;
  space?: Resolver<ResolversTypes['EnumParameter'], ParentType, ContextType>;
  steps?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  lr?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
  l2Lambda?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
  idLambda?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
  previewEvery?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  checkpointEvery?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
};

export type TrainMapperParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['TrainMapperParameters'] =
    ResolversParentTypes['TrainMapperParameters'],
> = {
  text?: Resolver<ResolversTypes['StringParameter'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['StringParameter'], ParentType, ContextType>;
  steps?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  batch?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  optimizer?: Resolver<ResolversTypes['EnumParameter'], ParentType, ContextType>;
  lr?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
  clipLambda?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
  l2Lambda?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
  idLambda?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
  coarse?: Resolver<ResolversTypes['BooleanParameter'], ParentType, ContextType>;
  medium?: Resolver<ResolversTypes['BooleanParameter'], ParentType, ContextType>;
  fine?: Resolver<ResolversTypes['BooleanParameter'], ParentType, ContextType>;
  seedStart?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  seedCount?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  evalEvery?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  checkpointEvery?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
};

export type CreateUploadParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['CreateUploadParameters'] =
    ResolversParentTypes['CreateUploadParameters'],
> = {
  size?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  contentType?: Resolver<ResolversTypes['EnumParameter'], ParentType, ContextType>;
  filename?: Resolver<ResolversTypes['StringParameter'], ParentType, ContextType>;
};

export type UploadedImageParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['UploadedImageParameters'] =
    ResolversParentTypes['UploadedImageParameters'],
> = {
  width?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
};

export type InvertPhotoParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['InvertPhotoParameters'] =
    ResolversParentTypes['InvertPhotoParameters'],
> = {
  maxFaces?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  minScore?: Resolver<ResolversTypes['FloatParameter'], ParentType, ContextType>;
};

export type PhotoEditParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['PhotoEditParameters'] =
    ResolversParentTypes['PhotoEditParameters'],
> = {
  renders?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
};

export type PagesParametersResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['PagesParameters'] = ResolversParentTypes['PagesParameters'],
> = {
  images?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  edits?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
  jobs?: Resolver<ResolversTypes['IntParameter'], ParentType, ContextType>;
};

export type IntParameterResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['IntParameter'] = ResolversParentTypes['IntParameter'],
> = {
  min?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  default?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type FloatParameterResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['FloatParameter'] = ResolversParentTypes['FloatParameter'],
> = {
  min?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  default?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type BooleanParameterResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['BooleanParameter'] = ResolversParentTypes['BooleanParameter'],
> = {
  default?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
};

export type EnumParameterResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['EnumParameter'] = ResolversParentTypes['EnumParameter'],
> = {
  values?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  default?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type StringParameterResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['StringParameter'] = ResolversParentTypes['StringParameter'],
> = {
  minLength?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  maxLength?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type IntListParameterResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['IntListParameter'] = ResolversParentTypes['IntListParameter'],
> = {
  minItems?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  maxItems?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  default?: Resolver<Maybe<Array<ResolversTypes['Int']>>, ParentType, ContextType>;
};

export type FloatListParameterResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['FloatListParameter'] = ResolversParentTypes['FloatListParameter'],
> = {
  minItems?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  maxItems?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  default?: Resolver<Maybe<Array<ResolversTypes['Float']>>, ParentType, ContextType>;
};

export type PhotoResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Photo'] = ResolversParentTypes['Photo'],
> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['PhotoState'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  faces?: Resolver<Array<ResolversTypes['PhotoFace']>, ParentType, ContextType>;
  detected?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  maxFaces?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['PhotoError']>, ParentType, ContextType>;
};

export type PhotoErrorResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['PhotoError'] = ResolversParentTypes['PhotoError'],
> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PhotoFaceResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['PhotoFace'] = ResolversParentTypes['PhotoFace'],
> = {
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  box?: Resolver<ResolversTypes['FaceBox'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  landmarks?: Resolver<Array<ResolversTypes['Point']>, ParentType, ContextType>;
  quad?: Resolver<Array<ResolversTypes['Point']>, ParentType, ContextType>;
  alignedUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reconstructionUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
  cached?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type FaceBoxResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['FaceBox'] = ResolversParentTypes['FaceBox'],
> = {
  left?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  top?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  right?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  bottom?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PointResolvers<
  ContextType = ApiContext,
  ParentType extends ResolversParentTypes['Point'] = ResolversParentTypes['Point'],
> = {
  x?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  Query?: QueryResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Deletion?: DeletionResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Health?: HealthResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  ImageConnection?: ImageConnectionResolvers<ContextType>;
  ImageEdge?: ImageEdgeResolvers<ContextType>;
  EditConnection?: EditConnectionResolvers<ContextType>;
  EditEdge?: EditEdgeResolvers<ContextType>;
  Image?: ImageResolvers<ContextType>;
  Latent?: LatentResolvers<ContextType>;
  Channel?: ChannelResolvers<ContextType>;
  Edit?: EditResolvers<ContextType>;
  EditResult?: EditResultResolvers<ContextType>;
  EditPreview?: EditPreviewResolvers<ContextType>;
  MapperPreview?: MapperPreviewResolvers<ContextType>;
  PreviewImage?: PreviewImageResolvers<ContextType>;
  ModelSet?: ModelSetResolvers<ContextType>;
  Mapper?: MapperResolvers<ContextType>;
  DirectionsInfo?: DirectionsInfoResolvers<ContextType>;
  TextDirectionPreview?: TextDirectionPreviewResolvers<ContextType>;
  UploadTicket?: UploadTicketResolvers<ContextType>;
  Header?: HeaderResolvers<ContextType>;
  Job?: JobResolvers<ContextType>;
  JobError?: JobErrorResolvers<ContextType>;
  JobConnection?: JobConnectionResolvers<ContextType>;
  JobEdge?: JobEdgeResolvers<ContextType>;
  LossTerms?: LossTermsResolvers<ContextType>;
  LossCurve?: LossCurveResolvers<ContextType>;
  MapperEvaluation?: MapperEvaluationResolvers<ContextType>;
  TrainingProgress?: TrainingProgressResolvers<ContextType>;
  OptimizationSettings?: OptimizationSettingsResolvers<ContextType>;
  MapperTrainingSettings?: MapperTrainingSettingsResolvers<ContextType>;
  TrainedMapper?: TrainedMapperResolvers<ContextType>;
  Parameters?: ParametersResolvers<ContextType>;
  GenerateImagesParameters?: GenerateImagesParametersResolvers<ContextType>;
  EditGlobalParameters?: EditGlobalParametersResolvers<ContextType>;
  EditMapperParameters?: EditMapperParametersResolvers<ContextType>;
  TextDirectionParameters?: TextDirectionParametersResolvers<ContextType>;
  PrecomputeDirectionsParameters?: PrecomputeDirectionsParametersResolvers<ContextType>;
  OptimizeLatentParameters?: OptimizeLatentParametersResolvers<ContextType>;
  TrainMapperParameters?: TrainMapperParametersResolvers<ContextType>;
  CreateUploadParameters?: CreateUploadParametersResolvers<ContextType>;
  UploadedImageParameters?: UploadedImageParametersResolvers<ContextType>;
  InvertPhotoParameters?: InvertPhotoParametersResolvers<ContextType>;
  PhotoEditParameters?: PhotoEditParametersResolvers<ContextType>;
  PagesParameters?: PagesParametersResolvers<ContextType>;
  IntParameter?: IntParameterResolvers<ContextType>;
  FloatParameter?: FloatParameterResolvers<ContextType>;
  BooleanParameter?: BooleanParameterResolvers<ContextType>;
  EnumParameter?: EnumParameterResolvers<ContextType>;
  StringParameter?: StringParameterResolvers<ContextType>;
  IntListParameter?: IntListParameterResolvers<ContextType>;
  FloatListParameter?: FloatListParameterResolvers<ContextType>;
  Photo?: PhotoResolvers<ContextType>;
  PhotoError?: PhotoErrorResolvers<ContextType>;
  PhotoFace?: PhotoFaceResolvers<ContextType>;
  FaceBox?: FaceBoxResolvers<ContextType>;
  Point?: PointResolvers<ContextType>;
};
