import { add, leakyRelu, mul, reshape, sigmoid, type Tensor } from '@styleclip/onnx-graph';
import { fail } from './params';

export interface FusedLeakyReluOptions {
  /** Axis the bias runs along: 1 = channel axis of NCHW / [B,C] (rosinality's CUDA op), -1 = last axis. */
  axis?: number;
  slope?: number;
  gain?: number;
}

/** StyleGAN2's fused_leaky_relu: leaky_relu(x + bias, slope)·gain, bias broadcast along `axis`. */
export function fusedLeakyRelu(x: Tensor, bias?: Tensor, o: FusedLeakyReluOptions = {}): Tensor {
  const slope = o.slope ?? 0.2;
  const gain = o.gain ?? Math.SQRT2;
  const y = leakyRelu(bias ? addAlongAxis(x, bias, o.axis ?? 1, 'fusedLeakyRelu') : x, slope);
  return gain === 1 ? y : mul(y, gain);
}

/** x + bias where bias [C] runs along `axis` of x (reshaped to [C,1,…,1] unless it is the last axis). */
export function addAlongAxis(x: Tensor, bias: Tensor, axis: number, block: string): Tensor {
  const a = axis < 0 ? axis + x.rank : axis;
  if (a < 0 || a >= x.rank) fail(block, `axis ${axis} out of range for ${x.name} [${x.shape.join(',')}]`);
  if (bias.rank !== 1) fail(block, `bias ${bias.name} must be 1-D, got [${bias.shape.join(',')}]`);
  const c = x.shape[a];
  if (typeof c === 'number' && typeof bias.shape[0] === 'number' && c !== bias.shape[0]) {
    fail(
      block,
      `bias ${bias.name} [${bias.shape[0]}] does not match axis ${axis} of ${x.name} [${x.shape.join(',')}]`,
    );
  }
  const trailing = x.rank - 1 - a;
  return add(x, trailing === 0 ? bias : reshape(bias, [-1, ...Array<number>(trailing).fill(1)]));
}

/** CLIP's QuickGELU: x·sigmoid(1.702·x) (not erf-GELU). */
export function quickGelu(x: Tensor): Tensor {
  return mul(x, sigmoid(mul(x, 1.702)));
}
