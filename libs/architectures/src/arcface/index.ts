export {
  inferArcFaceConfig,
  arcfaceWeightShapes,
  irse50ArcFaceConfig,
  tinyArcFaceConfig,
  type ArcFaceConfig,
} from './config';
export { arcfaceNetwork, buildArcFaceGraph, type ArcFaceNetwork, type ArcFaceOutputs } from './backbone';
export {
  ID_LOSS_GEOMETRY,
  idLossInput,
  idFeatures,
  idLoss,
  appendIdLoss,
  buildIdFeaturesGraph,
  buildIdLossGraph,
} from './id-loss';
export { readArcFaceCheckpoint, type ArcFaceCheckpoint } from './checkpoint';
export { randomArcFaceWeights } from './init';
