import { conv, globalAveragePool, mul, relu, sigmoid, type Tensor } from '@styleclip/onnx-graph';
import { fail } from './params';

/**
 * IR-SE squeeze-excitation: global average pool → 1×1 conv fc1 (C→C/r, no bias) → ReLU → 1×1 conv fc2
 * (→C, no bias) → sigmoid → x·that (channel-wise).
 */
export function squeezeExcitation(x: Tensor, p: { fc1: Tensor; fc2: Tensor }): Tensor {
  if (x.rank !== 4) fail('squeezeExcitation', `expects [N,C,H,W], got ${x.name} [${x.shape.join(',')}]`);
  for (const w of [p.fc1, p.fc2]) {
    if (w.rank !== 4 || w.shape[2] !== 1 || w.shape[3] !== 1) {
      fail(
        'squeezeExcitation',
        `${w.name} must be a 1×1 conv weight [out,in,1,1], got [${w.shape.join(',')}]`,
      );
    }
  }
  const s = sigmoid(conv(relu(conv(globalAveragePool(x), p.fc1)), p.fc2));
  return mul(x, s);
}
