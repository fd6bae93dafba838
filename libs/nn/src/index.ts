/**
 * @styleclip/nn: neural-network blocks built on @styleclip/onnx-graph with the exact semantics of the
 * reference implementations (rosinality StyleGAN2, OpenAI CLIP, IR-SE). Every block takes its parameters as
 * Tensors, initializers or graph inputs; constant factors are folded into initializers when possible.
 */
export { equalLinear, linear, type EqualLinearOptions } from './linear';
export { fusedLeakyRelu, quickGelu, type FusedLeakyReluOptions } from './activations';
export { pixelNorm, layerNorm } from './norms';
export {
  modulatedConv2d,
  CONV_ALGORITHMS,
  type ModulatedConvOptions,
  type ConvAlgorithm,
} from './modulated-conv';
export {
  winogradConv3x3,
  winogradKernel,
  winogradTransforms,
  type WinogradConvOptions,
  type WinogradTile,
  type WinogradTransforms,
} from './winograd';
export { upfirdn2d, blur, upsampleRgb, makeKernel, type FirKernel, type Upfirdn2dOptions } from './upfirdn2d';
export { noiseInjection } from './noise';
export {
  multiHeadAttention,
  causalMask,
  CAUSAL_MASK_VALUE,
  type MultiHeadAttentionParams,
} from './attention';
export { foldConvBatchNorm, batchNorm2d, batchNormAffine, type BatchNormParams } from './batch-norm';
export { squeezeExcitation } from './squeeze-excitation';
export { adaptiveAvgPool2d, adaptivePoolMatrix, adaptivePoolWindow } from './adaptive-avg-pool';
export { l2Normalize } from './l2-normalize';
