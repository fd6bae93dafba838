/**
 * @styleclip/onnx-graph: build ONNX graphs in TypeScript with build-time shape checks, serialize them, and
 * derive reverse-mode gradient graphs.
 */
export type { DType, AnyTypedArray, TypedArrayFor } from './dtype';
export { toFloat16, float32ToFloat16Bits, float16BitsToFloat32, isFloat } from './dtype';
export { GraphBuildError } from './errors';
export type { Dim, Shape } from './shape';
export { formatShape, numel, isStatic, broadcastShapes } from './shape';
export { Tensor } from './tensor';
export { Graph, type Attr, type GraphNode, type Initializer } from './graph';
export * from './ops';
export { toOnnxBytes, writeOnnxFile, OPSET, type SerializeOptions } from './serialize/onnx-model';
export {
  readOnnxModelView,
  extractOnnxModel,
  type OnnxModelView,
  type OnnxNodeView,
  type CutInput,
  type CutOutput,
} from './serialize/extract';
export { gradients, type GradientsOptions } from './autodiff/gradients';
export { registerGradient, opsWithGradients, type GradientRule, type GradContext } from './autodiff/registry';
export { sumToShape } from './autodiff/broadcast';
export { countMacs } from './analysis/macs';
export { importOnnx, type ImportOnnxOptions } from './import/import-onnx';
export {
  readOnnxModel,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './import/onnx-reader';
