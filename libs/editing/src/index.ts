export { Engine, type EngineOptions, type GeneratedBatch } from './engine';
export { Components, EngineError } from './components';
export { TextEncoder, type TextDirectionResult } from './text';
export type { TokenIds } from './components';
