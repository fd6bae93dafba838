import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import { squeezeExcitation } from './squeeze-excitation';
import { randn, rng } from './testing/reference';

describe('squeezeExcitation', () => {
  it('pool → fc1 → ReLU → fc2 → sigmoid → x·s, symbolic batch', async () => {
    const [n, c, r, h, w] = [2, 8, 2, 3, 4];
    const rand = rng(30);
    const x = randn(rand, [n, c, h, w]);
    const fc1 = randn(rand, [c / r, c, 1, 1]);
    const fc2 = randn(rand, [c, c / r, 1, 1]);
    const g = new Graph();
    const y = squeezeExcitation(g.input('x', 'float32', ['batch', c, h, w]), {
      fc1: g.initializer('fc1.weight', fc1.data, fc1.dims),
      fc2: g.initializer('fc2.weight', fc2.data, fc2.dims),
    });
    g.output(y, 'y');
    const out = (await evaluate(g, { x }))['y']!;
    const expected = new Float32Array(x.data.length);
    for (let b = 0; b < n; b++) {
      const pooled = Array.from({ length: c }, (_, ch) => {
        let s = 0;
        for (let i = 0; i < h * w; i++) s += x.data[(b * c + ch) * h * w + i]!;
        return s / (h * w);
      });
      const hidden = Array.from({ length: c / r }, (_, j) =>
        Math.max(
          0,
          pooled.reduce((s, v, ch) => s + v * fc1.data[j * c + ch]!, 0),
        ),
      );
      for (let ch = 0; ch < c; ch++) {
        const z = hidden.reduce((s, v, j) => s + v * fc2.data[ch * (c / r) + j]!, 0);
        const gate = 1 / (1 + Math.exp(-z));
        for (let i = 0; i < h * w; i++)
          expected[(b * c + ch) * h * w + i] = x.data[(b * c + ch) * h * w + i]! * gate;
      }
    }
    expect(relativeL2(out, expected)).toBeLessThan(1e-6);
  });
});
