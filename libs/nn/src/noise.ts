import { add, mul, type Tensor } from '@styleclip/onnx-graph';

/** StyleGAN2 NoiseInjection: x + weight·noise; weight [1], noise [1,1,H,W] or [N,1,H,W] (broadcast over C). */
export function noiseInjection(x: Tensor, weight: Tensor, noise: Tensor): Tensor {
  return add(x, mul(noise, weight));
}
