import { GraphBuildError, type Graph, type Tensor } from '@styleclip/onnx-graph';

/**
 * Build-time folding of constant factors into weights. A parameter may be an initializer (its data is known
 * now, so a scaled/transposed copy becomes a new initializer and the graph does no work at run time) or a
 * graph input (then the caller applies the same transform with ops). Internal to this library.
 */

const caches = new WeakMap<Graph, Map<string, Tensor>>();

/** The float32 data of `t` when it is an initializer (or shared constant), else undefined. */
export function constantData(t: Tensor): Float32Array | undefined {
  const data = t.graph.initializerData(t);
  return data instanceof Float32Array && t.dtype === 'float32' ? data : undefined;
}

/**
 * A new initializer derived from the initializer `t`: named `<t's name>.<tag>` (relative to the current
 * scope), cached per (t, key) so using the same weight twice shares the derived copy. Returns undefined when
 * `t` is not a float32 initializer.
 */
export function derivedInitializer(
  t: Tensor,
  tag: string,
  key: string,
  shape: readonly number[],
  compute: (data: Float32Array) => Float32Array,
): Tensor | undefined {
  const data = constantData(t);
  if (!data) return undefined;
  const g = t.graph;
  let cache = caches.get(g);
  if (!cache) caches.set(g, (cache = new Map()));
  const cacheKey = `${t.name}|${tag}|${key}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const out = freshInitializer(g, `${relativeName(g, t.name)}.${tag}`, compute(data), shape);
  cache.set(cacheKey, out);
  return out;
}

/** An initializer named `base` in the current scope, or `base_2`, `base_3`, … when that name is taken. */
export function freshInitializer(
  g: Graph,
  base: string,
  data: Float32Array,
  shape: readonly number[],
): Tensor {
  let name = base;
  for (let n = 2; g.has(g.scoped(name)); n++) name = `${base}_${n}`;
  return g.initializer(name, data, shape, 'float32');
}

/** `name` without the graph's current scope prefix (so a derived name is not prefixed twice). */
function relativeName(g: Graph, name: string): string {
  const prefix = g.scoped('');
  return prefix !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

export function scaled(data: Float32Array, factor: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! * factor;
  return out;
}

/** Transposes a row-major [rows, cols] matrix, multiplying by `factor`. */
export function transposed2d(data: Float32Array, rows: number, cols: number, factor = 1): Float32Array {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]! * factor;
  return out;
}

/** Static dims of a parameter, or a clear error naming the block and the tensor. */
export function staticShape(block: string, t: Tensor): number[] {
  if (!t.shape.every((d): d is number => typeof d === 'number')) {
    throw new GraphBuildError(
      `${block}: parameter ${t.name} must have a static shape, got [${t.shape.join(',')}]`,
    );
  }
  return [...t.shape];
}

export function fail(block: string, message: string): never {
  throw new GraphBuildError(`${block}: ${message}`);
}
