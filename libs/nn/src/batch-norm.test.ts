import { describe, expect, it } from 'vitest';
import { Graph, conv } from '@styleclip/onnx-graph';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import { batchNorm2d, foldConvBatchNorm, type BatchNormParams } from './batch-norm';
import { randn, rng } from './testing/reference';

const C = 4;
function bnParams(seed: number): BatchNormParams {
  const r = rng(seed);
  return {
    weight: r.fillNormal(C, 0.5, 1),
    bias: r.fillNormal(C, 0.3),
    runningMean: r.fillNormal(C, 0.5),
    runningVar: r.fillUniform(C, 0.2, 2),
  };
}
/** torch eval BatchNorm2d: (x − mean)/√(var + eps)·γ + β per channel. */
const naiveBn = (x: Float32Array, hw: number, bn: BatchNormParams) =>
  x.map((v, i) => {
    const c = Math.floor(i / hw) % C;
    return (
      ((v - bn.runningMean[c]!) / Math.sqrt(bn.runningVar[c]! + (bn.eps ?? 1e-5))) * bn.weight[c]! +
      bn.bias[c]!
    );
  });

describe('batchNorm2d (eval mode)', () => {
  it('equals (x − mean)/√(var+eps)·γ + β per channel, symbolic batch, and can be used twice in a graph', async () => {
    const bn = bnParams(20);
    const x = randn(rng(21), [2, C, 3, 3]);
    const g = new Graph();
    const xt = g.input('x', 'float32', ['batch', C, 3, 3]);
    g.output(batchNorm2d(xt, bn), 'y');
    g.output(batchNorm2d(xt, { ...bn, eps: 1e-3 }), 'y2');
    const out = await evaluate(g, { x });
    expect(relativeL2(out['y']!, naiveBn(x.data, 9, bn))).toBeLessThan(1e-6);
    expect(relativeL2(out['y2']!, naiveBn(x.data, 9, { ...bn, eps: 1e-3 }))).toBeLessThan(1e-6);
  });
});

describe('foldConvBatchNorm', () => {
  for (const withBias of [false, true]) {
    it(`conv${withBias ? ' with bias' : ''} → BN equals the folded conv`, async () => {
      const bn = bnParams(22);
      const r = rng(23);
      const x = randn(r, [2, 3, 5, 5]);
      const w = randn(r, [C, 3, 3, 3]);
      const b = randn(r, [C]);
      const g = new Graph();
      const xt = g.input('x', 'float32', [2, 3, 5, 5]);
      const plain = conv(
        xt,
        g.initializer('w', w.data, w.dims),
        withBias ? g.initializer('b', b.data, [C]) : undefined,
        {
          pads: [1, 1, 1, 1],
        },
      );
      g.output(batchNorm2d(plain, bn), 'ref');
      const folded = foldConvBatchNorm(
        { weight: w.data, shape: w.dims, ...(withBias ? { bias: b.data } : {}) },
        bn,
      );
      const fw = g.initializer('fw', folded.weight, w.dims);
      g.output(conv(xt, fw, g.initializer('fb', folded.bias, [C]), { pads: [1, 1, 1, 1] }), 'folded');
      const out = await evaluate(g, { x });
      expect(relativeL2(out['folded']!, out['ref']!)).toBeLessThan(1e-6);
      // Directly: W'[o] = W[o]·γ/√(var+eps), b' = (b − mean)·γ/√(var+eps) + β.
      const s0 = bn.weight[0]! / Math.sqrt(bn.runningVar[0]! + 1e-5);
      expect(folded.weight[5]).toBeCloseTo(w.data[5]! * s0, 6);
      expect(folded.bias[0]).toBeCloseTo(
        ((withBias ? b.data[0]! : 0) - bn.runningMean[0]!) * s0 + bn.bias[0]!,
        6,
      );
    });
  }

  it('rejects a conv whose output channels differ from the BatchNorm', () => {
    expect(() =>
      foldConvBatchNorm({ weight: new Float32Array(3 * 2), shape: [3, 2, 1, 1] }, bnParams(1)),
    ).toThrow(/BatchNorm\(4\)/);
  });
});
