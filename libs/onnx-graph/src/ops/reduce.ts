import { normAxis, type Dim } from '../shape';
import type { Tensor } from '../tensor';
import { describe, fail, int64s } from './common';

export type ReduceOp =
  'ReduceSum' | 'ReduceMean' | 'ReduceMax' | 'ReduceMin' | 'ReduceSumSquare' | 'ReduceL2';

function reduce(op: ReduceOp, x: Tensor, axes: readonly number[] | undefined, keepDims: boolean): Tensor {
  const ax = (axes ?? x.shape.map((_, i) => i)).map((a) => normAxis(a, x.rank, op));
  const shape: Dim[] = [];
  x.shape.forEach((d, i) => {
    if (!ax.includes(i)) shape.push(d);
    else if (keepDims) shape.push(1);
  });
  // Opset 18: axes are an input for every Reduce op.
  return x.graph.addNode(op, [x, int64s(x.graph, ax)], { keepdims: { i: keepDims ? 1 : 0 } }, [
    { dtype: x.dtype, shape },
  ])[0]!;
}

export const reduceSum = (x: Tensor, axes?: readonly number[], keepDims = false): Tensor =>
  reduce('ReduceSum', x, axes, keepDims);
export const reduceMean = (x: Tensor, axes?: readonly number[], keepDims = false): Tensor =>
  reduce('ReduceMean', x, axes, keepDims);
export const reduceMax = (x: Tensor, axes?: readonly number[], keepDims = false): Tensor =>
  reduce('ReduceMax', x, axes, keepDims);
export const reduceMin = (x: Tensor, axes?: readonly number[], keepDims = false): Tensor =>
  reduce('ReduceMin', x, axes, keepDims);
export const reduceSumSquare = (x: Tensor, axes?: readonly number[], keepDims = false): Tensor =>
  reduce('ReduceSumSquare', x, axes, keepDims);
export const reduceL2 = (x: Tensor, axes?: readonly number[], keepDims = false): Tensor =>
  reduce('ReduceL2', x, axes, keepDims);

/** ArgMax along `axis` (int64 output); `selectLastIndex` false picks the first maximum. */
export function argMax(x: Tensor, axis: number, keepDims = false, selectLastIndex = false): Tensor {
  const a = normAxis(axis, x.rank, 'ArgMax');
  if (x.dtype === 'bool') fail('ArgMax', `unsupported dtype: ${describe(x)}`);
  const shape = x.shape.flatMap((d, i) => (i === a ? (keepDims ? [1] : []) : [d]));
  const attrs = {
    axis: { i: a },
    keepdims: { i: keepDims ? 1 : 0 },
    select_last_index: { i: selectLastIndex ? 1 : 0 },
  };
  return x.graph.addNode('ArgMax', [x], attrs, [{ dtype: 'int64', shape }])[0]!;
}
