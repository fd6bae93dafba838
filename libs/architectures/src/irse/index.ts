export {
  inferIrSeConfig,
  checkIrSeWeights,
  irseWeightShapes,
  irseUnits,
  irseLayers,
  irseDownsampling,
  IRSE_STAGE_UNITS,
  type IrSeConfig,
  type IrSeStage,
  type IrSeUnit,
} from './config';
export { irseNetwork, batchNormAt, type IrSeNetwork } from './network';
export { randomIrSeWeights } from './init';
