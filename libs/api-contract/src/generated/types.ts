// Generated from src/schema.graphql by src/codegen (`npm run codegen -w @styleclip/api-contract`).
// Do not edit by hand: change the schema and run the generator (a test fails when this file is stale).

/** The schema (SDL), so neither the server nor a browser needs to read a file. */
export const typeDefs = `"""
The StyleCLIP service API. Images are faces (generated from a seed, uploaded, or produced by an edit); edits
change an image with words (global directions) or with a latent mapper. Long work runs as jobs.
Errors carry a stable \`extensions.code\` (see ErrorCode). Queries and subscriptions are public; when the server has
API keys configured, mutations need \`Authorization: Bearer <key>\`.
"""
schema {
  query: Query
  mutation: Mutation
  subscription: Subscription
}

"ISO-8601 date-time string."
scalar DateTime

"Arbitrary JSON (job results)."
scalar JSON

type Query {
  "Liveness and versions."
  health: Health!
  """
  The gallery, newest first: base images (generated and uploaded) unless \`filter.source\` says otherwise
  (EDITED lists edit results). \`first\` is 1–100; \`after\` is the \`endCursor\` of the previous page.
  """
  images(first: Int = 24, after: String, filter: ImageFilter): ImageConnection!
  image(id: ID!): Image
  edit(id: ID!): Edit
  modelSets: [ModelSet!]!
  "A model set by id; the default set when id is omitted."
  modelSet(id: ID): ModelSet
  "Which channels a text pair moves at β (no image is generated)."
  textDirection(input: TextDirectionInput!): TextDirectionPreview!
  """
  Renders a global edit without storing anything, for live previews. Same input, validation and errors as
  editGlobal (e.g. INVERSION_NOT_CONFIGURED for an upload); to keep a result, call editGlobal.
  """
  previewGlobalEdit(input: EditGlobalInput!): EditPreview!
  """
  Renders a mapper edit without storing anything, for live previews. Same input, validation and errors as
  editMapper (W+ latents only: an S latent is refused with BAD_USER_INPUT; INVERSION_NOT_CONFIGURED for an
  upload); to keep the result, call editMapper.
  """
  previewMapperEdit(input: EditMapperInput!): MapperPreview!
  job(id: ID!): Job
  jobs(first: Int = 20, after: String): JobConnection!
}

type Mutation {
  "Generate faces from seeds (1–16 per call)."
  generateImages(input: GenerateImagesInput!): [Image!]!
  "Start an upload: returns where to PUT the bytes (a presigned URL on S3, the API's upload endpoint otherwise)."
  createUpload(input: CreateUploadInput!): UploadTicket!
  """
  Validate the uploaded bytes (png/jpeg/webp, ≤ 20 MB, ≤ 4096×4096) and create the image, deduplicated by content
  hash (the same bytes give the same image). Uploads have no latent until an inversion model is configured.
  """
  completeUpload(uploadId: ID!): Image!
  "Edit with global directions: one result per α. Works on W+ latents and on S latents (previous global-edit results)."
  editGlobal(input: EditGlobalInput!): Edit!
  """
  Edit with a latent mapper. Needs a W+ latent (generated images and mapper results); an S latent (a global-edit
  result) is refused with BAD_USER_INPUT.
  """
  editMapper(input: EditMapperInput!): Edit!
  "Compute the S statistics and channel-relevance table of a model set (a job; one at a time per model set)."
  precomputeDirections(input: PrecomputeDirectionsInput!): Job!
  cancelJob(id: ID!): Job!
}

type Subscription {
  "Job progress: the current state first, then every update until the job ends."
  jobUpdated(id: ID!): Job!
}

"""
The stable \`extensions.code\` of every error the API returns. Unexpected failures are masked as
INTERNAL_SERVER_ERROR (the message carries a request id for the logs; no internals are exposed).
"""
enum ErrorCode {
  "The query text is not valid GraphQL."
  GRAPHQL_PARSE_FAILED
  "The query does not match the schema (unknown field, wrong argument type, …)."
  GRAPHQL_VALIDATION_FAILED
  "The HTTP request is malformed (no query, wrong content type, bad JSON)."
  BAD_REQUEST
  BAD_USER_INPUT
  NOT_FOUND
  UNAUTHENTICATED
  RATE_LIMITED
  QUERY_TOO_COMPLEX
  PAYLOAD_TOO_LARGE
  UNSUPPORTED_MEDIA_TYPE
  STORAGE_UNAVAILABLE
  INVERSION_NOT_CONFIGURED
  NO_CHANNELS
  NO_DIRECTIONS
  JOB_LIMIT_REACHED
  INTERNAL_SERVER_ERROR
}

type Health {
  status: String!
  version: String!
  modelSets: [String!]!
  storage: String!
}

enum ImageSource {
  GENERATED
  UPLOADED
  EDITED
}

enum EditMethod {
  GLOBAL
  MAPPER
}

input ImageFilter {
  "Only images with at least one edit of this method."
  method: EditMethod
  source: ImageSource
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean!
}

type ImageConnection {
  edges: [ImageEdge!]!
  pageInfo: PageInfo!
}

type ImageEdge {
  cursor: String!
  node: Image!
}

type EditConnection {
  edges: [EditEdge!]!
  pageInfo: PageInfo!
}

type EditEdge {
  cursor: String!
  node: Edit!
}

type Image {
  id: ID!
  source: ImageSource!
  "PNG URL (presigned on S3, served by the API otherwise)."
  url: String!
  width: Int!
  height: Int!
  createdAt: DateTime!
  modelSetId: String!
  seed: Int
  truncation: Float
  "The latent the image came from; null for an upload that is not inverted."
  latent: Latent
  "For uploads: why there is no latent yet (e.g. inversion not configured)."
  inversionStatus: InversionStatus
  "For EDITED images: the edit that produced it."
  parentEdit: Edit
  "Edits of this image, newest first."
  edits(first: Int = 20, after: String): EditConnection!
}

enum InversionStatus {
  NOT_CONFIGURED
  PENDING
  DONE
  FAILED
}

enum LatentSpace {
  WPLUS
  S
}

type Latent {
  id: ID!
  space: LatentSpace!
  shape: [Int!]!
  "The latent as a float32 .npy."
  url: String!
}

type Channel {
  layer: Int!
  layerName: String
  channel: Int!
  weight: Float!
}

type Edit {
  id: ID!
  method: EditMethod!
  "The image that was edited."
  image: Image!
  createdAt: DateTime!
  neutral: String
  target: String
  alphas: [Float!]
  "The β used (the chosen one when autoBeta)."
  beta: Float
  autoBeta: Boolean
  channels: Int
  topChannels: [Channel!]
  mapper: String
  strength: Float
  "One result per α (global) or one (mapper); each is an image usable as a new base."
  results: [EditResult!]!
  "A link to share this edit."
  shareUrl: String!
}

type EditResult {
  alpha: Float
  image: Image!
}

"A global edit rendered but not stored (previewGlobalEdit)."
type EditPreview {
  "Kept channels at the β used."
  channels: Int!
  "The β used (the chosen one when autoBeta)."
  beta: Float!
  autoBeta: Boolean!
  topChannels: [Channel!]!
  "One image per α, in the order given."
  images: [PreviewImage!]!
}

"A mapper edit rendered but not stored (previewMapperEdit)."
type MapperPreview {
  "The strength used."
  strength: Float!
  "The one result, as an image (its \`alpha\` is the strength)."
  images: [PreviewImage!]!
}

type PreviewImage {
  "The α this image was rendered at (for a mapper preview: the strength)."
  alpha: Float!
  width: Int!
  height: Int!
  "PNG as a data: URL"
  dataUrl: String!
}

type ModelSet {
  id: ID!
  size: Int!
  styleDim: Int!
  nLatent: Int!
  mappers: [Mapper!]!
  hasClip: Boolean!
  hasDirections: Boolean!
  directions: DirectionsInfo
  "Uploads can be edited only when an inversion encoder is configured."
  inversionConfigured: Boolean!
}

type Mapper {
  name: String!
  coarse: Boolean!
  medium: Boolean!
  fine: Boolean!
}

type DirectionsInfo {
  rows: Int!
  layers: [Int!]!
  images: Int
  origin: String!
}

type TextDirectionPreview {
  channels: Int!
  beta: Float!
  maxAbsRelevance: Float!
  dtNorm: Float
  topChannels: [Channel!]!
}

input TextDirectionInput {
  modelSetId: ID
  neutral: String!
  target: String!
  "β in [0, 1]; ignored when autoBeta is true."
  beta: Float = 0.15
  autoBeta: Boolean = false
  top: Int = 10
}

input GenerateImagesInput {
  modelSetId: ID
  seeds: [Int!]!
  truncation: Float = 0.7
}

input CreateUploadInput {
  filename: String
  contentType: String!
  "Size in bytes (≤ 20 MB)."
  size: Int!
  modelSetId: ID
}

"Where and how to send the bytes: \`method\` (PUT) to \`url\` with exactly these \`headers\`, before \`expiresAt\`."
type UploadTicket {
  uploadId: ID!
  method: String!
  url: String!
  headers: [Header!]!
  expiresAt: DateTime!
}

type Header {
  name: String!
  value: String!
}

input EditGlobalInput {
  imageId: ID!
  neutral: String!
  target: String!
  "1–16 strengths in [−100, 100]."
  alphas: [Float!]!
  beta: Float = 0.15
  autoBeta: Boolean = false
}

input EditMapperInput {
  imageId: ID!
  mapper: String!
  strength: Float = 1
}

input PrecomputeDirectionsInput {
  modelSetId: ID
  images: Int = 100
  samples: Int = 100000
  layers: String = "official"
}

enum JobKind {
  PRECOMPUTE_DIRECTIONS
}

enum JobState {
  QUEUED
  RUNNING
  SUCCEEDED
  FAILED
  CANCELLED
}

type Job {
  id: ID!
  kind: JobKind!
  state: JobState!
  modelSetId: String!
  "0…1"
  progress: Float!
  "What runs now (precompute: s-stats, fs3, done; or why a job waits, e.g. after an interrupted run)."
  phase: String
  "Units done and total in the current phase (samples for s-stats, channels for fs3)."
  done: Int!
  total: Int!
  etaSeconds: Float
  createdAt: DateTime!
  updatedAt: DateTime!
  error: JobError
  "On success (precompute: rows, layers, images, samples, attempts)."
  result: JSON
}

type JobError {
  code: String!
  message: String!
}

type JobConnection {
  edges: [JobEdge!]!
  pageInfo: PageInfo!
}

type JobEdge {
  cursor: String!
  node: Job!
}
`;

export type Maybe<T> = T | null;

/** How custom scalars travel in JSON. */
export interface Scalars {
  /** ISO-8601 date-time string. */
  DateTime: string;
  /** Arbitrary JSON (job results). */
  JSON: unknown;
}

export interface Query {
  __typename?: 'Query';
  /** Liveness and versions. */
  health: Health;
  /**
   * The gallery, newest first: base images (generated and uploaded) unless `filter.source` says otherwise
   * (EDITED lists edit results). `first` is 1–100; `after` is the `endCursor` of the previous page.
   */
  images: ImageConnection;
  image: Maybe<Image>;
  edit: Maybe<Edit>;
  modelSets: ModelSet[];
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
  jobs: JobConnection;
}

/** Arguments of `Query.images`. */
export interface QueryImagesArgs {
  /** Default: 24. */
  first?: Maybe<number>;
  after?: Maybe<string>;
  filter?: Maybe<ImageFilter>;
}

/** Arguments of `Query.image`. */
export interface QueryImageArgs {
  id: string;
}

/** Arguments of `Query.edit`. */
export interface QueryEditArgs {
  id: string;
}

/** Arguments of `Query.modelSet`. */
export interface QueryModelSetArgs {
  id?: Maybe<string>;
}

/** Arguments of `Query.textDirection`. */
export interface QueryTextDirectionArgs {
  input: TextDirectionInput;
}

/** Arguments of `Query.previewGlobalEdit`. */
export interface QueryPreviewGlobalEditArgs {
  input: EditGlobalInput;
}

/** Arguments of `Query.previewMapperEdit`. */
export interface QueryPreviewMapperEditArgs {
  input: EditMapperInput;
}

/** Arguments of `Query.job`. */
export interface QueryJobArgs {
  id: string;
}

/** Arguments of `Query.jobs`. */
export interface QueryJobsArgs {
  /** Default: 20. */
  first?: Maybe<number>;
  after?: Maybe<string>;
}

export interface Mutation {
  __typename?: 'Mutation';
  /** Generate faces from seeds (1–16 per call). */
  generateImages: Image[];
  /** Start an upload: returns where to PUT the bytes (a presigned URL on S3, the API's upload endpoint otherwise). */
  createUpload: UploadTicket;
  /**
   * Validate the uploaded bytes (png/jpeg/webp, ≤ 20 MB, ≤ 4096×4096) and create the image, deduplicated by content
   * hash (the same bytes give the same image). Uploads have no latent until an inversion model is configured.
   */
  completeUpload: Image;
  /** Edit with global directions: one result per α. Works on W+ latents and on S latents (previous global-edit results). */
  editGlobal: Edit;
  /**
   * Edit with a latent mapper. Needs a W+ latent (generated images and mapper results); an S latent (a global-edit
   * result) is refused with BAD_USER_INPUT.
   */
  editMapper: Edit;
  /** Compute the S statistics and channel-relevance table of a model set (a job; one at a time per model set). */
  precomputeDirections: Job;
  cancelJob: Job;
}

/** Arguments of `Mutation.generateImages`. */
export interface MutationGenerateImagesArgs {
  input: GenerateImagesInput;
}

/** Arguments of `Mutation.createUpload`. */
export interface MutationCreateUploadArgs {
  input: CreateUploadInput;
}

/** Arguments of `Mutation.completeUpload`. */
export interface MutationCompleteUploadArgs {
  uploadId: string;
}

/** Arguments of `Mutation.editGlobal`. */
export interface MutationEditGlobalArgs {
  input: EditGlobalInput;
}

/** Arguments of `Mutation.editMapper`. */
export interface MutationEditMapperArgs {
  input: EditMapperInput;
}

/** Arguments of `Mutation.precomputeDirections`. */
export interface MutationPrecomputeDirectionsArgs {
  input: PrecomputeDirectionsInput;
}

/** Arguments of `Mutation.cancelJob`. */
export interface MutationCancelJobArgs {
  id: string;
}

export interface Subscription {
  __typename?: 'Subscription';
  /** Job progress: the current state first, then every update until the job ends. */
  jobUpdated: Job;
}

/** Arguments of `Subscription.jobUpdated`. */
export interface SubscriptionJobUpdatedArgs {
  id: string;
}

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
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
  INVERSION_NOT_CONFIGURED: 'INVERSION_NOT_CONFIGURED',
  NO_CHANNELS: 'NO_CHANNELS',
  NO_DIRECTIONS: 'NO_DIRECTIONS',
  JOB_LIMIT_REACHED: 'JOB_LIMIT_REACHED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
/**
 * The stable `extensions.code` of every error the API returns. Unexpected failures are masked as
 * INTERNAL_SERVER_ERROR (the message carries a request id for the logs; no internals are exposed).
 */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface Health {
  __typename?: 'Health';
  status: string;
  version: string;
  modelSets: string[];
  storage: string;
}

export const ImageSource = {
  GENERATED: 'GENERATED',
  UPLOADED: 'UPLOADED',
  EDITED: 'EDITED',
} as const;
export type ImageSource = (typeof ImageSource)[keyof typeof ImageSource];

export const EditMethod = {
  GLOBAL: 'GLOBAL',
  MAPPER: 'MAPPER',
} as const;
export type EditMethod = (typeof EditMethod)[keyof typeof EditMethod];

export interface ImageFilter {
  /** Only images with at least one edit of this method. */
  method?: Maybe<EditMethod>;
  source?: Maybe<ImageSource>;
}

export interface PageInfo {
  __typename?: 'PageInfo';
  endCursor: Maybe<string>;
  hasNextPage: boolean;
}

export interface ImageConnection {
  __typename?: 'ImageConnection';
  edges: ImageEdge[];
  pageInfo: PageInfo;
}

export interface ImageEdge {
  __typename?: 'ImageEdge';
  cursor: string;
  node: Image;
}

export interface EditConnection {
  __typename?: 'EditConnection';
  edges: EditEdge[];
  pageInfo: PageInfo;
}

export interface EditEdge {
  __typename?: 'EditEdge';
  cursor: string;
  node: Edit;
}

export interface Image {
  __typename?: 'Image';
  id: string;
  source: ImageSource;
  /** PNG URL (presigned on S3, served by the API otherwise). */
  url: string;
  width: number;
  height: number;
  createdAt: Scalars['DateTime'];
  modelSetId: string;
  seed: Maybe<number>;
  truncation: Maybe<number>;
  /** The latent the image came from; null for an upload that is not inverted. */
  latent: Maybe<Latent>;
  /** For uploads: why there is no latent yet (e.g. inversion not configured). */
  inversionStatus: Maybe<InversionStatus>;
  /** For EDITED images: the edit that produced it. */
  parentEdit: Maybe<Edit>;
  /** Edits of this image, newest first. */
  edits: EditConnection;
}

/** Arguments of `Image.edits`. */
export interface ImageEditsArgs {
  /** Default: 20. */
  first?: Maybe<number>;
  after?: Maybe<string>;
}

export const InversionStatus = {
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

export interface Latent {
  __typename?: 'Latent';
  id: string;
  space: LatentSpace;
  shape: number[];
  /** The latent as a float32 .npy. */
  url: string;
}

export interface Channel {
  __typename?: 'Channel';
  layer: number;
  layerName: Maybe<string>;
  channel: number;
  weight: number;
}

export interface Edit {
  __typename?: 'Edit';
  id: string;
  method: EditMethod;
  /** The image that was edited. */
  image: Image;
  createdAt: Scalars['DateTime'];
  neutral: Maybe<string>;
  target: Maybe<string>;
  alphas: Maybe<number[]>;
  /** The β used (the chosen one when autoBeta). */
  beta: Maybe<number>;
  autoBeta: Maybe<boolean>;
  channels: Maybe<number>;
  topChannels: Maybe<Channel[]>;
  mapper: Maybe<string>;
  strength: Maybe<number>;
  /** One result per α (global) or one (mapper); each is an image usable as a new base. */
  results: EditResult[];
  /** A link to share this edit. */
  shareUrl: string;
}

export interface EditResult {
  __typename?: 'EditResult';
  alpha: Maybe<number>;
  image: Image;
}

/** A global edit rendered but not stored (previewGlobalEdit). */
export interface EditPreview {
  __typename?: 'EditPreview';
  /** Kept channels at the β used. */
  channels: number;
  /** The β used (the chosen one when autoBeta). */
  beta: number;
  autoBeta: boolean;
  topChannels: Channel[];
  /** One image per α, in the order given. */
  images: PreviewImage[];
}

/** A mapper edit rendered but not stored (previewMapperEdit). */
export interface MapperPreview {
  __typename?: 'MapperPreview';
  /** The strength used. */
  strength: number;
  /** The one result, as an image (its `alpha` is the strength). */
  images: PreviewImage[];
}

export interface PreviewImage {
  __typename?: 'PreviewImage';
  /** The α this image was rendered at (for a mapper preview: the strength). */
  alpha: number;
  width: number;
  height: number;
  /** PNG as a data: URL */
  dataUrl: string;
}

export interface ModelSet {
  __typename?: 'ModelSet';
  id: string;
  size: number;
  styleDim: number;
  nLatent: number;
  mappers: Mapper[];
  hasClip: boolean;
  hasDirections: boolean;
  directions: Maybe<DirectionsInfo>;
  /** Uploads can be edited only when an inversion encoder is configured. */
  inversionConfigured: boolean;
}

export interface Mapper {
  __typename?: 'Mapper';
  name: string;
  coarse: boolean;
  medium: boolean;
  fine: boolean;
}

export interface DirectionsInfo {
  __typename?: 'DirectionsInfo';
  rows: number;
  layers: number[];
  images: Maybe<number>;
  origin: string;
}

export interface TextDirectionPreview {
  __typename?: 'TextDirectionPreview';
  channels: number;
  beta: number;
  maxAbsRelevance: number;
  dtNorm: Maybe<number>;
  topChannels: Channel[];
}

export interface TextDirectionInput {
  modelSetId?: Maybe<string>;
  neutral: string;
  target: string;
  /**
   * β in [0, 1]; ignored when autoBeta is true.
   * Default: 0.15.
   */
  beta?: Maybe<number>;
  /** Default: false. */
  autoBeta?: Maybe<boolean>;
  /** Default: 10. */
  top?: Maybe<number>;
}

export interface GenerateImagesInput {
  modelSetId?: Maybe<string>;
  seeds: number[];
  /** Default: 0.7. */
  truncation?: Maybe<number>;
}

export interface CreateUploadInput {
  filename?: Maybe<string>;
  contentType: string;
  /** Size in bytes (≤ 20 MB). */
  size: number;
  modelSetId?: Maybe<string>;
}

/** Where and how to send the bytes: `method` (PUT) to `url` with exactly these `headers`, before `expiresAt`. */
export interface UploadTicket {
  __typename?: 'UploadTicket';
  uploadId: string;
  method: string;
  url: string;
  headers: Header[];
  expiresAt: Scalars['DateTime'];
}

export interface Header {
  __typename?: 'Header';
  name: string;
  value: string;
}

export interface EditGlobalInput {
  imageId: string;
  neutral: string;
  target: string;
  /** 1–16 strengths in [−100, 100]. */
  alphas: number[];
  /** Default: 0.15. */
  beta?: Maybe<number>;
  /** Default: false. */
  autoBeta?: Maybe<boolean>;
}

export interface EditMapperInput {
  imageId: string;
  mapper: string;
  /** Default: 1. */
  strength?: Maybe<number>;
}

export interface PrecomputeDirectionsInput {
  modelSetId?: Maybe<string>;
  /** Default: 100. */
  images?: Maybe<number>;
  /** Default: 100000. */
  samples?: Maybe<number>;
  /** Default: "official". */
  layers?: Maybe<string>;
}

export const JobKind = {
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

export interface Job {
  __typename?: 'Job';
  id: string;
  kind: JobKind;
  state: JobState;
  modelSetId: string;
  /** 0…1 */
  progress: number;
  /** What runs now (precompute: s-stats, fs3, done; or why a job waits, e.g. after an interrupted run). */
  phase: Maybe<string>;
  /** Units done and total in the current phase (samples for s-stats, channels for fs3). */
  done: number;
  total: number;
  etaSeconds: Maybe<number>;
  createdAt: Scalars['DateTime'];
  updatedAt: Scalars['DateTime'];
  error: Maybe<JobError>;
  /** On success (precompute: rows, layers, images, samples, attempts). */
  result: Maybe<Scalars['JSON']>;
}

export interface JobError {
  __typename?: 'JobError';
  code: string;
  message: string;
}

export interface JobConnection {
  __typename?: 'JobConnection';
  edges: JobEdge[];
  pageInfo: PageInfo;
}

export interface JobEdge {
  __typename?: 'JobEdge';
  cursor: string;
  node: Job;
}
