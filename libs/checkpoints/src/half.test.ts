import { describe, expect, it } from 'vitest';
import {
  bfloat16ToFloat32,
  float16BitsToNumber,
  float16ToFloat32,
  float32ToBfloat16,
  float32ToFloat16,
} from './half';

describe('float16', () => {
  it('decodes known bit patterns exactly', () => {
    const bits = Uint16Array.from([0x3c00, 0xc000, 0x7bff, 0x0001, 0x0400, 0x3555, 0x7c00, 0xfc00, 0x8000]);
    expect(Array.from(float16ToFloat32(bits))).toEqual([
      1,
      -2,
      65504,
      2 ** -24,
      2 ** -14,
      0.333251953125,
      Infinity,
      -Infinity,
      -0,
    ]);
    expect(float16BitsToNumber(0x7e00)).toBeNaN();
  });

  it('round-trips all 65536 bit patterns through float32', () => {
    const all = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const back = float32ToFloat16(float16ToFloat32(all));
    for (let i = 0; i < 65536; i++) {
      const isNaN = (i & 0x7c00) === 0x7c00 && (i & 0x3ff) !== 0;
      if (isNaN) expect((back[i]! & 0x7c00) === 0x7c00 && (back[i]! & 0x3ff) !== 0).toBe(true);
      else if (back[i] !== i) expect.fail(`0x${i.toString(16)} came back as 0x${back[i]!.toString(16)}`);
    }
  });

  it('rounds to nearest even, overflows to infinity, underflows to zero', () => {
    const x = float32ToFloat16([
      1 + 2 ** -11,
      1 + 3 * 2 ** -11,
      65520,
      65519,
      2 ** -25,
      3 * 2 ** -25,
      3 * 2 ** -26,
      1e-10,
    ]);
    expect(Array.from(x)).toEqual([0x3c00, 0x3c02, 0x7c00, 0x7bff, 0x0000, 0x0002, 0x0001, 0x0000]);
  });
});

describe('bfloat16', () => {
  it('decodes as the top half of a float32 and rounds to nearest even', () => {
    expect(Array.from(bfloat16ToFloat32(Uint16Array.from([0x3f80, 0xc040, 0x7f80])))).toEqual([
      1,
      -3,
      Infinity,
    ]);
    const bits = float32ToBfloat16([1, 1 + 2 ** -8, 1 + 3 * 2 ** -8, -3.5, NaN]);
    expect(Array.from(bits.subarray(0, 4))).toEqual([0x3f80, 0x3f80, 0x3f82, 0xc060]);
    expect(bfloat16ToFloat32(bits.subarray(4))[0]).toBeNaN();
  });
});
