export {
  inferE4eConfig,
  e4eHeadShapes,
  e4eHeadConvs,
  e4eHeadLevel,
  E4E_COARSE_IND,
  E4E_MIDDLE_IND,
  E4E_TAPS,
  type E4eConfig,
} from './config';
export { e4eEncoder, buildE4eEncoderGraph, type E4eOutputs } from './encoder';
export { buildFacePoolGraph } from './face-pool';
export { readE4eCheckpoint, type E4eCheckpoint } from './checkpoint';
export { randomE4eWeights, type RandomE4eOptions } from './init';
