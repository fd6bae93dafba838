import type { DType } from '../dtype';
import { isFloat, ONNX_DTYPE_CODE } from '../dtype';
import { broadcastShapes } from '../shape';
import type { Tensor } from '../tensor';
import { describe, fail, graphOf, lift, requireSameDtype, type TensorLike } from './common';

function binary(op: string, a: TensorLike, b: TensorLike, outDtype?: DType): Tensor {
  const g = graphOf(op, a, b);
  const dtype = typeof a === 'number' ? (b as Tensor).dtype : a.dtype;
  const ta = lift(g, a, dtype);
  const tb = lift(g, b, dtype);
  requireSameDtype(op, ta, tb);
  const shape = broadcastShapes(op, ta.shape, tb.shape);
  return g.addNode(op, [ta, tb], {}, [{ dtype: outDtype ?? dtype, shape }])[0]!;
}

function unary(op: string, x: Tensor, floatOnly = true): Tensor {
  if (floatOnly && !isFloat(x.dtype)) fail(op, `needs a float tensor, got ${describe(x)}`);
  return x.graph.addNode(op, [x], {}, [{ dtype: x.dtype, shape: x.shape }])[0]!;
}

export const add = (a: TensorLike, b: TensorLike): Tensor => binary('Add', a, b);
export const sub = (a: TensorLike, b: TensorLike): Tensor => binary('Sub', a, b);
export const mul = (a: TensorLike, b: TensorLike): Tensor => binary('Mul', a, b);
export const div = (a: TensorLike, b: TensorLike): Tensor => binary('Div', a, b);
export const pow = (a: TensorLike, b: TensorLike): Tensor => binary('Pow', a, b);
export const max = (a: TensorLike, b: TensorLike): Tensor => binary('Max', a, b);
export const min = (a: TensorLike, b: TensorLike): Tensor => binary('Min', a, b);
export const equal = (a: TensorLike, b: TensorLike): Tensor => binary('Equal', a, b, 'bool');
export const less = (a: TensorLike, b: TensorLike): Tensor => binary('Less', a, b, 'bool');
export const greater = (a: TensorLike, b: TensorLike): Tensor => binary('Greater', a, b, 'bool');

export const neg = (x: Tensor): Tensor => unary('Neg', x, false);
export const abs = (x: Tensor): Tensor => unary('Abs', x, false);
export const sqrt = (x: Tensor): Tensor => unary('Sqrt', x);
export const reciprocal = (x: Tensor): Tensor => unary('Reciprocal', x);
export const exp = (x: Tensor): Tensor => unary('Exp', x);
export const log = (x: Tensor): Tensor => unary('Log', x);
export const sigmoid = (x: Tensor): Tensor => unary('Sigmoid', x);
export const tanh = (x: Tensor): Tensor => unary('Tanh', x);
export const erf = (x: Tensor): Tensor => unary('Erf', x);
export const relu = (x: Tensor): Tensor => unary('Relu', x);
export const sign = (x: Tensor): Tensor => unary('Sign', x, false);
export const floor = (x: Tensor): Tensor => unary('Floor', x);
export const identity = (x: Tensor): Tensor => unary('Identity', x, false);

/** 1/sqrt(x). */
export const rsqrt = (x: Tensor): Tensor => reciprocal(sqrt(x));

export function leakyRelu(x: Tensor, alpha = 0.01): Tensor {
  if (!isFloat(x.dtype)) fail('LeakyRelu', `needs a float tensor, got ${describe(x)}`);
  return x.graph.addNode('LeakyRelu', [x], { alpha: { f: alpha } }, [{ dtype: x.dtype, shape: x.shape }])[0]!;
}

/** PRelu: slope broadcasts unidirectionally to x (e.g. [C,1,1] for NCHW). */
export function prelu(x: Tensor, slope: Tensor): Tensor {
  requireSameDtype('PRelu', x, slope);
  const shape = broadcastShapes('PRelu', x.shape, slope.shape);
  if (shape.length !== x.rank) fail('PRelu', `slope ${describe(slope)} does not broadcast to ${describe(x)}`);
  return x.graph.addNode('PRelu', [x, slope], {}, [{ dtype: x.dtype, shape: x.shape }])[0]!;
}

export function clip(x: Tensor, lo?: number, hi?: number): Tensor {
  const g = x.graph;
  const inputs = [
    x,
    lo === undefined ? undefined : g.constant(lo, x.dtype),
    hi === undefined ? undefined : g.constant(hi, x.dtype),
  ];
  return g.addNode('Clip', inputs, {}, [{ dtype: x.dtype, shape: x.shape }])[0]!;
}

export function cast(x: Tensor, to: DType): Tensor {
  return x.graph.addNode('Cast', [x], { to: { i: ONNX_DTYPE_CODE[to] } }, [
    { dtype: to, shape: x.shape },
  ])[0]!;
}

/** where(cond, a, b): elementwise select with broadcasting. */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (cond.dtype !== 'bool') fail('Where', `condition must be bool, got ${describe(cond)}`);
  const g = cond.graph;
  const dtype = typeof a === 'number' ? (typeof b === 'number' ? 'float32' : b.dtype) : a.dtype;
  const ta = lift(g, a, dtype);
  const tb = lift(g, b, dtype);
  requireSameDtype('Where', ta, tb);
  const shape = broadcastShapes('Where', cond.shape, ta.shape, tb.shape);
  return g.addNode('Where', [cond, ta, tb], {}, [{ dtype, shape }])[0]!;
}

/**
 * Identity whose output reverse mode treats as a constant: gradients do not flow through it.
 * (ONNX has no such op; it serializes as Identity.)
 */
export function stopGradient(x: Tensor): Tensor {
  return x.graph.addNode('Identity', [x], {}, [{ dtype: x.dtype, shape: x.shape }], {
    stopGradient: true,
  })[0]!;
}
