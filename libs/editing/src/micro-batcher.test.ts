import { describe, expect, it } from 'vitest';
import { array32, type Array32 } from '@styleclip/latent-math';
import { MicroBatcher } from './micro-batcher';

const double = async (a: Array32) =>
  array32(
    a.shape,
    a.data.map((v) => v * 2),
  );

describe('MicroBatcher', () => {
  it('runs concurrent calls as one batch and splits the results back', async () => {
    const seen: number[] = [];
    const b = new MicroBatcher(async (a) => (seen.push(a.shape[0]!), double(a)), {
      maxBatch: 8,
      windowMs: 5,
    });
    const inputs = [1, 2, 3].map((v) => array32([1, 2], Float32Array.of(v, -v)));
    const outs = await Promise.all(inputs.map((x) => b.call(x)));
    expect(seen).toEqual([3]);
    expect(outs.map((o) => Array.from(o.data))).toEqual([
      [2, -2],
      [4, -4],
      [6, -6],
    ]);
    expect([...b.histogram]).toEqual([[3, 1]]);
  });

  it('never exceeds maxBatch rows and keeps every request whole', async () => {
    const seen: number[] = [];
    const b = new MicroBatcher(async (a) => (seen.push(a.shape[0]!), double(a)), {
      maxBatch: 4,
      windowMs: 5,
    });
    const sizes = [3, 2, 2, 1];
    const outs = await Promise.all(sizes.map((n, i) => b.call(array32([n, 1], new Float32Array(n).fill(i)))));
    expect(seen.every((n) => n <= 4)).toBe(true);
    expect(seen.reduce((s, n) => s + n, 0)).toBe(8);
    outs.forEach((o, i) => expect(Array.from(o.data)).toEqual(new Array(sizes[i]).fill(2 * i)));
  });

  it('rejects every member of a failed batch and keeps working', async () => {
    let fail = true;
    const b = new MicroBatcher(
      async (a) => {
        if (fail) throw new Error('boom');
        return double(a);
      },
      { maxBatch: 8, windowMs: 2 },
    );
    const r = await Promise.allSettled([b.call(array32([1, 1])), b.call(array32([1, 1]))]);
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(Array.from((await b.call(array32([1, 1], Float32Array.of(3)))).data)).toEqual([6]);
  });
});
