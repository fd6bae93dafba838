import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { checkGradient, evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import { layerNorm, pixelNorm } from './norms';
import { naiveLayerNorm, randn, rng } from './testing/reference';

describe('pixelNorm', () => {
  it('normalizes over axis 1 of [B,C] (mapping network), symbolic batch', async () => {
    const x = randn(rng(5), [3, 8], 2);
    const g = new Graph();
    g.output(pixelNorm(g.input('x', 'float32', ['batch', 8])), 'y');
    const out = (await evaluate(g, { x }))['y']!;
    const expected = new Float32Array(24);
    for (let b = 0; b < 3; b++) {
      let m = 0;
      for (let c = 0; c < 8; c++) m += x.data[b * 8 + c]! ** 2 / 8;
      for (let c = 0; c < 8; c++) expected[b * 8 + c] = x.data[b * 8 + c]! / Math.sqrt(m + 1e-8);
    }
    expect(relativeL2(out, expected)).toBeLessThan(1e-6);
  });

  it('normalizes over dim 1 (the layer axis) of a [B,L,C] group (StyleCLIP mapper quirk)', async () => {
    const x = randn(rng(6), [2, 4, 5]);
    const g = new Graph();
    g.output(pixelNorm(g.input('x', 'float32', [2, 4, 5]), 1), 'y');
    const out = (await evaluate(g, { x }))['y']!;
    const expected = new Float32Array(40);
    for (let b = 0; b < 2; b++)
      for (let c = 0; c < 5; c++) {
        let m = 0;
        for (let l = 0; l < 4; l++) m += x.data[(b * 4 + l) * 5 + c]! ** 2 / 4;
        for (let l = 0; l < 4; l++)
          expected[(b * 4 + l) * 5 + c] = x.data[(b * 4 + l) * 5 + c]! / Math.sqrt(m + 1e-8);
      }
    expect(relativeL2(out, expected)).toBeLessThan(1e-6);
  });

  it('has correct gradients', async () => {
    const { relErrors, norms } = await checkGradient({
      shapes: [[2, 4, 3]],
      build: (_g, [x]) => pixelNorm(x!, 1),
      eps: 1e-3,
    });
    expect(norms[0]).toBeGreaterThan(1e-3);
    expect(relErrors[0]).toBeLessThan(1e-3);
  });
});

describe('layerNorm', () => {
  it('normalizes the last axis (biased variance, eps 1e-5), symbolic batch', async () => {
    const r = rng(7);
    const x = randn(r, [2, 3, 6], 2, 1);
    const gamma = randn(r, [6]);
    const beta = randn(r, [6]);
    const g = new Graph();
    const p = {
      weight: g.initializer('ln.weight', gamma.data, [6]),
      bias: g.initializer('ln.bias', beta.data, [6]),
    };
    g.output(layerNorm(g.input('x', 'float32', ['batch', 3, 6]), p), 'y');
    const out = (await evaluate(g, { x }))['y']!;
    expect(relativeL2(out, naiveLayerNorm(x.data, 6, gamma.data, beta.data))).toBeLessThan(1e-5);
  });

  it('has correct gradients w.r.t. x, weight and bias', async () => {
    const { relErrors, norms } = await checkGradient({
      shapes: [[2, 3, 5], [5], [5]],
      build: (_g, [x, w, b]) => layerNorm(x!, { weight: w!, bias: b! }),
      eps: 1e-3,
    });
    for (let i = 0; i < 3; i++) {
      expect(norms[i]).toBeGreaterThan(1e-3);
      expect(relErrors[i], `input ${i}`).toBeLessThan(1e-3);
    }
  });
});
