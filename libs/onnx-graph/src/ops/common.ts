import type { DType } from '../dtype';
import { GraphBuildError } from '../errors';
import type { Graph } from '../graph';
import { formatShape } from '../shape';
import { Tensor } from '../tensor';

/** A tensor, or a JS number that becomes a scalar constant of the other operand's dtype. */
export type TensorLike = Tensor | number;

export function graphOf(op: string, ...xs: TensorLike[]): Graph {
  const t = xs.find((x): x is Tensor => x instanceof Tensor);
  if (!t) throw new GraphBuildError(`${op}: at least one operand must be a tensor`);
  return t.graph;
}

export function lift(g: Graph, x: TensorLike, dtype: DType): Tensor {
  return x instanceof Tensor ? x : g.constant(x, dtype);
}

export function fail(op: string, message: string): never {
  throw new GraphBuildError(`${op}: ${message}`);
}

export const describe = (t: Tensor): string => `${t.name} ${t.dtype}${formatShape(t.shape)}`;

export function requireSameDtype(op: string, ...ts: Tensor[]): DType {
  const d = ts[0]!.dtype;
  for (const t of ts) {
    if (t.dtype !== d) fail(op, `dtype mismatch: ${ts.map(describe).join(', ')}`);
  }
  return d;
}

export function requireRank(op: string, t: Tensor, rank: number): void {
  if (t.rank !== rank) fail(op, `expected rank ${rank}, got ${describe(t)}`);
}

/** A 1-D int64 constant (shapes, axes, pads given to ops as inputs). */
export const int64s = (g: Graph, values: readonly number[]): Tensor =>
  g.constant(values, 'int64', [values.length]);
