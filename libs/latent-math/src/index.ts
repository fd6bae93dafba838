export { array32, rows, concatRows, type Array32 } from './array';
export { zFromSeed, zFromSeeds } from './seeds';
export { broadcastW, truncate, applyMapperDelta } from './latents';
