import { describe, expect, it } from 'vitest';
import { radamStep, Ranger } from './ranger';
import { equalFraction, meta, npy, row } from './test-fixtures';

interface ParamOrder {
  name: string;
  shape: number[];
  offset: number;
}

describe('Ranger replays StyleCLIP’s ranger.py (parity-v2/mapper-training/ranger)', () => {
  it('N_sma and the step size per step, rectification from t = 6', async () => {
    const m = (await meta('mapper-training')) as {
      cases: { ranger: { ranger: { step: number; N_sma: number; step_size: number; rectified: boolean }[] } };
    };
    for (const r of m.cases.ranger.ranger) {
      const mine = radamStep(r.step, 0.95, 0.999, 5);
      expect(mine.nSma).toBe(r.N_sma);
      expect(mine.stepSize).toBe(r.step_size);
      expect(mine.rectified).toBe(r.rectified);
    }
  });

  it('every step of the recorded run, from the recorded gradients', async () => {
    const m = (await meta('mapper-training')) as { cases: { ranger: { param_order: ParamOrder[] } } };
    const order = m.cases.ranger.param_order;
    const params = await npy('mapper-training', 'ranger', 'params_flat.npy');
    const grads = await npy('mapper-training', 'ranger', 'grads_flat.npy');
    const split = (flat: Float32Array) =>
      order.map((p) => flat.subarray(p.offset, p.offset + p.shape.reduce((a, d) => a * d, 1)));
    const p = row(params, 0).slice();
    const views = split(p);
    const ranger = new Ranger(order.map((o) => o.shape));
    for (let i = 0; i < grads.shape[0]!; i++) {
      ranger.step(views, split(row(grads, i)), 0.5);
      const expected = row(params, i + 1);
      const before = row(params, 0);
      // Bitwise, or (the README's alternative) 1e-5 relative on the displacement from the start.
      let num = 0;
      let den = 0;
      for (let k = 0; k < p.length; k++) {
        num += (p[k]! - expected[k]!) ** 2;
        den += (expected[k]! - before[k]!) ** 2;
      }
      expect(Math.sqrt(num / den), `step ${i} displacement`).toBeLessThan(1e-5);
      expect(equalFraction(p, expected), `step ${i}`).toBe(1);
    }
  });

  it('centralizes only gradients of rank > 1, and syncs with the slow weights every k steps', () => {
    const w = Float32Array.of(1, 2, 3, 4);
    const b = Float32Array.of(0, 0);
    const r = new Ranger([[2, 2], [2]], { k: 2 });
    const gw = Float32Array.of(1, 3, 5, 5);
    const gb = Float32Array.of(1, 3);
    r.step([w, b], [gw, gb], 0.1);
    // Row means 2 and 5: the centralized weight gradient is (-1, 1, 0, 0); the bias keeps its own.
    expect(Array.from(r.state().buffers['exp_avg.0']!)).toEqual([-0.05, 0.05, 0, 0].map(Math.fround));
    expect(Array.from(r.state().buffers['exp_avg.1']!)).toEqual([0.05, 0.15].map(Math.fround));
    r.step([w, b], [gw, gb], 0.1);
    // At t = 2 the parameters become slow + 0.5·(fast − slow), the slow copy being the start.
    const free = new Ranger([[2, 2], [2]], { k: 1000 });
    const w2 = Float32Array.of(1, 2, 3, 4);
    const b2 = Float32Array.of(0, 0);
    free.step([w2, b2], [gw, gb], 0.1);
    free.step([w2, b2], [gw, gb], 0.1);
    const start = [1, 2, 3, 4];
    expect(Array.from(w)).toEqual(start.map((s0, i) => Math.fround(s0 + 0.5 * Math.fround(w2[i]! - s0))));
    expect(Array.from(r.state().buffers['slow_buffer.0']!)).toEqual(Array.from(w));
    expect(Array.from(w)).not.toEqual(Array.from(w2));
  });
});
