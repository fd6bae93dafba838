import type { DType } from '../dtype';
import { broadcastShapes, formatShape, normAxis, type Dim, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { describe, fail, int64s, requireSameDtype } from './common';

/** Infers Reshape's output at build time, with ONNX's 0 (copy the input dim) and -1 (infer) rules. */
export function reshapeShape(input: Shape, target: readonly Dim[]): Dim[] {
  const op = 'Reshape';
  const out: Dim[] = target.map((d, i) => (d === 0 ? input[i]! : d));
  if (out.some((d) => d === undefined)) fail(op, `0 in ${formatShape(target)} has no input dim to copy`);
  // Cancel symbols copied through, then the rest must be a known number (or carry one leftover symbol).
  const symbolsIn = input.filter((d): d is string => typeof d === 'string');
  const knownIn = input.reduce<number>((p, d) => (typeof d === 'number' ? p * d : p), 1);
  let knownOut = 1;
  let inferAt = -1;
  for (let i = 0; i < out.length; i++) {
    const d = out[i]!;
    if (d === -1) {
      if (inferAt >= 0) fail(op, `more than one -1 in ${formatShape(target)}`);
      inferAt = i;
    } else if (typeof d === 'string') {
      const k = symbolsIn.indexOf(d);
      if (k < 0)
        fail(op, `symbolic dim ${d} in ${formatShape(target)} is not in the input ${formatShape(input)}`);
      symbolsIn.splice(k, 1);
    } else knownOut *= d;
  }
  if (inferAt >= 0) {
    if (knownIn % knownOut !== 0) fail(op, `cannot reshape ${formatShape(input)} to ${formatShape(target)}`);
    const ratio = knownIn / knownOut;
    out[inferAt] =
      symbolsIn.length === 0
        ? ratio
        : ratio === 1 && symbolsIn.length === 1
          ? symbolsIn[0]!
          : [...symbolsIn, ratio].join('*');
  } else if (symbolsIn.length > 0 || knownIn !== knownOut) {
    fail(op, `cannot reshape ${formatShape(input)} to ${formatShape(target)}`);
  }
  return out;
}

/** Reshape to `shape`; dims may be numbers, 0 (copy), -1 (infer) or the input's symbolic names. */
export function reshape(x: Tensor, shape: readonly Dim[]): Tensor {
  const out = reshapeShape(x.shape, shape);
  // Symbolic names go into the constant as 0 when they sit where the input has them, else as -1.
  const encoded = shape.map((d, i) => {
    if (typeof d === 'number') return d;
    if (x.shape[i] === d) return 0;
    return -1;
  });
  if (encoded.filter((d) => d === -1).length > 1)
    fail('Reshape', `cannot encode ${formatShape(shape)} for ${describe(x)}`);
  return x.graph.addNode('Reshape', [x, int64s(x.graph, encoded)], {}, [{ dtype: x.dtype, shape: out }])[0]!;
}

/** Reshape to a run-time shape (an int64 tensor, e.g. from `shapeOf`); `result` is its static description. */
export function reshapeTo(x: Tensor, shapeTensor: Tensor, result: Shape): Tensor {
  if (shapeTensor.dtype !== 'int64') fail('Reshape', `shape must be int64, got ${describe(shapeTensor)}`);
  return x.graph.addNode('Reshape', [x, shapeTensor], {}, [{ dtype: x.dtype, shape: result }])[0]!;
}

export function shapeOf(x: Tensor): Tensor {
  return x.graph.addNode('Shape', [x], {}, [{ dtype: 'int64', shape: [x.rank] }])[0]!;
}

export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const p = perm ?? x.shape.map((_, i) => x.rank - 1 - i);
  const sorted = [...p].sort((a, b) => a - b);
  if (p.length !== x.rank || sorted.some((v, i) => v !== i))
    fail('Transpose', `perm ${p} invalid for ${describe(x)}`);
  const shape = p.map((i) => x.shape[i]!);
  return x.graph.addNode('Transpose', [x], { perm: { ints: p } }, [{ dtype: x.dtype, shape }])[0]!;
}

export function concat(xs: readonly Tensor[], axis: number): Tensor {
  const op = 'Concat';
  if (xs.length === 0) fail(op, 'nothing to concatenate');
  const dtype = requireSameDtype(op, ...xs);
  const rank = xs[0]!.rank;
  const a = normAxis(axis, rank, op);
  const shape: Dim[] = [...xs[0]!.shape];
  let total: Dim = 0;
  for (const x of xs) {
    if (x.rank !== rank || x.shape.some((d, i) => i !== a && d !== shape[i])) {
      fail(op, `shapes differ off axis ${axis}: ${xs.map(describe).join(', ')}`);
    }
    const d = x.shape[a]!;
    total = typeof total === 'number' && typeof d === 'number' ? total + d : `${total}+${d}`;
  }
  shape[a] = total;
  return xs[0]!.graph.addNode(op, [...xs], { axis: { i: a } }, [{ dtype, shape }])[0]!;
}

/** Slice with constant starts/ends/axes/steps (ONNX clamping semantics). */
export function slice(
  x: Tensor,
  starts: readonly number[],
  ends: readonly number[],
  axes?: readonly number[],
  steps?: readonly number[],
): Tensor {
  const op = 'Slice';
  const ax = (axes ?? starts.map((_, i) => i)).map((a) => normAxis(a, x.rank, op));
  const st = steps ?? starts.map(() => 1);
  if (ends.length !== starts.length || ax.length !== starts.length || st.length !== starts.length) {
    fail(op, 'starts, ends, axes and steps must have the same length');
  }
  const shape: Dim[] = [...x.shape];
  ax.forEach((a, i) => {
    const dim = x.shape[a]!;
    const step = st[i]!;
    if (step === 0) fail(op, 'step 0');
    if (typeof dim !== 'number') {
      // A symbolic axis can be sliced with non-negative bounds and step 1: to the end stays symbolic
      // ("L-8"), a bounded slice is assumed to fit (ONNX clamps at run time if it does not).
      const start = starts[i]!;
      const end = ends[i]!;
      if (step !== 1 || start < 0 || end < 0)
        fail(op, `cannot slice symbolic axis ${a} of ${describe(x)} with negative bounds or steps`);
      shape[a] = end >= 2 ** 31 - 1 ? (start === 0 ? dim : `${dim}-${start}`) : Math.max(0, end - start);
      return;
    }
    const clampIdx = (v: number, lo: number, hi: number) => Math.min(Math.max(v < 0 ? v + dim : v, lo), hi);
    const s = step > 0 ? clampIdx(starts[i]!, 0, dim) : clampIdx(starts[i]!, -1, dim - 1);
    const e = step > 0 ? clampIdx(ends[i]!, 0, dim) : clampIdx(ends[i]!, -1, dim - 1);
    shape[a] = Math.max(0, Math.ceil((e - s) / step));
  });
  const g = x.graph;
  const inputs = [x, int64s(g, starts), int64s(g, ends), int64s(g, ax), int64s(g, st)];
  return g.addNode(op, inputs, {}, [{ dtype: x.dtype, shape }])[0]!;
}

/** Split along `axis` into pieces of the given sizes. */
export function split(x: Tensor, sizes: readonly number[], axis = 0): Tensor[] {
  const op = 'Split';
  const a = normAxis(axis, x.rank, op);
  const dim = x.shape[a];
  const total = sizes.reduce((s, v) => s + v, 0);
  if (typeof dim === 'number' && dim !== total)
    fail(op, `sizes ${sizes} do not sum to axis ${axis} of ${describe(x)}`);
  const outs = sizes.map((size) => ({ dtype: x.dtype, shape: x.shape.map((d, i) => (i === a ? size : d)) }));
  return x.graph.addNode(op, [x, int64s(x.graph, sizes)], { axis: { i: a } }, outs);
}

/** Gather along `axis`: out = data[:axis] + indices.shape + data[axis+1:]. */
export function gather(data: Tensor, indices: Tensor, axis = 0): Tensor {
  const op = 'Gather';
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32')
    fail(op, `indices must be int32/int64: ${describe(indices)}`);
  const a = normAxis(axis, data.rank, op);
  const shape = [...data.shape.slice(0, a), ...indices.shape, ...data.shape.slice(a + 1)];
  return data.graph.addNode(op, [data, indices], { axis: { i: a } }, [{ dtype: data.dtype, shape }])[0]!;
}

/** GatherElements: out[i…] = data[…index[i…] on axis…]; out has the indices' shape. */
export function gatherElements(data: Tensor, indices: Tensor, axis = 0): Tensor {
  const op = 'GatherElements';
  if (indices.rank !== data.rank) fail(op, `ranks differ: ${describe(data)}, ${describe(indices)}`);
  const a = normAxis(axis, data.rank, op);
  return data.graph.addNode(op, [data, indices], { axis: { i: a } }, [
    { dtype: data.dtype, shape: indices.shape },
  ])[0]!;
}

/** ScatterND with optional reduction; used by reverse mode for Gather. */
export function scatterND(
  data: Tensor,
  indices: Tensor,
  updates: Tensor,
  reduction: 'none' | 'add' = 'none',
): Tensor {
  requireSameDtype('ScatterND', data, updates);
  return data.graph.addNode('ScatterND', [data, indices, updates], { reduction: { s: reduction } }, [
    { dtype: data.dtype, shape: data.shape },
  ])[0]!;
}

/** Expand (broadcast) to `shape`; a 1 in `shape` keeps the input's dim (symbolic dims stay symbolic). */
export function expand(x: Tensor, shape: readonly Dim[]): Tensor {
  const out = broadcastShapes('Expand', x.shape, shape);
  const encoded = shape.map((d) => (typeof d === 'number' ? d : 1));
  const symbolic = shape.some((d, i) => typeof d === 'string' && x.shape[x.rank - shape.length + i] !== d);
  if (symbolic)
    fail('Expand', `cannot expand ${describe(x)} to symbolic ${formatShape(shape)}; use expandAs`);
  return x.graph.addNode('Expand', [x, int64s(x.graph, encoded)], {}, [{ dtype: x.dtype, shape: out }])[0]!;
}

/** Expand `x` to the (run-time) shape of `like`. */
export function expandAs(x: Tensor, like: Tensor): Tensor {
  const out = broadcastShapes('Expand', x.shape, like.shape);
  return x.graph.addNode('Expand', [x, shapeOf(like)], {}, [{ dtype: x.dtype, shape: out }])[0]!;
}

export function unsqueeze(x: Tensor, axes: readonly number[]): Tensor {
  const rank = x.rank + axes.length;
  const ax = axes.map((a) => normAxis(a, rank, 'Unsqueeze')).sort((a, b) => a - b);
  const shape: Dim[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) shape.push(ax.includes(i) ? 1 : x.shape[k++]!);
  return x.graph.addNode('Unsqueeze', [x, int64s(x.graph, ax)], {}, [{ dtype: x.dtype, shape }])[0]!;
}

export function squeeze(x: Tensor, axes: readonly number[]): Tensor {
  const ax = axes.map((a) => normAxis(a, x.rank, 'Squeeze'));
  for (const a of ax) if (x.shape[a] !== 1) fail('Squeeze', `axis ${a} of ${describe(x)} is not 1`);
  const shape = x.shape.filter((_, i) => !ax.includes(i));
  return x.graph.addNode('Squeeze', [x, int64s(x.graph, ax)], {}, [{ dtype: x.dtype, shape }])[0]!;
}

/** Flatten to 2-D: [prod(dims < axis), prod(dims ≥ axis)]. */
export function flatten(x: Tensor, axis = 1): Tensor {
  const prod = (ds: readonly Dim[]): Dim =>
    ds.every((d) => typeof d === 'number') ? ds.reduce<number>((p, d) => p * (d as number), 1) : ds.join('*');
  const shape = [prod(x.shape.slice(0, axis)), prod(x.shape.slice(axis))];
  return x.graph.addNode('Flatten', [x], { axis: { i: axis } }, [{ dtype: x.dtype, shape }])[0]!;
}

export interface PadOptions {
  mode?: 'constant' | 'reflect' | 'edge';
  value?: number;
}

/** Pad with ONNX pads order [x1_begin, …, x1_end, …] over all axes (negative pads crop). */
export function pad(x: Tensor, pads: readonly number[], o: PadOptions = {}): Tensor {
  const op = 'Pad';
  if (pads.length !== 2 * x.rank) fail(op, `needs ${2 * x.rank} pads for ${describe(x)}, got ${pads.length}`);
  const shape = x.shape.map((d, i) => {
    const p = pads[i]! + pads[i + x.rank]!;
    if (typeof d !== 'number') {
      if (p !== 0) fail(op, `cannot pad symbolic axis ${i} of ${describe(x)}`);
      return d;
    }
    return d + p;
  });
  const g = x.graph;
  const inputs = [x, int64s(g, pads), g.constant(o.value ?? 0, x.dtype)];
  return g.addNode(op, inputs, { mode: { s: o.mode ?? 'constant' } }, [{ dtype: x.dtype, shape }])[0]!;
}

export interface ResizeOptions {
  sizes: readonly number[];
  mode?: 'nearest' | 'linear' | 'cubic';
  coordinateTransformationMode?: 'half_pixel' | 'align_corners' | 'asymmetric' | 'pytorch_half_pixel';
  cubicCoeffA?: number;
  antialias?: boolean;
  nearestMode?: 'round_prefer_floor' | 'floor';
}

/** Resize the trailing axes of x ([N,C,H,W]) to `sizes` (for the spatial axes). */
export function resize(x: Tensor, o: ResizeOptions): Tensor {
  const op = 'Resize';
  const n = o.sizes.length;
  if (n > x.rank) fail(op, `sizes ${o.sizes} longer than ${describe(x)}`);
  const g = x.graph;
  const axes = o.sizes.map((_, i) => x.rank - n + i);
  const shape = x.shape.map((d, i) => (i >= x.rank - n ? o.sizes[i - (x.rank - n)]! : d));
  const attrs = {
    mode: { s: o.mode ?? 'linear' },
    coordinate_transformation_mode: { s: o.coordinateTransformationMode ?? 'half_pixel' },
    cubic_coeff_a: { f: o.cubicCoeffA ?? -0.75 },
    antialias: { i: o.antialias ? 1 : 0 },
    nearest_mode: { s: o.nearestMode ?? 'round_prefer_floor' },
    axes: { ints: axes },
  };
  return g.addNode(op, [x, undefined, undefined, int64s(g, o.sizes)], attrs, [{ dtype: x.dtype, shape }])[0]!;
}

/** A tensor of `shape` filled with `value` (shape known at build time; symbolic dims via `like`). */
export function constantOfShape(shapeTensor: Tensor, value: number, dtype: DType, result: Shape): Tensor {
  const attrs = { value: { t: { dtype, dims: [1], data: dtypeArray(dtype, value) } } };
  return shapeTensor.graph.addNode('ConstantOfShape', [shapeTensor], attrs, [{ dtype, shape: result }])[0]!;
}

function dtypeArray(dtype: DType, value: number) {
  switch (dtype) {
    case 'float32':
      return Float32Array.of(value);
    case 'float64':
      return Float64Array.of(value);
    case 'int64':
      return BigInt64Array.of(BigInt(value));
    case 'int32':
      return Int32Array.of(value);
    default:
      return fail('ConstantOfShape', `unsupported dtype ${dtype}`);
  }
}

/** Zeros shaped like `like` (works with symbolic dims). */
export function zerosLike(like: Tensor): Tensor {
  return constantOfShape(shapeOf(like), 0, like.dtype, like.shape);
}

export function tile(x: Tensor, repeats: readonly number[]): Tensor {
  if (repeats.length !== x.rank) fail('Tile', `needs ${x.rank} repeats for ${describe(x)}`);
  const shape = x.shape.map((d, i) =>
    typeof d === 'number' ? d * repeats[i]! : repeats[i] === 1 ? d : `${d}*${repeats[i]}`,
  );
  return x.graph.addNode('Tile', [x, int64s(x.graph, repeats)], {}, [{ dtype: x.dtype, shape }])[0]!;
}
