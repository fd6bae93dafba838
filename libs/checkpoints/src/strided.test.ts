import { describe, expect, it } from 'vitest';
import { dataBytes } from './dtype';
import { isRowMajor, lastElement, materialize } from './strided';

const bytesOf = (a: Float64Array | Int32Array | Uint16Array | Int8Array | BigInt64Array): Uint8Array =>
  dataBytes(a);

describe('materialize', () => {
  it('gathers 3-d permutations for every element width', () => {
    // storage laid out as [2, 3, 4] row-major; read it as its [4, 3, 2] full transpose
    const n = 24;
    const expectTransposed = (out: ArrayLike<number | bigint>): void => {
      const got = Array.from(out, Number);
      const want: number[] = [];
      for (let k = 0; k < 4; k++)
        for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) want.push(i * 12 + j * 4 + k);
      expect(got).toEqual(want);
    };
    const shape = [4, 3, 2];
    const strides = [1, 4, 12];
    expectTransposed(
      materialize(bytesOf(Int8Array.from({ length: n }, (_, i) => i)), 'int8', 0, shape, strides),
    );
    expectTransposed(
      materialize(bytesOf(Uint16Array.from({ length: n }, (_, i) => i)), 'float16', 0, shape, strides),
    );
    expectTransposed(
      materialize(bytesOf(Int32Array.from({ length: n }, (_, i) => i)), 'int32', 0, shape, strides),
    );
    expectTransposed(
      materialize(bytesOf(Float64Array.from({ length: n }, (_, i) => i)), 'float64', 0, shape, strides),
    );
    expectTransposed(
      materialize(
        bytesOf(BigInt64Array.from({ length: n }, (_, i) => BigInt(i))),
        'int64',
        0,
        shape,
        strides,
      ),
    );
  });

  it('shares memory for row-major views and copies otherwise', () => {
    const storage = bytesOf(Float64Array.from([0, 1, 2, 3, 4, 5]));
    const view = materialize(storage, 'float64', 2, [2, 2], [2, 1]);
    expect(Array.from(view)).toEqual([2, 3, 4, 5]);
    expect(view.buffer).toBe(storage.buffer);
    const copy = materialize(storage, 'float64', 0, [3, 2], [1, 3]);
    expect(Array.from(copy)).toEqual([0, 3, 1, 4, 2, 5]);
    expect(copy.buffer).not.toBe(storage.buffer);
  });

  it('copies misaligned storages instead of failing', () => {
    const raw = new Uint8Array(17);
    raw.set(bytesOf(Int32Array.from([7, 8, 9, 10])), 1);
    expect(Array.from(materialize(raw.subarray(1), 'int32', 1, [3], [1]))).toEqual([8, 9, 10]);
  });

  it('knows row-major layouts and the last element a view touches', () => {
    expect(isRowMajor([2, 1, 3], [3, 99, 1])).toBe(true);
    expect(isRowMajor([2, 3], [1, 2])).toBe(false);
    expect(lastElement(5, [2, 3], [3, 1])).toBe(10);
    expect(lastElement(5, [2, 0], [3, 1])).toBe(-1);
  });
});
