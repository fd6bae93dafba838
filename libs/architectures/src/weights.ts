import { formatShape, type Graph, type Tensor } from '@styleclip/onnx-graph';

/** A float32 weight as read from a checkpoint (row-major). */
export interface Weight {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Weights by checkpoint key (without a wrapper prefix such as `g_ema.` or `decoder.`). */
export type WeightMap = ReadonlyMap<string, Weight>;

export class WeightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightError';
  }
}

/** The weight under `key`, checked against `shape` when given (-1 matches any size). */
export function weight(weights: WeightMap, key: string, shape?: readonly number[], what = 'weights'): Weight {
  const w = weights.get(key);
  if (!w) throw new WeightError(`${what}: missing ${key}`);
  if (shape && (shape.length !== w.shape.length || shape.some((d, i) => d !== -1 && d !== w.shape[i]))) {
    throw new WeightError(
      `${what}: ${key} has shape ${formatShape(w.shape)}, expected ${formatShape(shape)}`,
    );
  }
  return w;
}

/** Registers a weight as an initializer named by its key (so graph names read like checkpoint keys). */
export function param(
  g: Graph,
  weights: WeightMap,
  key: string,
  shape?: readonly number[],
  what?: string,
): Tensor {
  const w = weight(weights, key, shape, what);
  return g.initializer(key, w.data, w.shape);
}
