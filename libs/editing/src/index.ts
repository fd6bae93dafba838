export { Engine, type EngineOptions, type GeneratedBatch } from './engine';
export { Components, EngineError } from './components';
export { TextEncoder, type TextDirectionResult } from './text';
export type { TokenIds } from './components';
export { Editor, type EditLatent, type GlobalEditRequest, type GlobalEditResult, type DirectionPreview } from './edits';
export { precomputeDirections, type PrecomputeOptions } from './directions/precompute';
export { loadDirectionsData, type DirectionsData } from './directions/data';
export type { WorkProgress } from './directions/progress';
export type { TruncationSpec } from './directions/sampling';
export { buildPresetSet } from './presets';
export { importDirections } from './directions/import';
export { MicroBatcher, type MicroBatchOptions } from './micro-batcher';
export { clipFeaturesOfImages, normalizeRows } from './directions/clip-features';
export {
  evaluateDirections,
  DEFAULT_EVALUATION_PROMPTS,
  type DirectionEvaluation,
  type EvaluationOptions,
  type PromptEvaluation,
  type TextPair,
} from './directions/evaluate';
export * from './optimize/index';
export * from './mapper-training/index';
