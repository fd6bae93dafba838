import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { relativeL2 } from './metrics';

describe('seededRandom', () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(seededRandom(7).fillNormal(5)).toEqual(seededRandom(7).fillNormal(5));
    expect(seededRandom(7).fillNormal(5)).not.toEqual(seededRandom(8).fillNormal(5));
  });
  it('draws normals with mean ≈ 0 and variance ≈ 1', () => {
    const x = seededRandom(1).fillNormal(20000);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe('relativeL2', () => {
  it('measures the relative error', () => {
    expect(relativeL2([1, 2, 2], [1, 2, 2])).toBe(0);
    expect(relativeL2([0, 0, 3], [0, 0, 4])).toBeCloseTo(0.25);
    expect(relativeL2([1], [1, 2])).toBe(Infinity);
  });
});
