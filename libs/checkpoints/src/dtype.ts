/** Element types a tensor can have. float16/bfloat16 are kept as raw bits (Uint16Array). */
export type DType =
  'float16' | 'bfloat16' | 'float32' | 'float64' | 'int8' | 'uint8' | 'int16' | 'int32' | 'int64' | 'bool';

/** The typed array holding each dtype's data. */
export interface DataOf {
  float16: Uint16Array;
  bfloat16: Uint16Array;
  float32: Float32Array;
  float64: Float64Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  bool: Uint8Array;
}

export type TypedArray = DataOf[DType];

interface TypedArrayCtor<T> {
  new (length: number): T;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

const CTORS: { [D in DType]: TypedArrayCtor<DataOf[D]> } = {
  float16: Uint16Array,
  bfloat16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  bool: Uint8Array,
};

export const DTYPES = Object.keys(CTORS) as DType[];

export function itemSize(dtype: DType): number {
  return CTORS[dtype].BYTES_PER_ELEMENT;
}

/** A zero-filled array of `length` elements. */
export function allocData<D extends DType>(dtype: D, length: number): DataOf[D] {
  return new CTORS[dtype](length) as DataOf[D];
}

/**
 * A typed view of little-endian bytes (copied first when the offset is not aligned to the element size).
 * The view shares memory with `bytes` whenever it can.
 */
export function viewData<D extends DType>(dtype: D, bytes: Uint8Array): DataOf[D] {
  const size = itemSize(dtype);
  if (bytes.byteLength % size !== 0) {
    throw new RangeError(`${bytes.byteLength} bytes is not a whole number of ${dtype} elements`);
  }
  const source = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  return new CTORS[dtype](source.buffer, source.byteOffset, source.byteLength / size) as DataOf[D];
}

/** The raw little-endian bytes behind a typed array (a view, no copy). */
export function dataBytes(data: TypedArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** torch `<X>Storage` class name → dtype (the modules `torch` and `torch.cuda` both use these names). */
export const TORCH_STORAGE_DTYPES: Readonly<Record<string, DType>> = {
  FloatStorage: 'float32',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  DoubleStorage: 'float64',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
  UntypedStorage: 'uint8',
};

/** `torch.<name>` dtype objects (as used by `_rebuild_tensor_v3`) → dtype. */
export const TORCH_DTYPE_NAMES: Readonly<Record<string, DType>> = {
  float32: 'float32',
  float: 'float32',
  float16: 'float16',
  half: 'float16',
  bfloat16: 'bfloat16',
  float64: 'float64',
  double: 'float64',
  int8: 'int8',
  uint8: 'uint8',
  int16: 'int16',
  short: 'int16',
  int32: 'int32',
  int: 'int32',
  int64: 'int64',
  long: 'int64',
  bool: 'bool',
};

/** numpy type codes without byte order (`f4`, `i8`, `b1`, …) → dtype. bfloat16 has none. */
export const NUMPY_CODES: Readonly<Record<string, DType>> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  i1: 'int8',
  u1: 'uint8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  b1: 'bool',
};

/** safetensors dtype codes ↔ dtype. */
export const SAFETENSORS_CODES: Readonly<Record<string, DType>> = {
  F16: 'float16',
  BF16: 'bfloat16',
  F32: 'float32',
  F64: 'float64',
  I8: 'int8',
  U8: 'uint8',
  I16: 'int16',
  I32: 'int32',
  I64: 'int64',
  BOOL: 'bool',
};

/** `table[key]` for own keys only (so "constructor" or "__proto__" never resolve to something). */
export function lookupDType(table: Readonly<Record<string, DType>>, key: string): DType | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function safetensorsCode(dtype: DType): string {
  const code = Object.keys(SAFETENSORS_CODES).find((k) => SAFETENSORS_CODES[k] === dtype);
  if (!code) throw new Error(`no safetensors code for ${dtype}`);
  return code;
}

/** Reverse the byte order of every element in place (for big-endian sources). */
export function byteSwapInPlace(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i + size <= bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}
