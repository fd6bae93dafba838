export {
  inferClipConfig,
  validateClipConfig,
  checkClipWeights,
  clipWeightShapes,
  visionGrid,
  visionTokens,
  tinyClipConfig,
  vitB32Config,
  type ClipConfig,
  type ClipHeads,
} from './config';
export { residualAttentionBlock, clipTransformer, clipLayerNorm } from './transformer';
export { clipImageEncoder, buildClipImageGraph } from './image-encoder';
export { clipTextEncoder, buildClipTextGraph } from './text-encoder';
export { randomClipWeights } from './init';
export { openaiNameOf, type HfTarget } from './huggingface';
export {
  readClipCheckpoint,
  type ReadClipOptions,
  type ClipCheckpoint,
  type ClipCheckpointSource,
} from './checkpoint';
