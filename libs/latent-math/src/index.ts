export { array32, rows, concatRows, type Array32 } from './array';
export { zFromSeed, zFromSeeds } from './seeds';
export { GaussianRandom } from './random';
export { broadcastW, truncate, applyMapperDelta } from './latents';
export { sOffsets, sWidth, editableLayers, fs3Coverage, officialFs3Layers, type SLayerInfo } from './layout';
export { SStatsAccumulator } from './s-stats';
export {
  globalDirection,
  channelRelevance,
  autoBeta,
  keptChannels,
  applyDirection,
  DirectionError,
  type GlobalDirection,
  type DirectionInput,
  type TopChannel,
} from './direction';
