import { describe, expect, it } from 'vitest';
import { seededRandom } from '@styleclip/testing';
import { createOptimizer, restoreOptimizer } from './registry';
import { OptimizerStateError, type OptimizerKind } from './state';

const shapes = [[3, 4], [4], [2]] as const;

function run(kind: OptimizerKind, steps: number, split?: number) {
  const rand = seededRandom(3);
  const params = shapes.map((s) => rand.fillNormal(s.reduce((p, d) => p * d, 1)));
  const grads = Array.from({ length: steps }, () =>
    shapes.map((s, i) => (i === 2 ? undefined : rand.fillNormal(s.reduce((p, d) => p * d, 1)))),
  );
  let opt = createOptimizer(kind, shapes);
  for (let t = 0; t < steps; t++) {
    if (t === split) {
      // What a resumed job does: the state goes through JSON-able numbers and copied buffers.
      const saved = opt.state();
      const copy = {
        ...JSON.parse(JSON.stringify({ ...saved, buffers: {} })),
        buffers: Object.fromEntries(Object.entries(saved.buffers).map(([k, v]) => [k, v.slice()])),
      };
      opt = restoreOptimizer(copy, shapes);
    }
    opt.step(params, grads[t]!, 0.05 * (t + 1));
  }
  return { params, state: opt.state() };
}

describe('optimizer state', () => {
  for (const kind of ['adam', 'ranger'] as const) {
    it(`${kind}: saving and restoring mid-run continues bit for bit`, () => {
      const whole = run(kind, 9);
      const resumed = run(kind, 9, 4);
      whole.params.forEach((p, i) => expect(Array.from(resumed.params[i]!)).toEqual(Array.from(p)));
      expect(resumed.state.steps).toEqual([9, 9, 0]);
      expect(Object.keys(resumed.state.buffers).some((k) => k.endsWith('.2'))).toBe(false);
    });
  }

  it('refuses a state that does not fit', () => {
    const s = run('adam', 2).state;
    expect(() => restoreOptimizer(s, [[3, 4], [4]])).toThrow(/2 parameters/);
    expect(() => restoreOptimizer(s, [[3, 4], [5], [2]])).toThrow(/exp_avg.1 has 4 values, the parameter 5/);
    expect(() => restoreOptimizer({ ...s, kind: 'sgd' as never }, shapes)).toThrow(OptimizerStateError);
    expect(() => restoreOptimizer({ ...s, version: 2 as never }, shapes)).toThrow(/version 2/);
    const { ['exp_avg_sq.0']: _, ...rest } = s.buffers;
    expect(() => restoreOptimizer({ ...s, buffers: rest }, shapes)).toThrow(/exp_avg_sq.0 is missing/);
    expect(() => createOptimizer('sgd' as never, shapes)).toThrow(/unknown optimizer/);
  });
});
