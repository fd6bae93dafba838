import { describe, expect, it } from 'vitest';
import { array32 } from './array';
import { applyMapperDelta, broadcastW, truncate } from './latents';
import { zFromSeed } from './seeds';

describe('seeds', () => {
  it('gives a deterministic standard-normal z per seed', () => {
    expect(zFromSeed(3, 512)).toEqual(zFromSeed(3, 512));
    expect(zFromSeed(3, 512)).not.toEqual(zFromSeed(4, 512));
    const z = zFromSeed(11, 20000);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    expect(() => zFromSeed(-1, 4)).toThrow(/seed must be an integer/);
  });
});

describe('latents', () => {
  it('broadcasts w to W+', () => {
    const wp = broadcastW(array32([2, 2], Float32Array.of(1, 2, 3, 4)), 3);
    expect(wp.shape).toEqual([2, 3, 2]);
    expect(Array.from(wp.data)).toEqual([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
  });

  it('truncates toward the average, optionally only the first layers', () => {
    const avg = Float32Array.of(1, 1);
    const w = array32([1, 2, 2], Float32Array.of(3, 5, 3, 5));
    expect(Array.from(truncate(w, avg, 0.5).data)).toEqual([2, 3, 2, 3]);
    expect(Array.from(truncate(w, avg, 0.5, 1).data)).toEqual([2, 3, 3, 5]);
  });

  it('applies the mapper residual with step 0.1', () => {
    const out = applyMapperDelta(
      array32([1, 2], Float32Array.of(1, 1)),
      array32([1, 2], Float32Array.of(10, -10)),
      2,
    );
    expect(Array.from(out.data)).toEqual([3, -1]);
  });
});
