import { div, reduceL2, type Tensor } from '@styleclip/onnx-graph';

/**
 * x / ‖x‖₂ along `axis`, with **no epsilon** (the ArcFace `l2_norm`: `x / torch.norm(x, 2, axis, True)`). A
 * zero vector gives NaN, as in the reference.
 */
export function l2Normalize(x: Tensor, axis = 1): Tensor {
  return div(x, reduceL2(x, [axis], true));
}
