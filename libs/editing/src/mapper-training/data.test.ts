import { describe, expect, it } from 'vitest';
import { array32 } from '@styleclip/latent-math';
import { shuffled, TrainingData } from './data';
import { testCount } from './request';

/** N latents of 2×1 values, latent i filled with i. */
const set = (n: number) =>
  array32(
    [n, 2, 1],
    Float32Array.from({ length: 2 * n }, (_, k) => Math.floor(k / 2)),
  );
const ids = (batch: Float32Array) => Array.from(batch.filter((_, k) => k % 2 === 0));

describe('TrainingData', () => {
  it('holds out the last latents, draws shuffled epochs without the incomplete batch, reproducibly', () => {
    const r = { batch: 3, seed: 7, testFraction: 0.2 };
    const data = new TrainingData({ kind: 'set', latents: set(20) }, r);
    expect(data.testSize).toBe(4);
    expect(data.batchesPerEpoch).toBe(5); // 16 training latents, batches of 3
    const epoch0 = Array.from({ length: 5 }, (_, i) => ids(data.batch(i))).flat();
    expect(new Set(epoch0).size).toBe(15);
    expect(epoch0.every((i) => i < 16)).toBe(true);
    const epoch1 = Array.from({ length: 5 }, (_, i) => ids(data.batch(5 + i))).flat();
    expect(epoch1).not.toEqual(epoch0);
    // A fresh object (a resumed run) gives the same batch for any step.
    expect(ids(new TrainingData({ kind: 'set', latents: set(20) }, r).batch(7))).toEqual(ids(data.batch(7)));
    expect(ids(data.evalBatch()!)).toEqual([16, 17, 18]);
    expect(new TrainingData({ kind: 'set', latents: set(20) }, { ...r, seed: 8 }).batch(0)).not.toEqual(
      data.batch(0),
    );
  });

  it('replays batch i at step i', () => {
    const batches = array32(
      [4, 2, 2, 1],
      Float32Array.from({ length: 16 }, (_, k) => k),
    );
    const data = new TrainingData({ kind: 'replay', batches }, { batch: 2, seed: 0, testFraction: 0.1 });
    expect(Array.from(data.batch(2))).toEqual([8, 9, 10, 11]);
    expect(Array.from(data.evalBatch()!)).toEqual([0, 1, 2, 3]);
  });

  it('test counts: a share, at least a batch when there are enough, never below one training batch', () => {
    expect(testCount(100, { testFraction: 0.1, batch: 2 })).toBe(10);
    expect(testCount(6, { testFraction: 0.1, batch: 2 })).toBe(2);
    expect(testCount(3, { testFraction: 0.1, batch: 2 })).toBe(0);
    expect(testCount(2, { testFraction: 0.5, batch: 4 })).toBe(0);
    expect(testCount(50, { testFraction: 0, batch: 2 })).toBe(0);
  });

  it('shuffles into permutations', () => {
    const p = Array.from(shuffled(50, 3, 0));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
