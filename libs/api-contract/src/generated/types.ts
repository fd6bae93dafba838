// Generated from src/schema.graphql by @graphql-codegen (`npm run codegen -w @styleclip/api-contract`).
// Do not edit by hand: change the schema and run the generator (a test fails when this file is stale).

export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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
  image: Maybe<Image>;
  edit: Maybe<Edit>;
  modelSets: Array<ModelSet>;
  /** A model set by id; the default set when id is omitted. */
  modelSet: Maybe<ModelSet>;
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
  job: Maybe<Job>;
  /** Jobs, newest first (`first`: `parameters.pages.jobs`). */
  jobs: JobConnection;
  /**
   * Every limit and default of the operations' parameters (ranges, list sizes, defaults), so clients check and
   * prefill forms exactly as the server validates. Omitted optional inputs take these defaults.
   */
  parameters: Parameters;
  /** Mappers trained by jobs for a model set (the default set when omitted), by name, with how they were trained. */
  trainedMappers: Array<TrainedMapper>;
  trainedMapper: Maybe<TrainedMapper>;
  /** An uploaded photo and its faces. Its id is the uploaded image's id (`Image.photo` links them). */
  photo: Maybe<Photo>;
};

export type QueryImagesArgs = {
  first: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['String']['input']>;
  filter: InputMaybe<ImageFilter>;
};

export type QueryImageArgs = {
  id: Scalars['ID']['input'];
};

export type QueryEditArgs = {
  id: Scalars['ID']['input'];
};

export type QueryModelSetArgs = {
  id: InputMaybe<Scalars['ID']['input']>;
};

export type QueryTextDirectionArgs = {
  input: TextDirectionInput;
};

export type QueryPreviewGlobalEditArgs = {
  input: EditGlobalInput;
  resolution: InputMaybe<Scalars['Int']['input']>;
};

export type QueryPreviewMapperEditArgs = {
  input: EditMapperInput;
  resolution: InputMaybe<Scalars['Int']['input']>;
};

export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};

export type QueryJobsArgs = {
  first: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['String']['input']>;
};

export type QueryTrainedMappersArgs = {
  modelSetId: InputMaybe<Scalars['ID']['input']>;
};

export type QueryTrainedMapperArgs = {
  modelSetId: InputMaybe<Scalars['ID']['input']>;
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
export const ErrorCode = {
  /** The query text is not valid GraphQL. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The query does not match the schema (unknown field, wrong argument type, …). */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request is malformed (no query, wrong content type, bad JSON). */
  BAD_REQUEST: 'BAD_REQUEST',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The API key is valid but may not do this (e.g. cancel a job another key started). */
  FORBIDDEN: 'FORBIDDEN',
  /** Too many requests, or more work than the caller's budget holds now (`extensions.limit` names which). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The request is too deep, resolves too many fields, or asks for too much work at once (`extensions.limit`). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A file is larger than allowed in bytes. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** An image is larger than allowed in pixels (width, height or their product). */
  IMAGE_TOO_MANY_PIXELS: 'IMAGE_TOO_MANY_PIXELS',
  /** A file has the signature of an accepted image type but cannot be decoded (damaged or truncated). */
  IMAGE_UNDECODABLE: 'IMAGE_UNDECODABLE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** A stored record cannot be read (damaged, or written by a newer release). Lists skip such records. */
  RECORD_CORRUPT: 'RECORD_CORRUPT',
  /** A stored file's bytes do not match its content hash (damaged in storage). */
  BLOB_CORRUPT: 'BLOB_CORRUPT',
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
  INVERSION_NOT_CONFIGURED: 'INVERSION_NOT_CONFIGURED',
  NO_CHANNELS: 'NO_CHANNELS',
  NO_DIRECTIONS: 'NO_DIRECTIONS',
  /** The photo has no face to edit: none was detected, or none could be aligned. The message says which. */
  NO_FACE: 'NO_FACE',
  JOB_LIMIT_REACHED: 'JOB_LIMIT_REACHED',
  /** The job queue (Redis) does not answer; nothing was submitted or changed. */
  QUEUE_UNAVAILABLE: 'QUEUE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
export type Health = {
  __typename?: 'Health';
  status: Scalars['String']['output'];
  version: Scalars['String']['output'];
  modelSets: Array<Scalars['String']['output']>;
  storage: Scalars['String']['output'];
};

export const ImageSource = {
  GENERATED: 'GENERATED',
  UPLOADED: 'UPLOADED',
  EDITED: 'EDITED',
} as const;

export type ImageSource = (typeof ImageSource)[keyof typeof ImageSource];
export const EditMethod = {
  /** A latent optimization job's result (see Edit.optimization). */
  OPTIMIZE: 'OPTIMIZE',
  GLOBAL: 'GLOBAL',
  MAPPER: 'MAPPER',
} as const;

export type EditMethod = (typeof EditMethod)[keyof typeof EditMethod];
export type ImageFilter = {
  /** Only images with at least one edit of this method. */
  method?: InputMaybe<EditMethod>;
  source?: InputMaybe<ImageSource>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
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
  seed: Maybe<Scalars['Int']['output']>;
  truncation: Maybe<Scalars['Float']['output']>;
  /** The latent the image came from; null for an upload that is not inverted. */
  latent: Maybe<Latent>;
  /** For uploads: why there is no latent yet (e.g. inversion not configured). */
  inversionStatus: Maybe<InversionStatus>;
  /** For EDITED images: the edit that produced it. */
  parentEdit: Maybe<Edit>;
  /** Edits of this image, newest first (`first`: `parameters.pages.edits`). */
  edits: EditConnection;
  /**
   * For uploads: the photo with its faces (null when no inversion encoder is configured). For faces of photos, edits
   * of them and photos with faces pasted back: the photo they belong to.
   */
  photo: Maybe<Photo>;
  /** For a face of a photo (its inversion) or an edit of one: which face it is. */
  face: Maybe<PhotoFace>;
};

export type ImageEditsArgs = {
  first: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['String']['input']>;
};

export const InversionStatus = {
  /** No face was found in the photo (see `Image.photo.error`). */
  NO_FACE: 'NO_FACE',
  NOT_CONFIGURED: 'NOT_CONFIGURED',
  PENDING: 'PENDING',
  DONE: 'DONE',
  FAILED: 'FAILED',
} as const;

export type InversionStatus = (typeof InversionStatus)[keyof typeof InversionStatus];
export const LatentSpace = {
  WPLUS: 'WPLUS',
  S: 'S',
} as const;

export type LatentSpace = (typeof LatentSpace)[keyof typeof LatentSpace];
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
  layerName: Maybe<Scalars['String']['output']>;
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
  neutral: Maybe<Scalars['String']['output']>;
  target: Maybe<Scalars['String']['output']>;
  alphas: Maybe<Array<Scalars['Float']['output']>>;
  /** The β used (the chosen one when autoBeta). */
  beta: Maybe<Scalars['Float']['output']>;
  autoBeta: Maybe<Scalars['Boolean']['output']>;
  channels: Maybe<Scalars['Int']['output']>;
  topChannels: Maybe<Array<Channel>>;
  mapper: Maybe<Scalars['String']['output']>;
  strength: Maybe<Scalars['Float']['output']>;
  /** One result per α (global) or one (mapper); each is an image usable as a new base. */
  results: Array<EditResult>;
  /** A link to share this edit. */
  shareUrl: Scalars['String']['output'];
  /** For OPTIMIZE edits: how the optimization ran (its text is `target`). */
  optimization: Maybe<OptimizationSettings>;
  /** For edits of photos: the faces edited (each result says its face). */
  faces: Maybe<Array<Scalars['Int']['output']>>;
  /**
   * With `pasteBack`: the photo at full resolution with the edited faces pasted back, one per α (one for a mapper).
   * Empty otherwise.
   */
  pastedBack: Array<EditResult>;
};

export type EditResult = {
  __typename?: 'EditResult';
  alpha: Maybe<Scalars['Float']['output']>;
  image: Image;
  /** For edits of photos: which face of the photo this result is. */
  face: Maybe<Scalars['Int']['output']>;
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
  directions: Maybe<DirectionsInfo>;
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
  trained: Maybe<TrainedMapper>;
};

export type DirectionsInfo = {
  __typename?: 'DirectionsInfo';
  rows: Scalars['Int']['output'];
  layers: Array<Scalars['Int']['output']>;
  images: Maybe<Scalars['Int']['output']>;
  origin: Scalars['String']['output'];
};

export type TextDirectionPreview = {
  __typename?: 'TextDirectionPreview';
  channels: Scalars['Int']['output'];
  beta: Scalars['Float']['output'];
  maxAbsRelevance: Scalars['Float']['output'];
  dtNorm: Maybe<Scalars['Float']['output']>;
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
export const DirectionLayers = {
  /** Non-toRGB layers with S index ≤ 16 (StyleCLIP's table: 5376 rows at 1024). */
  OFFICIAL: 'OFFICIAL',
  /** Every non-toRGB layer. */
  ALL: 'ALL',
} as const;

export type DirectionLayers = (typeof DirectionLayers)[keyof typeof DirectionLayers];
/** How the sampled latents of S statistics are truncated. */
export const TruncationLayers = {
  /** Every W+ row (TF, StyleCLIP). */
  ALL: 'ALL',
  /** The first 8 rows (the PyTorch port). */
  FIRST8: 'FIRST8',
} as const;

export type TruncationLayers = (typeof TruncationLayers)[keyof typeof TruncationLayers];
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

export const JobKind = {
  /** Finds, aligns and inverts the faces of an uploaded photo (result: photoId, faces, detected, encoded, cacheHits). */
  INVERT_PHOTO: 'INVERT_PHOTO',
  OPTIMIZE_LATENT: 'OPTIMIZE_LATENT',
  TRAIN_MAPPER: 'TRAIN_MAPPER',
  PRECOMPUTE_DIRECTIONS: 'PRECOMPUTE_DIRECTIONS',
} as const;

export type JobKind = (typeof JobKind)[keyof typeof JobKind];
export const JobState = {
  QUEUED: 'QUEUED',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
} as const;

export type JobState = (typeof JobState)[keyof typeof JobState];
export type Job = {
  __typename?: 'Job';
  id: Scalars['ID']['output'];
  kind: JobKind;
  state: JobState;
  modelSetId: Scalars['String']['output'];
  /** 0…1 */
  progress: Scalars['Float']['output'];
  /** What runs now (precompute: s-stats, fs3, done; or why a job waits, e.g. after an interrupted run). */
  phase: Maybe<Scalars['String']['output']>;
  /** Units done and total in the current phase (samples for s-stats, channels for fs3, summed over shards). */
  done: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
  etaSeconds: Maybe<Scalars['Float']['output']>;
  /** Runs started so far (more than one after an interruption, a dead worker or a retry). */
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  updatedAt: Scalars['DateTime']['output'];
  error: Maybe<JobError>;
  /** What the job reports beside progress (e.g. loss terms), as JSON. */
  detail: Maybe<Scalars['JSON']['output']>;
  /** The latest preview image the job made (PNG), if it makes any. */
  previewUrl: Maybe<Scalars['String']['output']>;
  /**
   * On success (precompute: rows, layers, images, samples, attempts, shards, chunks, and shardRuns/chunkRuns:
   * how many times each shard ran to completion and each chunk was computed).
   */
  result: Maybe<Scalars['JSON']['output']>;
  /** Training jobs (OPTIMIZE_LATENT, TRAIN_MAPPER): the current step, loss terms, loss curve and evaluations. */
  training: Maybe<TrainingProgress>;
  /** OPTIMIZE_LATENT, once it succeeded: the edit it stored (its one result is the optimized image). */
  edit: Maybe<Edit>;
  /** TRAIN_MAPPER, once it succeeded: the mapper it trained. */
  trainedMapper: Maybe<TrainedMapper>;
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

export const OptimizeMode = {
  /** Stay close to the start: CLIP + λ_L2·L2 + λ_ID·ID. */
  EDIT: 'EDIT',
  /** The CLIP loss alone (free generation). */
  FREE: 'FREE',
} as const;

export type OptimizeMode = (typeof OptimizeMode)[keyof typeof OptimizeMode];
export const MapperOptimizer = {
  RANGER: 'RANGER',
  ADAM: 'ADAM',
} as const;

export type MapperOptimizer = (typeof MapperOptimizer)[keyof typeof MapperOptimizer];
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
  clip: Maybe<Scalars['Float']['output']>;
  l2: Maybe<Scalars['Float']['output']>;
  id: Maybe<Scalars['Float']['output']>;
  total: Scalars['Float']['output'];
  /** The learning rate of the step. */
  lr: Maybe<Scalars['Float']['output']>;
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
  clip: Maybe<Array<Scalars['Float']['output']>>;
  l2: Maybe<Array<Scalars['Float']['output']>>;
  id: Maybe<Array<Scalars['Float']['output']>>;
  lr: Maybe<Array<Scalars['Float']['output']>>;
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
  losses: Maybe<LossTerms>;
  curve: LossCurve;
  /** TRAIN_MAPPER: the evaluations so far (the most recent 200). */
  evaluations: Maybe<Array<MapperEvaluation>>;
  /** TRAIN_MAPPER: the mapper's name. */
  mapper: Maybe<Scalars['String']['output']>;
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
  job: Maybe<Job>;
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
  evalLosses: Maybe<LossTerms>;
  /**
   * The official checkpoint (`{'state_dict': {'mapper.*'}, 'opts'}`, torch.save format) for the research code or
   * `styleclip models import --mapper`: a URL (presigned on S3, served by the API otherwise).
   */
  checkpointUrl: Scalars['String']['output'];
  /** sha256 of every parameter (float32) in state-dict order. */
  paramsSha256: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  job: Maybe<Job>;
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
  min: Maybe<Scalars['Int']['output']>;
  max: Maybe<Scalars['Int']['output']>;
  default: Maybe<Scalars['Int']['output']>;
};

export type FloatParameter = {
  __typename?: 'FloatParameter';
  min: Maybe<Scalars['Float']['output']>;
  max: Maybe<Scalars['Float']['output']>;
  default: Maybe<Scalars['Float']['output']>;
};

export type BooleanParameter = {
  __typename?: 'BooleanParameter';
  default: Maybe<Scalars['Boolean']['output']>;
};

export type EnumParameter = {
  __typename?: 'EnumParameter';
  values: Array<Scalars['String']['output']>;
  default: Maybe<Scalars['String']['output']>;
};

export type StringParameter = {
  __typename?: 'StringParameter';
  /** In characters. */
  minLength: Maybe<Scalars['Int']['output']>;
  maxLength: Maybe<Scalars['Int']['output']>;
};

export type IntListParameter = {
  __typename?: 'IntListParameter';
  /** List length. */
  minItems: Maybe<Scalars['Int']['output']>;
  maxItems: Maybe<Scalars['Int']['output']>;
  /** Each item. */
  min: Maybe<Scalars['Int']['output']>;
  max: Maybe<Scalars['Int']['output']>;
  default: Maybe<Array<Scalars['Int']['output']>>;
};

export type FloatListParameter = {
  __typename?: 'FloatListParameter';
  /** List length. */
  minItems: Maybe<Scalars['Int']['output']>;
  maxItems: Maybe<Scalars['Int']['output']>;
  /** Each item. */
  min: Maybe<Scalars['Float']['output']>;
  max: Maybe<Scalars['Float']['output']>;
  default: Maybe<Array<Scalars['Float']['output']>>;
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

export const PhotoState = {
  /** Its faces are being found and inverted (see `job`). */
  PENDING: 'PENDING',
  DONE: 'DONE',
  /** No face was found (see `error`). */
  NO_FACE: 'NO_FACE',
  /** The inversion failed (see `error`); `invertPhoto` starts it again. */
  FAILED: 'FAILED',
} as const;

export type PhotoState = (typeof PhotoState)[keyof typeof PhotoState];
/** An uploaded photo: its faces, found by dlib's detector, aligned as FFHQ/e4e do and inverted by the encoder. */
export type Photo = {
  __typename?: 'Photo';
  /** The uploaded image's id. */
  id: Scalars['ID']['output'];
  /** The uploaded photo. */
  image: Image;
  state: PhotoState;
  /** The INVERT_PHOTO job (once it has started). */
  job: Maybe<Job>;
  width: Scalars['Int']['output'];
  height: Scalars['Int']['output'];
  /** The faces, best detection first (empty until DONE). */
  faces: Array<PhotoFace>;
  /** Faces detected at or above `minScore`: more than `faces` when `maxFaces` cut the list. */
  detected: Maybe<Scalars['Int']['output']>;
  maxFaces: Scalars['Int']['output'];
  minScore: Scalars['Float']['output'];
  /** Why there are no faces (NO_FACE, FAILED). */
  error: Maybe<PhotoError>;
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

/** The schema (SDL). */
export const typeDefs: string =
  '"""\nThe StyleCLIP service API. Images are faces (generated from a seed, uploaded, or produced by an edit); edits\nchange an image with words (global directions) or with a latent mapper. Long work runs as jobs.\nErrors carry a stable `extensions.code` (see ErrorCode). Queries and subscriptions are public; when the server has\nAPI keys configured, mutations, and queries that run the models (previews, textDirection), need\n`Authorization: Bearer <key>`. The work of a whole request (aliases and list sizes: α, seeds, …) is counted before\nit runs, against per-request caps (QUERY_TOO_COMPLEX) and a budget per key or client address (RATE_LIMITED);\n`extensions.limit` names the limit.\n"""\nschema {\n  query: Query\n  mutation: Mutation\n  subscription: Subscription\n}\n\n"ISO-8601 date-time string."\nscalar DateTime\n\n"Arbitrary JSON (job results)."\nscalar JSON\n\ntype Query {\n  "Liveness and versions."\n  health: Health!\n  """\n  The gallery, newest first: base images (generated and uploaded) unless `filter.source` says otherwise\n  (EDITED lists edit results). `first` and its default: `parameters.pages.images`; `after` is the `endCursor`\n  of the previous page.\n  """\n  images(first: Int, after: String, filter: ImageFilter): ImageConnection!\n  image(id: ID!): Image\n  edit(id: ID!): Edit\n  modelSets: [ModelSet!]!\n  "A model set by id; the default set when id is omitted."\n  modelSet(id: ID): ModelSet\n  "Which channels a text pair moves at β (no image is generated)."\n  textDirection(input: TextDirectionInput!): TextDirectionPreview!\n  """\n  Renders a global edit without storing anything, for live previews. Same input, validation and errors as\n  editGlobal (e.g. INVERSION_NOT_CONFIGURED for an upload); to keep a result, call editGlobal.\n  """\n  previewGlobalEdit(\n    input: EditGlobalInput!\n    """\n    Width and height of the images: a power of two up to the set\'s size (default: the full size). A set\'s\n    `previewResolution` renders in at most a fifth of a full render (the synthesis stops early), for previews\n    while a slider moves.\n    """\n    resolution: Int\n  ): EditPreview!\n  """\n  Renders a mapper edit without storing anything, for live previews. Same input, validation and errors as\n  editMapper (W+ latents only: an S latent is refused with BAD_USER_INPUT; INVERSION_NOT_CONFIGURED for an\n  upload); to keep the result, call editMapper.\n  """\n  previewMapperEdit(\n    input: EditMapperInput!\n    "Width and height of the image, as for previewGlobalEdit."\n    resolution: Int\n  ): MapperPreview!\n  job(id: ID!): Job\n  "Jobs, newest first (`first`: `parameters.pages.jobs`)."\n  jobs(first: Int, after: String): JobConnection!\n  """\n  Every limit and default of the operations\' parameters (ranges, list sizes, defaults), so clients check and\n  prefill forms exactly as the server validates. Omitted optional inputs take these defaults.\n  """\n  parameters: Parameters!\n}\n\ntype Mutation {\n  "Generate faces from seeds (limits and defaults: `parameters.generateImages`)."\n  generateImages(input: GenerateImagesInput!): [Image!]!\n  "Start an upload: returns where to PUT the bytes (a presigned URL on S3, the API\'s upload endpoint otherwise)."\n  createUpload(input: CreateUploadInput!): UploadTicket!\n  """\n  Validate the uploaded bytes (png/jpeg/webp, sizes as `parameters.createUpload` and `parameters.uploadedImage`\n  say) and create the image, deduplicated by content hash (the same bytes give the same image). On a model set with\n  an inversion encoder, its faces are then found, aligned and inverted by an INVERT_PHOTO job: follow\n  `Image.photo` (or the `photo` query) until it is DONE; each face is then an editable image.\n  """\n  completeUpload(uploadId: ID!): Image!\n  "Edit with global directions: one result per α. Works on W+ latents and on S latents (previous global-edit results)."\n  editGlobal(input: EditGlobalInput!): Edit!\n  """\n  Edit with a latent mapper. Needs a W+ latent (generated images and mapper results); an S latent (a global-edit\n  result) is refused with BAD_USER_INPUT.\n  """\n  editMapper(input: EditMapperInput!): Edit!\n  """\n  Compute the S statistics and channel-relevance table of a model set (a job; one at a time per model set). The\n  channels are cut into shards that run on every worker when jobs go through the queue.\n  """\n  precomputeDirections(input: PrecomputeDirectionsInput!): Job!\n  "Cancel a job. With API keys configured, only the key that started it or an admin key may (FORBIDDEN otherwise)."\n  cancelJob(id: ID!): Job!\n  """\n  Delete an image with its edits (and their results, with their own edits), and the stored files no other record\n  refers to (the same seed generated twice shares its files: they stay while one image uses them). An edit\'s\n  result is deleted with its edit (deleteEdit): on its own it is refused (BAD_USER_INPUT, `extensions.editId`).\n  """\n  deleteImage(id: ID!): Deletion!\n  "Delete an edit with its results (and their own edits), and the stored files no other record refers to."\n  deleteEdit(id: ID!): Deletion!\n}\n\n"What a deletion removed."\ntype Deletion {\n  "Images: the one deleted (deleteImage) and the results of every edit removed with it."\n  images: Int!\n  edits: Int!\n  "Stored files (PNGs, latents) that no other record referred to."\n  files: Int!\n}\n\ntype Subscription {\n  "Job progress: the current state first, then every update until the job ends."\n  jobUpdated(id: ID!): Job!\n}\n\n"""\nThe stable `extensions.code` of every error the API returns. Unexpected failures are masked as\nINTERNAL_SERVER_ERROR (the message carries a request id for the logs; no internals are exposed).\n"""\nenum ErrorCode {\n  "The query text is not valid GraphQL."\n  GRAPHQL_PARSE_FAILED\n  "The query does not match the schema (unknown field, wrong argument type, …)."\n  GRAPHQL_VALIDATION_FAILED\n  "The HTTP request is malformed (no query, wrong content type, bad JSON)."\n  BAD_REQUEST\n  BAD_USER_INPUT\n  NOT_FOUND\n  UNAUTHENTICATED\n  "The API key is valid but may not do this (e.g. cancel a job another key started)."\n  FORBIDDEN\n  "Too many requests, or more work than the caller\'s budget holds now (`extensions.limit` names which)."\n  RATE_LIMITED\n  "The request is too deep, resolves too many fields, or asks for too much work at once (`extensions.limit`)."\n  QUERY_TOO_COMPLEX\n  "A file is larger than allowed in bytes."\n  PAYLOAD_TOO_LARGE\n  "An image is larger than allowed in pixels (width, height or their product)."\n  IMAGE_TOO_MANY_PIXELS\n  "A file has the signature of an accepted image type but cannot be decoded (damaged or truncated)."\n  IMAGE_UNDECODABLE\n  UNSUPPORTED_MEDIA_TYPE\n  "A stored record cannot be read (damaged, or written by a newer release). Lists skip such records."\n  RECORD_CORRUPT\n  "A stored file\'s bytes do not match its content hash (damaged in storage)."\n  BLOB_CORRUPT\n  STORAGE_UNAVAILABLE\n  INVERSION_NOT_CONFIGURED\n  NO_CHANNELS\n  NO_DIRECTIONS\n  "The photo has no face to edit: none was detected, or none could be aligned. The message says which."\n  NO_FACE\n  JOB_LIMIT_REACHED\n  "The job queue (Redis) does not answer; nothing was submitted or changed."\n  QUEUE_UNAVAILABLE\n  INTERNAL_SERVER_ERROR\n}\n\ntype Health {\n  status: String!\n  version: String!\n  modelSets: [String!]!\n  storage: String!\n}\n\nenum ImageSource {\n  GENERATED\n  UPLOADED\n  EDITED\n}\n\nenum EditMethod {\n  GLOBAL\n  MAPPER\n}\n\ninput ImageFilter {\n  "Only images with at least one edit of this method."\n  method: EditMethod\n  source: ImageSource\n}\n\ntype PageInfo {\n  endCursor: String\n  hasNextPage: Boolean!\n}\n\ntype ImageConnection {\n  edges: [ImageEdge!]!\n  pageInfo: PageInfo!\n  """\n  Entries of this page whose stored record could not be read (damaged) and were left out; the server logs name\n  them. The rest of the list is served as usual.\n  """\n  skipped: Int!\n}\n\ntype ImageEdge {\n  cursor: String!\n  node: Image!\n}\n\ntype EditConnection {\n  edges: [EditEdge!]!\n  pageInfo: PageInfo!\n  """\n  Entries of this page whose stored record could not be read (damaged) and were left out; the server logs name\n  them. The rest of the list is served as usual.\n  """\n  skipped: Int!\n}\n\ntype EditEdge {\n  cursor: String!\n  node: Edit!\n}\n\ntype Image {\n  id: ID!\n  source: ImageSource!\n  "PNG URL (presigned on S3, served by the API otherwise)."\n  url: String!\n  width: Int!\n  height: Int!\n  createdAt: DateTime!\n  modelSetId: String!\n  seed: Int\n  truncation: Float\n  "The latent the image came from; null for an upload that is not inverted."\n  latent: Latent\n  "For uploads: why there is no latent yet (e.g. inversion not configured)."\n  inversionStatus: InversionStatus\n  "For EDITED images: the edit that produced it."\n  parentEdit: Edit\n  "Edits of this image, newest first (`first`: `parameters.pages.edits`)."\n  edits(first: Int, after: String): EditConnection!\n}\n\nenum InversionStatus {\n  NOT_CONFIGURED\n  PENDING\n  DONE\n  FAILED\n}\n\nenum LatentSpace {\n  WPLUS\n  S\n}\n\ntype Latent {\n  id: ID!\n  space: LatentSpace!\n  shape: [Int!]!\n  "The latent as a float32 .npy."\n  url: String!\n}\n\ntype Channel {\n  layer: Int!\n  layerName: String\n  channel: Int!\n  weight: Float!\n}\n\ntype Edit {\n  id: ID!\n  method: EditMethod!\n  "The image that was edited."\n  image: Image!\n  createdAt: DateTime!\n  neutral: String\n  target: String\n  alphas: [Float!]\n  "The β used (the chosen one when autoBeta)."\n  beta: Float\n  autoBeta: Boolean\n  channels: Int\n  topChannels: [Channel!]\n  mapper: String\n  strength: Float\n  "One result per α (global) or one (mapper); each is an image usable as a new base."\n  results: [EditResult!]!\n  "A link to share this edit."\n  shareUrl: String!\n}\n\ntype EditResult {\n  alpha: Float\n  image: Image!\n}\n\n"A global edit rendered but not stored (previewGlobalEdit)."\ntype EditPreview {\n  "Kept channels at the β used."\n  channels: Int!\n  "The β used (the chosen one when autoBeta)."\n  beta: Float!\n  autoBeta: Boolean!\n  topChannels: [Channel!]!\n  "One image per α, in the order given."\n  images: [PreviewImage!]!\n}\n\n"A mapper edit rendered but not stored (previewMapperEdit)."\ntype MapperPreview {\n  "The strength used."\n  strength: Float!\n  "The one result, as an image (its `alpha` is the strength)."\n  images: [PreviewImage!]!\n}\n\ntype PreviewImage {\n  "The α this image was rendered at (for a mapper preview: the strength)."\n  alpha: Float!\n  width: Int!\n  height: Int!\n  "PNG as a data: URL"\n  dataUrl: String!\n}\n\ntype ModelSet {\n  id: ID!\n  size: Int!\n  styleDim: Int!\n  nLatent: Int!\n  mappers: [Mapper!]!\n  hasClip: Boolean!\n  hasDirections: Boolean!\n  directions: DirectionsInfo\n  "Uploads can be edited only when an inversion encoder is configured."\n  inversionConfigured: Boolean!\n  "Resolutions the set renders by stopping the synthesis early (cheaper than the full size), ascending."\n  previewResolutions: [Int!]!\n  "The resolution to preview at while inputs change: at most a fifth of a full render\'s cost."\n  previewResolution: Int!\n}\n\ntype Mapper {\n  name: String!\n  coarse: Boolean!\n  medium: Boolean!\n  fine: Boolean!\n}\n\ntype DirectionsInfo {\n  rows: Int!\n  layers: [Int!]!\n  images: Int\n  origin: String!\n}\n\ntype TextDirectionPreview {\n  channels: Int!\n  beta: Float!\n  maxAbsRelevance: Float!\n  dtNorm: Float\n  topChannels: [Channel!]!\n}\n\n"Limits and defaults: `parameters.textDirection`."\ninput TextDirectionInput {\n  modelSetId: ID\n  neutral: String!\n  target: String!\n  "β; ignored when autoBeta is true."\n  beta: Float\n  autoBeta: Boolean\n  top: Int\n}\n\n"Limits and defaults: `parameters.generateImages`."\ninput GenerateImagesInput {\n  modelSetId: ID\n  seeds: [Int!]!\n  truncation: Float\n}\n\n"Limits: `parameters.createUpload`."\ninput CreateUploadInput {\n  filename: String\n  contentType: String!\n  "Size in bytes."\n  size: Int!\n  modelSetId: ID\n}\n\n"Where and how to send the bytes: `method` (PUT) to `url` with exactly these `headers`, before `expiresAt`."\ntype UploadTicket {\n  uploadId: ID!\n  method: String!\n  url: String!\n  headers: [Header!]!\n  expiresAt: DateTime!\n}\n\ntype Header {\n  name: String!\n  value: String!\n}\n\n"Limits and defaults: `parameters.editGlobal`."\ninput EditGlobalInput {\n  imageId: ID!\n  neutral: String!\n  target: String!\n  "Strengths α, one image each."\n  alphas: [Float!]!\n  beta: Float\n  autoBeta: Boolean\n}\n\n"Limits and defaults: `parameters.editMapper`."\ninput EditMapperInput {\n  imageId: ID!\n  mapper: String!\n  strength: Float\n}\n\n"Which S layers the channel-relevance table covers."\nenum DirectionLayers {\n  "Non-toRGB layers with S index ≤ 16 (StyleCLIP\'s table: 5376 rows at 1024)."\n  OFFICIAL\n  "Every non-toRGB layer."\n  ALL\n}\n\n"How the sampled latents of S statistics are truncated."\nenum TruncationLayers {\n  "Every W+ row (TF, StyleCLIP)."\n  ALL\n  "The first 8 rows (the PyTorch port)."\n  FIRST8\n}\n\n"Limits and defaults: `parameters.precomputeDirections`."\ninput PrecomputeDirectionsInput {\n  modelSetId: ID\n  images: Int\n  samples: Int\n  layers: DirectionLayers\n  truncationLayers: TruncationLayers\n  batch: Int\n  """\n  Fast mode: channels of layers at or below the resolution CLIP needs (256 at 1024) are measured on the\n  synthesis stopped there; faster, not the official table (default false: exact).\n  """\n  fast: Boolean\n  "Channels per shard (a job per shard; shards run on every worker)."\n  shardChannels: Int\n}\n\nenum JobKind {\n  PRECOMPUTE_DIRECTIONS\n}\n\nenum JobState {\n  QUEUED\n  RUNNING\n  SUCCEEDED\n  FAILED\n  CANCELLED\n}\n\ntype Job {\n  id: ID!\n  kind: JobKind!\n  state: JobState!\n  modelSetId: String!\n  "0…1"\n  progress: Float!\n  "What runs now (precompute: s-stats, fs3, done; or why a job waits, e.g. after an interrupted run)."\n  phase: String\n  "Units done and total in the current phase (samples for s-stats, channels for fs3, summed over shards)."\n  done: Int!\n  total: Int!\n  etaSeconds: Float\n  "Runs started so far (more than one after an interruption, a dead worker or a retry)."\n  attempts: Int!\n  createdAt: DateTime!\n  updatedAt: DateTime!\n  error: JobError\n  "What the job reports beside progress (e.g. loss terms), as JSON."\n  detail: JSON\n  "The latest preview image the job made (PNG), if it makes any."\n  previewUrl: String\n  """\n  On success (precompute: rows, layers, images, samples, attempts, shards, chunks, and shardRuns/chunkRuns:\n  how many times each shard ran to completion and each chunk was computed).\n  """\n  result: JSON\n}\n\ntype JobError {\n  code: String!\n  message: String!\n}\n\ntype JobConnection {\n  edges: [JobEdge!]!\n  pageInfo: PageInfo!\n  """\n  Entries of this page whose stored record could not be read (damaged) and were left out; the server logs name\n  them. The rest of the list is served as usual.\n  """\n  skipped: Int!\n}\n\ntype JobEdge {\n  cursor: String!\n  node: Job!\n}\n\n# ---- Training jobs: latent optimization and mapper training (their results: OPTIMIZE edits, trained mappers) ----\n\nextend type Query {\n  "Mappers trained by jobs for a model set (the default set when omitted), by name, with how they were trained."\n  trainedMappers(modelSetId: ID): [TrainedMapper!]!\n  trainedMapper(modelSetId: ID, name: String!): TrainedMapper\n}\n\nextend type Mutation {\n  """\n  Optimize an image\'s latent toward a text (StyleCLIP\'s latent optimization), as a job: its progress carries the\n  loss terms and curve (`Job.training`) and a preview every `previewEvery` steps (`Job.previewUrl`); on success\n  `Job.edit` is an OPTIMIZE edit of the image whose result is a new image with its latent (W+, or S for space S),\n  usable as the base of further edits. Needs a W+ latent (an S latent is refused with BAD_USER_INPUT). The work\n  of the job is `steps`. Limits and defaults: `parameters.optimizeLatent`.\n  """\n  optimizeLatent(input: OptimizeLatentInput!): Job!\n  """\n  Train a latent mapper for a text (StyleCLIP\'s mapper training) on the faces of consecutive seeds, as a job: its\n  progress carries the loss terms, the loss curve and the evaluations of held-out faces (`Job.training`), the\n  latest evaluation grid as `Job.previewUrl`. On success the mapper is in the model set under its name, usable\n  by `editMapper` at once on every server, and `Job.trainedMapper` links its official checkpoint. The work of the\n  job is `steps × batch`. Limits and defaults: `parameters.trainMapper`.\n  """\n  trainMapper(input: TrainMapperInput!): Job!\n}\n\nextend enum JobKind {\n  OPTIMIZE_LATENT\n  TRAIN_MAPPER\n}\n\nextend enum EditMethod {\n  "A latent optimization job\'s result (see Edit.optimization)."\n  OPTIMIZE\n}\n\nextend type Edit {\n  "For OPTIMIZE edits: how the optimization ran (its text is `target`)."\n  optimization: OptimizationSettings\n}\n\nextend type Mapper {\n  "For a mapper a job trained here: its text, settings and checkpoint."\n  trained: TrainedMapper\n}\n\nextend type Job {\n  "Training jobs (OPTIMIZE_LATENT, TRAIN_MAPPER): the current step, loss terms, loss curve and evaluations."\n  training: TrainingProgress\n  "OPTIMIZE_LATENT, once it succeeded: the edit it stored (its one result is the optimized image)."\n  edit: Edit\n  "TRAIN_MAPPER, once it succeeded: the mapper it trained."\n  trainedMapper: TrainedMapper\n}\n\nenum OptimizeMode {\n  "Stay close to the start: CLIP + λ_L2·L2 + λ_ID·ID."\n  EDIT\n  "The CLIP loss alone (free generation)."\n  FREE\n}\n\nenum MapperOptimizer {\n  RANGER\n  ADAM\n}\n\n"Limits and defaults: `parameters.optimizeLatent`."\ninput OptimizeLatentInput {\n  imageId: ID!\n  text: String!\n  mode: OptimizeMode\n  space: LatentSpace\n  steps: Int\n  lr: Float\n  l2Lambda: Float\n  idLambda: Float\n  "Render a preview every this many steps."\n  previewEvery: Int\n  "Save the optimizer state every this many steps (a resumed job repeats at most this many)."\n  checkpointEvery: Int\n}\n\n"Limits and defaults: `parameters.trainMapper`."\ninput TrainMapperInput {\n  modelSetId: ID\n  text: String!\n  "The mapper\'s name in the model set (letters, digits, _ and -); default: from the text."\n  name: String\n  steps: Int\n  batch: Int\n  optimizer: MapperOptimizer\n  lr: Float\n  clipLambda: Float\n  l2Lambda: Float\n  idLambda: Float\n  coarse: Boolean\n  medium: Boolean\n  fine: Boolean\n  "The training faces are the seeds seedStart … seedStart + seedCount − 1 (a share held out for evaluation)."\n  seedStart: Int\n  seedCount: Int\n  "Seed of the initial weights and of the shuffling."\n  seed: Int\n  "Render the evaluation faces every this many steps."\n  evalEvery: Int\n  "Save the mapper and optimizer state every this many steps."\n  checkpointEvery: Int\n}\n\n"Loss terms of one step (null: a term the run does not compute)."\ntype LossTerms {\n  clip: Float\n  l2: Float\n  id: Float\n  total: Float!\n  "The learning rate of the step."\n  lr: Float\n}\n\n"""\nA loss curve: each point is the mean of a bucket of `stride` steps, at the bucket\'s last step (steps done), at\nmost 200 points whatever the number of steps. A term the run does not compute is null.\n"""\ntype LossCurve {\n  stride: Int!\n  step: [Int!]!\n  total: [Float!]!\n  clip: [Float!]\n  l2: [Float!]\n  id: [Float!]\n  lr: [Float!]\n}\n\n"The losses of the held-out evaluation faces after `step` steps."\ntype MapperEvaluation {\n  step: Int!\n  losses: LossTerms!\n}\n\ntype TrainingProgress {\n  "Steps done, and of how many."\n  step: Int!\n  steps: Int!\n  "The last step\'s loss terms (absent before the first step)."\n  losses: LossTerms\n  curve: LossCurve!\n  "TRAIN_MAPPER: the evaluations so far (the most recent 200)."\n  evaluations: [MapperEvaluation!]\n  "TRAIN_MAPPER: the mapper\'s name."\n  mapper: String\n}\n\ntype OptimizationSettings {\n  mode: OptimizeMode!\n  space: LatentSpace!\n  steps: Int!\n  lr: Float!\n  l2Lambda: Float!\n  idLambda: Float!\n  "The last step\'s loss terms."\n  losses: LossTerms!\n  job: Job\n}\n\ntype MapperTrainingSettings {\n  steps: Int!\n  batch: Int!\n  optimizer: MapperOptimizer!\n  lr: Float!\n  clipLambda: Float!\n  l2Lambda: Float!\n  idLambda: Float!\n  coarse: Boolean!\n  medium: Boolean!\n  fine: Boolean!\n  seedStart: Int!\n  seedCount: Int!\n  seed: Int!\n}\n\n"A mapper a TRAIN_MAPPER job trained (editMapper uses it by `name`)."\ntype TrainedMapper {\n  name: String!\n  modelSetId: String!\n  "The text it was trained for."\n  text: String!\n  training: MapperTrainingSettings!\n  "The last training step\'s loss terms, and the last evaluation\'s."\n  losses: LossTerms!\n  evalLosses: LossTerms\n  """\n  The official checkpoint (`{\'state_dict\': {\'mapper.*\'}, \'opts\'}`, torch.save format) for the research code or\n  `styleclip models import --mapper`: a URL (presigned on S3, served by the API otherwise).\n  """\n  checkpointUrl: String!\n  "sha256 of every parameter (float32) in state-dict order."\n  paramsSha256: String!\n  createdAt: DateTime!\n  job: Job\n}\n\n# ---- generated from the parameter schema of libs/studio: `npm run codegen -w @styleclip/api` ----\n\n"Limits and defaults of every operation\'s parameters: one definition, the core\'s parameter schema."\ntype Parameters {\n  generateImages: GenerateImagesParameters!\n  editGlobal: EditGlobalParameters!\n  editMapper: EditMapperParameters!\n  textDirection: TextDirectionParameters!\n  precomputeDirections: PrecomputeDirectionsParameters!\n  optimizeLatent: OptimizeLatentParameters!\n  trainMapper: TrainMapperParameters!\n  createUpload: CreateUploadParameters!\n  uploadedImage: UploadedImageParameters!\n  invertPhoto: InvertPhotoParameters!\n  photoEdit: PhotoEditParameters!\n  pages: PagesParameters!\n}\n\ntype GenerateImagesParameters {\n  "seeds per request"\n  seeds: IntListParameter!\n  "truncation ψ toward the average face (1 = none)"\n  truncation: FloatParameter!\n}\n\ntype EditGlobalParameters {\n  "the neutral description, e.g. \\"face\\""\n  neutral: StringParameter!\n  "the target description, e.g. \\"face with blue eyes\\""\n  target: StringParameter!\n  "strengths α, one image each (the official notebooks default to 4.1)"\n  alphas: FloatListParameter!\n  "disentanglement threshold β: channels whose relevance |r| is below it are left alone"\n  beta: FloatParameter!\n  "choose β per prompt (the largest that keeps some channels)"\n  autoBeta: BooleanParameter!\n  "faces of an uploaded photo to edit, by index (default: every face of the photo)"\n  faces: IntListParameter!\n  "also paste the edited face(s) back into the full-resolution photo (faces of uploaded photos)"\n  pasteBack: BooleanParameter!\n}\n\ntype EditMapperParameters {\n  "multiplier of the mapper residual"\n  strength: FloatParameter!\n  "faces of an uploaded photo to edit, by index (default: every face of the photo)"\n  faces: IntListParameter!\n  "also paste the edited face(s) back into the full-resolution photo (faces of uploaded photos)"\n  pasteBack: BooleanParameter!\n}\n\ntype TextDirectionParameters {\n  neutral: StringParameter!\n  target: StringParameter!\n  "disentanglement threshold β: channels whose relevance |r| is below it are left alone"\n  beta: FloatParameter!\n  "choose β per prompt (the largest that keeps some channels)"\n  autoBeta: BooleanParameter!\n  "top channels listed"\n  top: IntParameter!\n}\n\ntype PrecomputeDirectionsParameters {\n  "images averaged per channel (official: 100)"\n  images: IntParameter!\n  "samples of the S statistics (official: 100 000)"\n  samples: IntParameter!\n  "OFFICIAL: non-toRGB layers with S index ≤ 16; ALL: every non-toRGB layer"\n  layers: EnumParameter!\n  "which W+ rows the sampling truncates: ALL (TF, StyleCLIP; when absent) or FIRST8 (PyTorch port)"\n  truncationLayers: EnumParameter!\n  "images per generator run"\n  batch: IntParameter!\n  "fast mode: layers at or below the resolution CLIP needs (256 at 1024) are measured on the synthesis stopped there; not the official table"\n  fast: BooleanParameter!\n  "channels per shard job (rounded up to whole chunks); shards run on any worker"\n  shardChannels: IntParameter!\n}\n\ntype OptimizeLatentParameters {\n  "what the image should show, e.g. \\"a person with purple hair\\""\n  text: StringParameter!\n  "EDIT: stay close to the start (L2 and ID terms); FREE: the CLIP loss alone"\n  mode: EnumParameter!\n  "optimize the W+ rows, or the StyleSpace codes (toRGB frozen)"\n  space: EnumParameter!\n  "Adam steps (official: 300); the work of the job"\n  steps: IntParameter!\n  "peak learning rate of the official ramp"\n  lr: FloatParameter!\n  "weight of the latent L2 distance to the start (EDIT)"\n  l2Lambda: FloatParameter!\n  "weight of the ArcFace identity loss against the start (EDIT; 0 turns it off)"\n  idLambda: FloatParameter!\n  "render a preview every this many steps (official: save_intermediate_image_every 20)"\n  previewEvery: IntParameter!\n  "save the optimizer state every this many steps (a resumed job repeats at most this many)"\n  checkpointEvery: IntParameter!\n}\n\ntype TrainMapperParameters {\n  "the edit the mapper learns, e.g. \\"mohawk hairstyle\\""\n  text: StringParameter!\n  "the mapper’s name in the model set (default: from the text); letters, digits, _ and -"\n  name: StringParameter!\n  "training steps (official: 50 000); the work of the job is steps × batch"\n  steps: IntParameter!\n  "latents per step"\n  batch: IntParameter!\n  "RANGER (official) or ADAM"\n  optimizer: EnumParameter!\n  "learning rate"\n  lr: FloatParameter!\n  "weight of the CLIP loss"\n  clipLambda: FloatParameter!\n  "weight of the latent L2 (MSE) loss"\n  l2Lambda: FloatParameter!\n  "weight of the ArcFace identity loss (0 turns it off)"\n  idLambda: FloatParameter!\n  "train the coarse mapper (W+ rows 0–3)"\n  coarse: BooleanParameter!\n  "train the medium mapper (rows 4–7)"\n  medium: BooleanParameter!\n  "train the fine mapper (rows 8 on: colours)"\n  fine: BooleanParameter!\n  "first seed of the training faces"\n  seedStart: IntParameter!\n  "faces (W+ of consecutive seeds, ψ 0.7) to train on; a share is held out for evaluation (official: 5000)"\n  seedCount: IntParameter!\n  "seed of the initial weights and of the shuffling"\n  seed: IntParameter!\n  "render the evaluation batch every this many steps (official: image_interval 100)"\n  evalEvery: IntParameter!\n  "save the mapper and optimizer state every this many steps (a resumed job repeats at most this many)"\n  checkpointEvery: IntParameter!\n}\n\ntype CreateUploadParameters {\n  "bytes of the upload"\n  size: IntParameter!\n  contentType: EnumParameter!\n  filename: StringParameter!\n}\n\ntype UploadedImageParameters {\n  "pixels"\n  width: IntParameter!\n  "pixels"\n  height: IntParameter!\n}\n\ntype InvertPhotoParameters {\n  "faces inverted per photo (the best-scoring ones)"\n  maxFaces: IntParameter!\n  "detections scoring below this are not taken for faces (dlib\'s confidence)"\n  minScore: FloatParameter!\n}\n\ntype PhotoEditParameters {\n  "generator renders of one photo edit: faces × α (the work budget of one request)"\n  renders: IntParameter!\n}\n\ntype PagesParameters {\n  "gallery page size"\n  images: IntParameter!\n  "edits listed per page"\n  edits: IntParameter!\n  "jobs listed per page"\n  jobs: IntParameter!\n}\n\ntype IntParameter {\n  min: Int\n  max: Int\n  default: Int\n}\n\ntype FloatParameter {\n  min: Float\n  max: Float\n  default: Float\n}\n\ntype BooleanParameter {\n  default: Boolean\n}\n\ntype EnumParameter {\n  values: [String!]!\n  default: String\n}\n\ntype StringParameter {\n  "In characters."\n  minLength: Int\n  maxLength: Int\n}\n\ntype IntListParameter {\n  "List length."\n  minItems: Int\n  maxItems: Int\n  "Each item."\n  min: Int\n  max: Int\n  default: [Int!]\n}\n\ntype FloatListParameter {\n  "List length."\n  minItems: Int\n  maxItems: Int\n  "Each item."\n  min: Float\n  max: Float\n  default: [Float!]\n}\n\n# ---- end of the generated parameter types ----\n\n# ---- Photos: faces found, aligned and inverted; edits of faces pasted back (libs/studio/src/photos) ----\n\nextend type Query {\n  "An uploaded photo and its faces. Its id is the uploaded image\'s id (`Image.photo` links them)."\n  photo(id: ID!): Photo\n}\n\nextend type Mutation {\n  """\n  Find and invert the faces of an uploaded photo again (an INVERT_PHOTO job, as when an upload completes on a\n  model set with an encoder): e.g. with a lower `minScore` to take weaker detections for faces, or for a photo\n  uploaded before an encoder was configured. Returns the photo, PENDING until the job ends. Limits and defaults:\n  `parameters.invertPhoto`.\n  """\n  invertPhoto(input: InvertPhotoInput!): Photo!\n}\n\nextend enum JobKind {\n  "Finds, aligns and inverts the faces of an uploaded photo (result: photoId, faces, detected, encoded, cacheHits)."\n  INVERT_PHOTO\n}\n\nextend enum InversionStatus {\n  "No face was found in the photo (see `Image.photo.error`)."\n  NO_FACE\n}\n\nextend type Image {\n  """\n  For uploads: the photo with its faces (null when no inversion encoder is configured). For faces of photos, edits\n  of them and photos with faces pasted back: the photo they belong to.\n  """\n  photo: Photo\n  "For a face of a photo (its inversion) or an edit of one: which face it is."\n  face: PhotoFace\n}\n\nextend type Edit {\n  "For edits of photos: the faces edited (each result says its face)."\n  faces: [Int!]\n  """\n  With `pasteBack`: the photo at full resolution with the edited faces pasted back, one per α (one for a mapper).\n  Empty otherwise.\n  """\n  pastedBack: [EditResult!]!\n}\n\nextend type EditResult {\n  "For edits of photos: which face of the photo this result is."\n  face: Int\n}\n\nextend input EditGlobalInput {\n  """\n  When `imageId` is an uploaded photo: the faces to edit, by index (default: every face). Each face renders every\n  α (faces × α renders, at most `parameters.photoEdit.renders`).\n  """\n  faces: [Int!]\n  "Also paste the edited face(s) back into the full-resolution photo (`Edit.pastedBack`). Faces of photos only."\n  pasteBack: Boolean\n}\n\nextend input EditMapperInput {\n  "When `imageId` is an uploaded photo: the faces to edit, by index (default: every face)."\n  faces: [Int!]\n  "Also paste the edited face(s) back into the full-resolution photo (`Edit.pastedBack`). Faces of photos only."\n  pasteBack: Boolean\n}\n\n"Limits and defaults: `parameters.invertPhoto`."\ninput InvertPhotoInput {\n  "The uploaded photo (an Image of source UPLOADED)."\n  imageId: ID!\n  "Most faces to invert (the best-scoring ones)."\n  maxFaces: Int\n  "Detections scoring below this are not taken for faces (dlib\'s confidence)."\n  minScore: Float\n}\n\nenum PhotoState {\n  "Its faces are being found and inverted (see `job`)."\n  PENDING\n  DONE\n  "No face was found (see `error`)."\n  NO_FACE\n  "The inversion failed (see `error`); `invertPhoto` starts it again."\n  FAILED\n}\n\n"An uploaded photo: its faces, found by dlib\'s detector, aligned as FFHQ/e4e do and inverted by the encoder."\ntype Photo {\n  "The uploaded image\'s id."\n  id: ID!\n  "The uploaded photo."\n  image: Image!\n  state: PhotoState!\n  "The INVERT_PHOTO job (once it has started)."\n  job: Job\n  width: Int!\n  height: Int!\n  "The faces, best detection first (empty until DONE)."\n  faces: [PhotoFace!]!\n  "Faces detected at or above `minScore`: more than `faces` when `maxFaces` cut the list."\n  detected: Int\n  maxFaces: Int!\n  minScore: Float!\n  "Why there are no faces (NO_FACE, FAILED)."\n  error: PhotoError\n}\n\ntype PhotoError {\n  "An ErrorCode (NO_FACE, INVERSION_NOT_CONFIGURED, …)."\n  code: String!\n  message: String!\n}\n\n"One face of a photo. Coordinates are photo pixels (x right, y down)."\ntype PhotoFace {\n  "Position among the photo\'s faces (the `faces` of edit inputs)."\n  index: Int!\n  "dlib\'s rectangle (inclusive corners)."\n  box: FaceBox!\n  "dlib\'s detection confidence."\n  score: Float!\n  "The 68 landmarks (iBUG order)."\n  landmarks: [Point!]!\n  "The aligned face\'s footprint in the photo: its corners NW, SW, SE, NE."\n  quad: [Point!]!\n  "The aligned face (PNG at the encoder\'s input size, 256 for e4e)."\n  alignedUrl: String!\n  "What the encoder made of it: the generator\'s image of its W+, at the aligned size (PNG)."\n  reconstructionUrl: String!\n  "The face as an editable image: its latent is the W+ inversion; edit it like any image (pasteBack puts it back)."\n  image: Image!\n  "The inversion came from the cache (this face was inverted before, in this photo or another)."\n  cached: Boolean!\n}\n\ntype FaceBox {\n  left: Int!\n  top: Int!\n  right: Int!\n  bottom: Int!\n}\n\ntype Point {\n  x: Float!\n  y: Float!\n}\n\n# ---- end of photos ----\n';
