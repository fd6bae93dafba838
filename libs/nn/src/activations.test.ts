import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import { fusedLeakyRelu, quickGelu } from './activations';
import { randn, rng } from './testing/reference';

describe('fusedLeakyRelu', () => {
  const r = rng(3);
  const x = randn(r, [2, 3, 4, 5]);
  const b3 = randn(r, [3]);
  const b5 = randn(r, [5]);
  const ref = (bias: Float32Array, axisOf: (i: number) => number, slope = 0.2, gain = Math.SQRT2) =>
    x.data.map((v, i) => {
      const t = v + bias[axisOf(i)]!;
      return (t >= 0 ? t : slope * t) * gain;
    });

  it('adds the bias along axis 1 (NCHW channel) by default, symbolic batch', async () => {
    const g = new Graph();
    g.output(
      fusedLeakyRelu(g.input('x', 'float32', ['batch', 3, 4, 5]), g.initializer('b', b3.data, [3])),
      'y',
    );
    const out = (await evaluate(g, { x }))['y']!;
    expect(
      relativeL2(
        out,
        ref(b3.data, (i) => Math.floor(i / 20) % 3),
      ),
    ).toBeLessThan(1e-6);
  });

  it('adds the bias along the last axis with axis -1, with custom slope and gain', async () => {
    const g = new Graph();
    g.output(
      fusedLeakyRelu(g.input('x', 'float32', [2, 3, 4, 5]), g.input('b', 'float32', [5]), {
        axis: -1,
        slope: 0.01,
        gain: 1,
      }),
      'y',
    );
    const out = (await evaluate(g, { x, b: b5 }))['y']!;
    expect(
      relativeL2(
        out,
        ref(b5.data, (i) => i % 5, 0.01, 1),
      ),
    ).toBeLessThan(1e-6);
  });

  it('rejects a bias of the wrong length', () => {
    const g = new Graph();
    expect(() => fusedLeakyRelu(g.input('x', 'float32', [2, 3]), g.input('b', 'float32', [4]))).toThrow(
      /fusedLeakyRelu: bias b \[4\]/,
    );
  });
});

describe('quickGelu', () => {
  it('is x·sigmoid(1.702x)', async () => {
    const x = randn(rng(4), [2, 7], 3);
    const g = new Graph();
    g.output(quickGelu(g.input('x', 'float32', ['batch', 7])), 'y');
    const out = (await evaluate(g, { x }))['y']!;
    expect(
      relativeL2(
        out,
        x.data.map((v) => v / (1 + Math.exp(-1.702 * v))),
      ),
    ).toBeLessThan(1e-6);
  });
});
