import { describe, expect, it } from 'vitest';
import { makeTensor, rowMajorStrides, toFloat32 } from './tensor';

describe('tensor', () => {
  it('converts every dtype to float32', () => {
    const f = (dtype: Parameters<typeof makeTensor>[0], data: Parameters<typeof makeTensor>[2]): number[] =>
      Array.from(toFloat32(makeTensor(dtype, [2], data)));
    expect(f('float16', Uint16Array.from([0x3c00, 0xb800]))).toEqual([1, -0.5]);
    expect(f('bfloat16', Uint16Array.from([0x4000, 0xbf80]))).toEqual([2, -1]);
    expect(f('float64', Float64Array.from([0.5, 1e300]))).toEqual([0.5, Infinity]);
    expect(f('int64', BigInt64Array.from([-3n, 2n ** 40n]))).toEqual([-3, 2 ** 40]);
    expect(f('int8', Int8Array.from([-128, 127]))).toEqual([-128, 127]);
    expect(f('uint8', Uint8Array.from([0, 255]))).toEqual([0, 255]);
    expect(f('int16', Int16Array.from([-2, 2]))).toEqual([-2, 2]);
    expect(f('int32', Int32Array.from([-7, 7]))).toEqual([-7, 7]);
    expect(f('bool', Uint8Array.from([1, 0]))).toEqual([1, 0]);
    const own = Float32Array.from([1, 2]);
    expect(toFloat32(makeTensor('float32', [2], own))).toBe(own);
  });

  it('checks shapes against data', () => {
    expect(() => makeTensor('float32', [2, 2], new Float32Array(3))).toThrow(
      /shape \[2, 2\] needs 4 elements, data has 3/,
    );
    expect(() => makeTensor('float32', [-1])).toThrow(/invalid shape/);
    expect(makeTensor('int64', [2]).data).toBeInstanceOf(BigInt64Array);
    expect(rowMajorStrides([2, 3, 4])).toEqual([12, 4, 1]);
  });
});
