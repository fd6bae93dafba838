export { Engine, type EngineOptions, type GeneratedBatch } from './engine';
export { Components, EngineError } from './components';
