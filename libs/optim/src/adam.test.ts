import { describe, expect, it } from 'vitest';
import { Adam } from './adam';
import { equalFraction, npy, row } from './test-fixtures';

describe('Adam replays torch 1.13 bit for bit (parity-v2/optimization)', () => {
  for (const c of ['edit-wplus', 'edit-stylespace', 'free-generation']) {
    it(c, async () => {
      const latents = await npy('optimization', c, 'latents.npy');
      const grads = await npy('optimization', c, 'grads.npy');
      const lr = await npy('optimization', c, 'lr.npy');
      const steps = grads.shape[0]!;
      const p = row(latents, 0).slice();
      const adam = new Adam([p.length]);
      for (let i = 0; i < steps; i++) {
        adam.step([p], [row(grads, i)], Number(lr.raw[i]));
        expect(equalFraction(p, row(latents, i + 1)), `step ${i}`).toBe(1);
      }
      // Step 0 has lr 0: it fills the moments and moves nothing.
      expect(Array.from(row(latents, 1))).toEqual(Array.from(row(latents, 0)));
    });
  }

  it('Adam on the mapper parameters (parity-v2/mapper-training/adam)', async () => {
    const params = await npy('mapper-training', 'adam', 'params_flat.npy');
    const grads = await npy('mapper-training', 'adam', 'grads_flat.npy');
    const p = row(params, 0).slice();
    const adam = new Adam([p.length]);
    for (let i = 0; i < grads.shape[0]!; i++) {
      adam.step([p], [row(grads, i)], 0.5);
      expect(equalFraction(p, row(params, i + 1)), `step ${i}`).toBe(1);
    }
  });

  it('skips a parameter without a gradient and refuses bad arguments', () => {
    const a = Float32Array.of(1, 2);
    const b = Float32Array.of(3);
    const adam = new Adam([2, 1]);
    adam.step([a, b], [Float32Array.of(1, 1), undefined], 0.1);
    expect(Array.from(b)).toEqual([3]);
    expect(adam.state().steps).toEqual([1, 0]);
    expect(() => adam.step([a, b], [Float32Array.of(1), undefined], 0.1)).toThrow(
      /parameter 0 has 2 values and gradient 1/,
    );
    expect(() => adam.step([a, b], [undefined, undefined], Number.NaN)).toThrow(/learning rate/);
    expect(() => new Adam([1], { betas: [1, 0.999] })).toThrow(/beta1/);
  });
});
