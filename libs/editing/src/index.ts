export { Engine, type EngineOptions, type GeneratedBatch } from './engine';
export { Components, EngineError, type RenderOptions, type RenderPath } from './components';
export { areaDownsample, psnr, previewResolutionOf, PREVIEW_COST_SHARE } from './previews';
export { TextEncoder, type TextDirectionResult } from './text';
export type { TokenIds } from './components';
export {
  Editor,
  type EditLatent,
  type GlobalEditRequest,
  type GlobalEditResult,
  type DirectionPreview,
} from './edits';
export {
  precomputeDirections,
  computeFs3Chunks,
  mergeFs3Chunks,
  writeDirections,
  directionsOf,
  sStatisticsOf,
  FolderChunkStore,
  type PrecomputeOptions,
  type DirectionsContent,
} from './directions/precompute';
export {
  planFs3,
  chunkChannels,
  shardsOf,
  fastStopResolution,
  type Fs3Plan,
  type Fs3Settings,
  type Fs3ChunkStore,
} from './directions/fs3-plan';
export {
  componentsRenderer,
  fs3Rows,
  Fs3Prober,
  type Fs3ProberOptions,
  type ProbeRenderer,
} from './directions/fs3-rows';
export { SynthesisCuts, type SynthesisCut, type SynthesisPart } from './synthesis-cuts';
export {
  loadDirectionsData,
  packSStats,
  unpackSStats,
  type DirectionsData,
  type SStatistics,
} from './directions/data';
export type { WorkProgress } from './directions/progress';
export { STYLECLIP_SAMPLING, POOL_SEED, type TruncationSpec } from './directions/sampling';
export {
  buildPresetSet,
  ensurePresetSet,
  presetCacheDir,
  type PresetState,
  type EnsureResult,
} from './presets';
export { importDirections } from './directions/import';
export { MicroBatcher, type MicroBatchOptions } from './micro-batcher';
export { clipFeaturesOfImages, normalizeRows } from './directions/clip-features';
export {
  evaluateDirections,
  DEFAULT_EVALUATION_PROMPTS,
  EVALUATION_DEFAULTS,
  type DirectionEvaluation,
  type EvaluationOptions,
  type PromptEvaluation,
  type TextPair,
} from './directions/evaluate';
export * from './optimize/index';
export * from './mapper-training/index';
export * from './photos';
export {
  compareFs3Tables,
  AGREEMENT_BETAS,
  type TableAgreement,
  type LayerAgreement,
  type PromptAgreement,
  type KeptAgreement,
} from './directions/agreement';
