import { normAxis } from '../shape';
import type { Tensor } from '../tensor';
import { describe, fail, requireSameDtype } from './common';

export function softmax(x: Tensor, axis = -1): Tensor {
  const a = normAxis(axis, x.rank, 'Softmax');
  return x.graph.addNode('Softmax', [x], { axis: { i: a } }, [{ dtype: x.dtype, shape: x.shape }])[0]!;
}

/** LayerNormalization over the axes from `axis` to the end; scale/bias have those trailing dims. */
export function layerNormalization(
  x: Tensor,
  scale: Tensor,
  bias?: Tensor,
  axis = -1,
  epsilon = 1e-5,
): Tensor {
  const op = 'LayerNormalization';
  requireSameDtype(op, x, scale, ...(bias ? [bias] : []));
  const a = normAxis(axis, x.rank, op);
  const normalized = x.shape.slice(a);
  for (const p of bias ? [scale, bias] : [scale]) {
    if (p.rank !== normalized.length || p.shape.some((d, i) => d !== normalized[i])) {
      fail(op, `${describe(p)} does not match the normalized dims of ${describe(x)}`);
    }
  }
  const attrs = { axis: { i: a }, epsilon: { f: epsilon } };
  return x.graph.addNode(op, bias ? [x, scale, bias] : [x, scale], attrs, [
    { dtype: x.dtype, shape: x.shape },
  ])[0]!;
}
