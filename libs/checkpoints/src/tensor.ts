import { allocData, type DataOf, type DType } from './dtype';
import { bfloat16ToFloat32, float16ToFloat32 } from './half';

/**
 * A loaded tensor: row-major (C order) data, little-endian, `data.length === numel(shape)`.
 * float16/bfloat16 hold raw bits (Uint16Array), int64 a BigInt64Array, bool a Uint8Array of 0/1.
 * Treat `data` as read-only: tensors read from one shared storage may share memory, as in PyTorch.
 */
export interface Tensor<D extends DType = DType> {
  dtype: D;
  shape: number[];
  data: DataOf[D];
}

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Strides (in elements) of a row-major tensor of this shape. */
export function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** Named values (tensors, or tensors and LazyTensors) as a Map or a plain record. */
export type Named<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

/** The [name, value] pairs of a Named, in its order. */
export function entriesOf<T>(named: Named<T>): [string, T][] {
  return named instanceof Map ? [...named] : Object.entries(named as Record<string, T>);
}

/** A tensor from parts, checking that the shape is valid and matches the data length. */
export function makeTensor<D extends DType>(dtype: D, shape: readonly number[], data?: DataOf[D]): Tensor<D> {
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`invalid shape [${shape.join(', ')}]`);
  }
  const n = numel(shape);
  const values = data ?? allocData(dtype, n);
  if (values.length !== n) {
    throw new RangeError(`shape [${shape.join(', ')}] needs ${n} elements, data has ${values.length}`);
  }
  return { dtype, shape: [...shape], data: values };
}

/**
 * The tensor's values as float32. float16/bfloat16 are decoded exactly; float64 and large int64 round to the
 * nearest float32; bool gives 0/1. A float32 tensor's own data array is returned (no copy).
 */
export function toFloat32(tensor: Tensor): Float32Array {
  const { dtype, data } = tensor;
  switch (dtype) {
    case 'float32':
      return data as Float32Array;
    case 'float16':
      return float16ToFloat32(data as Uint16Array);
    case 'bfloat16':
      return bfloat16ToFloat32(data as Uint16Array);
    case 'int64': {
      const src = data as BigInt64Array;
      const out = new Float32Array(src.length);
      for (let i = 0; i < src.length; i++) out[i] = Number(src[i]!);
      return out;
    }
    default:
      return Float32Array.from(data as ArrayLike<number>);
  }
}
