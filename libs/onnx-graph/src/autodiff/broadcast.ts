import { reduceSum } from '../ops/reduce';
import { reshape } from '../ops/shape-ops';
import { GraphBuildError } from '../errors';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';

/**
 * Reduces a gradient computed for a broadcast result back to the shape of the operand that was broadcast:
 * sums over the added leading axes and over axes where the operand had size 1.
 */
export function sumToShape(grad: Tensor, target: Tensor): Tensor {
  const lead = grad.rank - target.rank;
  if (lead < 0)
    throw new GraphBuildError(`sumToShape: ${formatShape(grad.shape)} → ${formatShape(target.shape)}`);
  const ones: number[] = [];
  target.shape.forEach((d, i) => {
    if (d === 1 && grad.shape[i + lead] !== 1) ones.push(i + lead);
  });
  let g = grad;
  if (ones.length > 0) g = reduceSum(g, ones, true);
  if (lead > 0)
    g = reduceSum(
      g,
      Array.from({ length: lead }, (_, i) => i),
      false,
    );
  // Symbolic dims that could not be matched statically are assumed equal; a final static reshape catches
  // a remaining mismatch in size-1 bookkeeping.
  if (g.shape.some((d, i) => d !== target.shape[i]) && target.shape.every((d) => typeof d === 'number')) {
    g = reshape(g, target.shape as number[]);
  }
  return g;
}
