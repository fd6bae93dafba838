import { attrFloat, attrInt } from '../../attrs';
import { mul } from '../../ops/elementwise';
import { matmul } from '../../ops/linalg';
import { squeeze, transpose, unsqueeze } from '../../ops/shape-ops';
import type { Tensor } from '../../tensor';
import { sumToShape } from '../broadcast';
import { registerGradient } from '../registry';

/** Swaps the last two axes. */
function swapLast(t: Tensor): Tensor {
  const perm = t.shape.map((_, i) => i);
  perm[t.rank - 1] = t.rank - 2;
  perm[t.rank - 2] = t.rank - 1;
  return transpose(t, perm);
}

registerGradient('MatMul', (c) => {
  let a = c.inputs[0]!;
  let b = c.inputs[1]!;
  let gy = c.gradOutputs[0]!;
  // Promote 1-D operands the way numpy does, then undo it on the results.
  const aVec = a.rank === 1;
  const bVec = b.rank === 1;
  if (aVec) {
    a = unsqueeze(a, [0]);
    gy = unsqueeze(gy, [-2]);
  }
  if (bVec) {
    b = unsqueeze(b, [1]);
    gy = unsqueeze(gy, [-1]);
  }
  let ga: Tensor | undefined;
  let gb: Tensor | undefined;
  if (c.needsGrad[0]) {
    ga = sumToShape(matmul(gy, swapLast(b)), a);
    if (aVec) ga = squeeze(ga, [0]);
  }
  if (c.needsGrad[1]) {
    gb = sumToShape(matmul(swapLast(a), gy), b);
    if (bVec) gb = squeeze(gb, [1]);
  }
  return [ga, gb];
});

registerGradient('Gemm', (c) => {
  const [a, b, cc] = c.inputs;
  const gy = c.gradOutputs[0]!;
  const at = c.node.attrs;
  const alpha = attrFloat(at, 'alpha', 1);
  const beta = attrFloat(at, 'beta', 1);
  const transA = attrInt(at, 'transA', 0) === 1;
  const transB = attrInt(at, 'transB', 0) === 1;
  const bEff = transB ? transpose(b!) : b!;
  const aEff = transA ? transpose(a!) : a!;
  let ga: Tensor | undefined;
  let gb: Tensor | undefined;
  if (c.needsGrad[0]) {
    const gaEff = matmul(gy, transpose(bEff)); // d(A')
    ga = mul(transA ? transpose(gaEff) : gaEff, alpha);
  }
  if (c.needsGrad[1]) {
    const gbEff = matmul(transpose(aEff), gy); // d(B')
    gb = mul(transB ? transpose(gbEff) : gbEff, alpha);
  }
  const gc = cc && c.needsGrad[2] ? sumToShape(mul(gy, beta), cc) : undefined;
  return [ga, gb, gc];
});
