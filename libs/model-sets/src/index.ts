export {
  MANIFEST_VERSION,
  ManifestError,
  validateManifest,
  migrateManifest,
  type ModelSetManifest,
  type FileRef,
  type GeneratorEntry,
  type MapperEntry,
  type ModelSetSource,
  type ClipEntry,
  type DirectionsEntry,
  type ArcFaceEntry,
  type EncoderEntry,
} from './manifest';
export { writeModelSet, saveManifest, fileRef, MANIFEST_FILE, type ModelSetSpec, type ProgressEvent } from './write';
export { loadModelSet, allFiles, type ModelSet } from './load';
export { PRESETS, buildPreset, type Preset } from './presets';
export { importModelSet, readGeneratorCheckpoint, readMapperCheckpoint, type ImportOptions } from './import';
export { computeLatentAvg } from './latent-avg';
export { sha256File } from './hashing';
