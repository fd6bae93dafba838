import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import { noiseInjection } from './noise';
import { randn, rng } from './testing/reference';

describe('noiseInjection', () => {
  const r = rng(8);
  const x = randn(r, [2, 3, 4, 4]);
  for (const nb of [1, 2]) {
    it(`x + weight·noise with noise [${nb},1,H,W] broadcast over channels${nb === 1 ? ' and batch' : ''}`, async () => {
      const noise = randn(r, [nb, 1, 4, 4]);
      const g = new Graph();
      const y = noiseInjection(
        g.input('x', 'float32', [nb === 1 ? 'batch' : 2, 3, 4, 4]),
        g.initializer('noise.weight', Float32Array.of(0.7), [1]),
        g.initializer('noises.noise_0', noise.data, noise.dims),
      );
      g.output(y, 'y');
      const out = (await evaluate(g, { x }))['y']!;
      const expected = x.data.map((v, i) => {
        const b = Math.floor(i / 48);
        const pix = i % 16;
        return v + 0.7 * noise.data[(nb === 1 ? 0 : b) * 16 + pix]!;
      });
      expect(relativeL2(out, expected)).toBeLessThan(1e-6);
    });
  }
});
