import { describe, expect, it } from 'vitest';
import { histogramDelta, histogramMean, prng, quantile } from './stats';

describe('load statistics', () => {
  it('quantiles (nearest rank), histogram deltas and means, a deterministic PRNG', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(v, 0.5)).toBe(50);
    expect(quantile(v, 0.99)).toBe(99);
    expect(quantile([7], 0.99)).toBe(7);
    expect(histogramDelta({ '1': 2, '4': 1 }, { '1': 5, '4': 1, '8': 3 })).toEqual({ '1': 3, '8': 3 });
    expect(histogramMean({ '1': 3, '8': 3 })).toBe(4.5);
    const a = prng(1);
    const b = prng(1);
    expect([a(), a()]).toEqual([b(), b()]);
  });
});
