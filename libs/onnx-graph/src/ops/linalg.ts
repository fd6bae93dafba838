import { broadcastShapes, formatShape, type Dim } from '../shape';
import type { Tensor } from '../tensor';
import { describe, fail, requireRank, requireSameDtype } from './common';

/** Output shape of numpy-style matmul (1-D operands promoted and the added axis removed). */
export function matmulShape(a: readonly Dim[], b: readonly Dim[]): Dim[] {
  const op = 'MatMul';
  if (a.length === 0 || b.length === 0) fail(op, 'scalars are not allowed');
  const A = a.length === 1 ? [1, a[0]!] : a;
  const B = b.length === 1 ? [b[0]!, 1] : b;
  const k1 = A[A.length - 1]!;
  const k2 = B[B.length - 2]!;
  if (typeof k1 === 'number' && typeof k2 === 'number' && k1 !== k2) {
    fail(op, `inner dimensions differ: ${formatShape(a)} × ${formatShape(b)}`);
  }
  const batch = broadcastShapes(op, A.slice(0, -2), B.slice(0, -2));
  const out: Dim[] = [...batch];
  if (a.length > 1) out.push(A[A.length - 2]!);
  if (b.length > 1) out.push(B[B.length - 1]!);
  return out;
}

export function matmul(a: Tensor, b: Tensor): Tensor {
  const dtype = requireSameDtype('MatMul', a, b);
  let shape: Dim[];
  try {
    shape = matmulShape(a.shape, b.shape);
  } catch (e) {
    fail('MatMul', `${describe(a)} × ${describe(b)}: ${(e as Error).message}`);
  }
  return a.graph.addNode('MatMul', [a, b], {}, [{ dtype, shape }])[0]!;
}

export interface GemmOptions {
  transA?: boolean;
  transB?: boolean;
  alpha?: number;
  beta?: number;
}

/** Gemm: alpha·A'·B' + beta·C, 2-D only; C broadcasts to [M,N]. */
export function gemm(a: Tensor, b: Tensor, c?: Tensor, o: GemmOptions = {}): Tensor {
  const op = 'Gemm';
  requireRank(op, a, 2);
  requireRank(op, b, 2);
  const dtype = requireSameDtype(op, a, b, ...(c ? [c] : []));
  const [m, k1] = o.transA ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
  const [k2, n] = o.transB ? [b.shape[1]!, b.shape[0]!] : [b.shape[0]!, b.shape[1]!];
  if (typeof k1 === 'number' && typeof k2 === 'number' && k1 !== k2) {
    fail(
      op,
      `inner dimensions differ: ${describe(a)}${o.transA ? 'ᵀ' : ''} × ${describe(b)}${o.transB ? 'ᵀ' : ''}`,
    );
  }
  if (c) {
    const bc = broadcastShapes(op, [m, n], c.shape);
    if (bc.length !== 2 || bc[0] !== m || bc[1] !== n)
      fail(op, `C ${describe(c)} does not broadcast to [${m},${n}]`);
  }
  const attrs = {
    alpha: { f: o.alpha ?? 1 },
    beta: { f: o.beta ?? 1 },
    transA: { i: o.transA ? 1 : 0 },
    transB: { i: o.transB ? 1 : 0 },
  };
  return a.graph.addNode(op, c ? [a, b, c] : [a, b], attrs, [{ dtype, shape: [m, n] }])[0]!;
}
