import { allocData, dataBytes, itemSize, viewData, type DataOf, type DType } from './dtype';
import { numel } from './tensor';

/** The highest storage element a strided view touches, or -1 for an empty view. */
export function lastElement(offset: number, shape: readonly number[], strides: readonly number[]): number {
  let last = offset;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 0) return -1;
    last += (shape[i]! - 1) * strides[i]!;
  }
  return last;
}

/** True when the view is exactly the row-major layout (dims of size 1 may have any stride). */
export function isRowMajor(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i]!;
  }
  return true;
}

/**
 * Reads the view (offset, shape, strides — all in elements) of a little-endian storage into a row-major
 * array. A row-major view shares memory with `storage` (when aligned); anything else is gathered into a copy.
 */
export function materialize<D extends DType>(
  storage: Uint8Array,
  dtype: D,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
): DataOf[D] {
  const size = itemSize(dtype);
  const n = numel(shape);
  if (n === 0) return allocData(dtype, 0);
  if (isRowMajor(shape, strides)) {
    return viewData(dtype, storage.subarray(offset * size, (offset + n) * size));
  }
  const out = allocData(dtype, n);
  gather(storage, dataBytes(out), size, offset, shape, strides);
  return out;
}

/** Copies a strided view element by element, moving whole elements as 1, 2 or 4-byte words. */
function gather(
  src: Uint8Array,
  dst: Uint8Array,
  size: number,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
): void {
  const word = size === 8 ? 4 : size;
  const perElement = size / word;
  const from = words(src, word);
  const to = words(dst, word);
  const rank = shape.length;
  const inner = shape[rank - 1]!;
  const innerStride = strides[rank - 1]! * perElement;
  const index = new Array<number>(rank).fill(0);
  let base = offset * perElement;
  let o = 0;
  for (;;) {
    let s = base;
    for (let i = 0; i < inner; i++, s += innerStride) {
      for (let w = 0; w < perElement; w++) to[o++] = from[s + w]!;
    }
    let d = rank - 2;
    while (d >= 0) {
      index[d]!++;
      base += strides[d]! * perElement;
      if (index[d]! < shape[d]!) break;
      base -= shape[d]! * strides[d]! * perElement;
      index[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}

function words(bytes: Uint8Array, word: number): Uint8Array | Uint16Array | Uint32Array {
  const aligned = bytes.byteOffset % word === 0 ? bytes : bytes.slice();
  const length = aligned.byteLength / word;
  if (word === 1) return aligned;
  if (word === 2) return new Uint16Array(aligned.buffer, aligned.byteOffset, Math.floor(length));
  return new Uint32Array(aligned.buffer, aligned.byteOffset, Math.floor(length));
}
