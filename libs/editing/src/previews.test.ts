import { describe, expect, it } from 'vitest';
import { array32 } from '@styleclip/latent-math';
import { areaDownsample, psnr } from './previews';

describe('areaDownsample', () => {
  it('averages f×f blocks per plane', () => {
    // One image, 2 channels, 4×4 → 2×2.
    const data = Float32Array.from({ length: 32 }, (_, i) => i);
    const out = areaDownsample(array32([1, 2, 4, 4], data), 2);
    expect(out.shape).toEqual([1, 2, 2, 2]);
    expect(Array.from(out.data)).toEqual([2.5, 4.5, 10.5, 12.5, 18.5, 20.5, 26.5, 28.5]);
    expect(areaDownsample(out, 1)).toBe(out);
  });

  it('refuses factors that do not divide the size', () => {
    expect(() => areaDownsample(array32([1, 3, 6, 6]), 4)).toThrow(/cannot be reduced by 4/);
    expect(() => areaDownsample(array32([1, 3, 6, 6]), 0)).toThrow(/cannot be reduced by 0/);
  });
});

describe('psnr', () => {
  it('is 10·log10(4/MSE) on images clamped to [−1, 1], Infinity when equal', () => {
    const a = array32([1, 1, 1, 4], Float32Array.of(0, 0, 0, 0));
    const b = array32([1, 1, 1, 4], Float32Array.of(0.1, -0.1, 0.1, -0.1));
    expect(psnr(a, b)).toBeCloseTo(10 * Math.log10(4 / 0.01), 4);
    expect(psnr(a, a)).toBe(Infinity);
    // Values beyond the range count as clamped: 3 and 1 are the same pixel.
    expect(psnr(array32([1, 1], Float32Array.of(3)), array32([1, 1], Float32Array.of(1)))).toBe(Infinity);
    expect(() => psnr(a, array32([1, 2]))).toThrow(/differ/);
  });
});
