import { defineRecordType, RecordStore, type BlobStore } from '@styleclip/storage';
import { any, arr, bool, int, num, obj, oneOf, opt, str } from '@styleclip/validation';

// The product's records: versioned JSON documents (RecordStore) with validators. Bump a type's `version` and add
// a migration when its shape changes; stored records then keep working across releases.

const blobRef = obj({ key: str, sha256: str, bytes: int });
export type BlobRef = ReturnType<typeof blobRef>;

const checkImage = obj({
  id: str,
  source: oneOf('GENERATED', 'UPLOADED', 'EDITED'),
  modelSetId: str,
  png: blobRef,
  width: int,
  height: int,
  createdAt: str,
  seed: opt(int),
  truncation: opt(num),
  latentId: opt(str),
  inversionStatus: opt(oneOf('NOT_CONFIGURED', 'PENDING', 'DONE', 'FAILED')),
  /** EDITED: the edit that made it, and the α of this result (global edits). */
  parentEditId: opt(str),
  alpha: opt(num),
  /** UPLOADED: sha256 and format of the bytes as uploaded (dedupe key), and the file name given. */
  upload: opt(obj({ sha256: str, format: str, filename: opt(str) })),
});
export type ImageRecord = ReturnType<typeof checkImage>;

const checkLatent = obj({
  id: str,
  space: oneOf('WPLUS', 'S'),
  shape: arr(int),
  npy: blobRef,
  modelSetId: str,
  /** The synthesis network the latent belongs to (an edit refuses a latent of another generator). */
  generatorSha256: str,
  createdAt: str,
});
export type LatentRecord = ReturnType<typeof checkLatent>;

const checkChannel = obj({ layer: int, layerName: opt(str), channel: int, weight: num });

const checkEdit = obj({
  id: str,
  method: oneOf('GLOBAL', 'MAPPER'),
  imageId: str,
  modelSetId: str,
  createdAt: str,
  neutral: opt(str),
  target: opt(str),
  alphas: opt(arr(num)),
  beta: opt(num),
  autoBeta: opt(bool),
  channels: opt(int),
  topChannels: opt(arr(checkChannel)),
  truncatedPrompts: opt(arr(str)),
  mapper: opt(str),
  strength: opt(num),
  results: arr(obj({ alpha: opt(num), imageId: str })),
});
export type EditRecord = ReturnType<typeof checkEdit>;

const checkJob = obj({
  id: str,
  /** A registered job kind (see jobs/kinds.ts). */
  kind: str,
  state: oneOf('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'),
  modelSetId: str,
  /** The kind's parameters, as validated by its schema when submitted (checked again when run). */
  params: any,
  /** Who submitted it (the API: the key's name), when known: only they (or an admin) may cancel it. */
  submittedBy: opt(str),
  progress: num,
  phase: opt(str),
  done: int,
  total: int,
  etaSeconds: opt(num),
  /** What the kind reports beside progress (e.g. loss terms), as JSON. */
  detail: opt(any),
  /** The latest preview image the job stored (content-addressed PNG). */
  preview: opt(blobRef),
  createdAt: str,
  /** Runs started so far (a resumed or retried job has more than one). */
  attempts: int,
  /** Set when a shutdown interrupted the job; it resumes (next start, or another worker). */
  interrupted: opt(bool),
  cancelRequested: opt(bool),
  error: opt(obj({ code: str, message: str })),
  result: opt(any),
});
export type JobRecord = ReturnType<typeof checkJob>;

function migrateJobV1(v1: unknown): unknown {
  const job = v1 as { kind?: string; params?: { layers?: unknown } };
  const layers = job.params?.layers;
  if (job.kind !== 'PRECOMPUTE_DIRECTIONS' || typeof layers !== 'string') return v1;
  return { ...job, params: { ...job.params, layers: layers.toUpperCase() } };
}

const checkUpload = obj({
  id: str,
  state: oneOf('PENDING', 'COMPLETED', 'FAILED'),
  /** Where the raw bytes land (deleted once processed). */
  key: str,
  contentType: str,
  size: int,
  filename: opt(str),
  modelSetId: str,
  createdAt: str,
  expiresAt: str,
  imageId: opt(str),
  error: opt(obj({ code: str, message: str })),
});
export type UploadRecord = ReturnType<typeof checkUpload>;

/** sha256 of uploaded bytes → the image made from them (deduplication). */
const checkImageHash = obj({ sha256: str, imageId: str });

/**
 * The directions (S statistics and fs3) a precompute job published for a model set: every process installs them
 * into its local copy of the set when they differ from what it has (workers and API servers on other machines).
 */
const checkDirections = obj({
  modelSetId: str,
  /** The generator and CLIP image encoder they were computed with (a set with other weights ignores them). */
  generatorSha256: str,
  clipImageSha256: str,
  sStats: blobRef,
  fs3: blobRef,
  fs3Rows: int,
  fs3Layers: arr(int),
  fs3Images: int,
  sStatsSamples: int,
  truncation: obj({ psi: num, layers: oneOf('all', 'first8') }),
  jobId: str,
  createdAt: str,
});
export type DirectionsRecord = ReturnType<typeof checkDirections>;

export const RECORD_TYPES = [
  defineRecordType({ name: 'image', version: 1, validate: checkImage }),
  defineRecordType({ name: 'latent', version: 1, validate: checkLatent }),
  defineRecordType({ name: 'edit', version: 1, validate: checkEdit }),
  defineRecordType({
    name: 'job',
    version: 2,
    validate: checkJob,
    // v2: jobs of any registered kind; PRECOMPUTE_DIRECTIONS names its layers OFFICIAL | ALL (the GraphQL enum).
    migrations: { 1: migrateJobV1 },
  }),
  defineRecordType({ name: 'upload', version: 1, validate: checkUpload }),
  defineRecordType({ name: 'image-hash', version: 1, validate: checkImageHash }),
  defineRecordType({ name: 'directions', version: 1, validate: checkDirections }),
] as const;

export type StudioRecords = RecordStore<typeof RECORD_TYPES>;

export const createRecordStore = (blobs: BlobStore): StudioRecords => new RecordStore(blobs, RECORD_TYPES);
