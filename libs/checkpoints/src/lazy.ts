import type { DType } from './dtype';
import type { Tensor } from './tensor';

const BRAND = Symbol.for('@styleclip/checkpoints.LazyTensor');

/** A tensor whose dtype and shape are known but whose data is read only when `load()` is called. */
export interface LazyTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Where the data lives, for messages (e.g. "generator.pt: data/3"). */
  readonly source: string;
  /** Reads (and, when strided, materializes to row-major) the data. */
  load(): Promise<Tensor>;
}

export function isLazyTensor(value: unknown): value is LazyTensor {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
}

/** Marks an object as a LazyTensor (for the classes that implement one). */
export function brandLazyTensor<T extends object>(value: T): T {
  Object.defineProperty(value, BRAND, { value: true, enumerable: false });
  return value;
}

/** A LazyTensor from a loader function. */
export function lazyTensor(
  dtype: DType,
  shape: readonly number[],
  source: string,
  load: () => Promise<Tensor>,
): LazyTensor {
  return brandLazyTensor({ dtype, shape: Object.freeze([...shape]), source, load });
}

/** A LazyTensor around data already in memory. */
export function eagerLazyTensor(tensor: Tensor, source: string): LazyTensor {
  return lazyTensor(tensor.dtype, tensor.shape, source, () => Promise.resolve(tensor));
}

/** Loads every LazyTensor of a name → tensor map, one after another, keeping the order. */
export async function loadAll(tensors: Iterable<[string, LazyTensor]>): Promise<Map<string, Tensor>> {
  const out = new Map<string, Tensor>();
  for (const [name, lazy] of tensors) out.set(name, await lazy.load());
  return out;
}
