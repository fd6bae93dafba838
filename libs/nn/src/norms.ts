import { add, layerNormalization, mul, reduceMean, rsqrt, type Tensor } from '@styleclip/onnx-graph';

/** StyleGAN2 PixelNorm: x·rsqrt(mean(x², axis) + eps). `axis` 1 is the channel axis of [B,C]. */
export function pixelNorm(x: Tensor, axis = 1, eps = 1e-8): Tensor {
  return mul(x, rsqrt(add(reduceMean(mul(x, x), [axis], true), eps)));
}

/** torch LayerNorm over the last axis (biased variance), as one LayerNormalization op. */
export function layerNorm(x: Tensor, p: { weight: Tensor; bias: Tensor }, eps = 1e-5): Tensor {
  return layerNormalization(x, p.weight, p.bias, -1, eps);
}
