export {
  inferStyleGAN2Config,
  officialChannels,
  nLatent,
  nNoise,
  noiseResolution,
  logSize,
  type StyleGAN2Config,
} from './config';
export { sLayout, type SLayer } from './layout';
export { mappingNetwork, truncate, buildMappingGraph } from './mapping';
export { stylesFromWPlus, buildStylesGraph } from './styles';
export {
  synthesisNetwork,
  splitStyles,
  buildSynthesisGraph,
  synthesisLayers,
  baselineSynthesisOptions,
  type SynthesisOptions,
} from './synthesis';
export {
  defaultConvPlan,
  defaultConvAlgorithm,
  uniformConvPlan,
  validateConvPlan,
  plannedConvs,
  isPlannedConv,
  CONV_ALGORITHMS,
  type ConvAlgorithm,
  type ConvPlan,
  type PlannedConv,
} from './conv-plan';
export { buildGeneratorGraph } from './generator';
export { randomStyleGAN2Weights, type RandomStyleGAN2Options } from './init';
