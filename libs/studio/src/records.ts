import { defineRecordType, RecordStore, type BlobStore } from '@styleclip/storage';
import { any, arr, bool, int, num, obj, oneOf, opt, str } from '@styleclip/validation';
import { checkInversion, checkPhoto } from './photos/records';

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
  inversionStatus: opt(oneOf('NOT_CONFIGURED', 'PENDING', 'DONE', 'FAILED', 'NO_FACE')),
  /** EDITED: the edit that made it, and the α of this result (global edits). */
  parentEditId: opt(str),
  alpha: opt(num),
  /** UPLOADED: sha256 and format of the bytes as uploaded (dedupe key), and the file name given. */
  upload: opt(obj({ sha256: str, format: str, filename: opt(str) })),
  /** v2. A face of an uploaded photo (its inversion), or an edit of one: which photo and face it belongs to. */
  face: opt(obj({ photoId: str, index: int })),
  /** v2. EDITED: a photo with edited faces pasted back (no latent of its own). */
  pasted: opt(obj({ photoId: str, faces: arr(int) })),
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

/** How a latent optimization (an OPTIMIZE edit) ran: its settings, the job and the losses of its last step. */
const checkOptimization = obj({
  jobId: str,
  mode: oneOf('EDIT', 'FREE'),
  space: oneOf('WPLUS', 'S'),
  steps: int,
  lr: num,
  l2Lambda: num,
  idLambda: num,
  losses: obj({ clip: num, l2: opt(num), id: opt(num), total: num }),
});

const checkEdit = obj({
  id: str,
  /** OPTIMIZE: a latent optimization job's result (its text in `target`, its settings in `optimization`). */
  method: oneOf('GLOBAL', 'MAPPER', 'OPTIMIZE'),
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
  optimization: opt(checkOptimization),
  /** v2: `face` says which face of the photo a result is of (photo edits). */
  results: arr(obj({ alpha: opt(num), imageId: str, face: opt(int) })),
  /** v2. An edit of faces of an uploaded photo: the photo and the faces edited. */
  photo: opt(obj({ photoId: str, faces: arr(int) })),
  /** v2. The photo with the edited faces pasted back, one per α (asked with `pasteBack`). */
  pasted: opt(arr(obj({ alpha: opt(num), imageId: str }))),
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
  /** Fast mode's stop resolution; absent for an exact table (optional: records without it stay valid). */
  fs3StopResolution: opt(int),
  sStatsSamples: int,
  truncation: obj({ psi: num, layers: oneOf('all', 'first8') }),
  jobId: str,
  createdAt: str,
});
export type DirectionsRecord = ReturnType<typeof checkDirections>;

/**
 * A mapper a TRAIN_MAPPER job trained for a model set (id `<modelSetId>.<name>`): its ONNX graph (what each
 * process installs into its local copy of the set, see MapperSync), the official checkpoint for download, and
 * how it was trained.
 */
const checkMapper = obj({
  modelSetId: str,
  name: str,
  /** The generator it was trained against (a set with another generator does not install it). */
  generatorSha256: str,
  /** `mapper-<name>.onnx` as installed, and its LevelsMapper config (the manifest entry's). */
  onnx: blobRef,
  config: any,
  /** `{'state_dict': {'mapper.*'}, 'opts'}`, torch.save format. */
  checkpoint: blobRef,
  text: str,
  training: obj({
    steps: int,
    batch: int,
    optimizer: oneOf('RANGER', 'ADAM'),
    lr: num,
    clipLambda: num,
    l2Lambda: num,
    idLambda: num,
    coarse: bool,
    medium: bool,
    fine: bool,
    seedStart: int,
    seedCount: int,
    seed: int,
  }),
  /** Losses of the last training step and of the last evaluation (held-out faces). */
  losses: obj({ clip: opt(num), l2: opt(num), id: opt(num), total: num }),
  evalLosses: opt(obj({ clip: opt(num), l2: opt(num), id: opt(num), total: num })),
  /** sha256 of every parameter flattened in state-dict order (float32 bytes). */
  paramsSha256: str,
  jobId: str,
  createdAt: str,
});
export type MapperRecord = ReturnType<typeof checkMapper>;

/** v1 → v2 of image and edit records: fields were added, all optional, so a v1 value is a valid v2 value. */
const addedOptionalFields = (v1: unknown): unknown => v1;

export const RECORD_TYPES = [
  // v2: `face` (faces of photos and their edits) and `pasted` (photos with edited faces pasted back).
  defineRecordType({
    name: 'image',
    version: 2,
    validate: checkImage,
    migrations: { 1: addedOptionalFields },
  }),
  defineRecordType({ name: 'latent', version: 1, validate: checkLatent }),
  // v2: `photo`, `pasted` and `results[].face` (edits of faces of photos).
  defineRecordType({ name: 'edit', version: 2, validate: checkEdit, migrations: { 1: addedOptionalFields } }),
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
  defineRecordType({ name: 'mapper', version: 1, validate: checkMapper }),

  defineRecordType({ name: 'photo', version: 1, validate: checkPhoto }),
  defineRecordType({ name: 'inversion', version: 1, validate: checkInversion }),
] as const;

export type StudioRecords = RecordStore<typeof RECORD_TYPES>;

export const createRecordStore = (blobs: BlobStore): StudioRecords => new RecordStore(blobs, RECORD_TYPES);
