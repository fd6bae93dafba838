// Reverse mode through the blocks on graphs with a symbolic batch (what training graphs use) gives the same
// gradients as the static-batch graphs, whose gradients the per-block tests check by finite differences.
import { describe, expect, it } from 'vitest';
import { Graph, gradients, mul, reduceSum, type Dim, type Tensor } from '@styleclip/onnx-graph';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import {
  causalMask,
  equalLinear,
  layerNorm,
  modulatedConv2d,
  multiHeadAttention,
  pixelNorm,
  upfirdn2d,
  upsampleRgb,
} from './index';
import { randn, rng, type Arr } from './testing/reference';

async function gradsFor(
  batch: Dim,
  build: (g: Graph, b: Dim) => { loss: Tensor; wrt: Tensor[] },
  feeds: Record<string, Arr>,
) {
  const g = new Graph();
  const { loss, wrt } = build(g, batch);
  gradients(loss, wrt).forEach((t, i) => g.output(t, `grad${i}`));
  const out = await evaluate(g, feeds);
  return wrt.map((_, i) => out[`grad${i}`]!);
}

async function expectSameGradients(
  build: (g: Graph, b: Dim) => { loss: Tensor; wrt: Tensor[] },
  feeds: Record<string, Arr>,
) {
  const sym = await gradsFor('batch', build, feeds);
  const fixed = await gradsFor(2, build, feeds);
  fixed.forEach((f, i) => {
    expect(f.some((v) => v !== 0)).toBe(true);
    expect(relativeL2(sym[i]!, f)).toBeLessThan(1e-6);
  });
}

describe('gradients with a symbolic batch', () => {
  it('up-conv → ToRGB-style upsample → cropping upfirdn2d, w.r.t. x and style', async () => {
    const r = rng(50);
    const w = randn(r, [2, 3, 3, 3]);
    await expectSameGradients(
      (g, b) => {
        const x = g.input('x', 'float32', [b, 3, 4, 4]);
        const s = g.input('s', 'float32', [b, 3]);
        const y = modulatedConv2d(x, s, g.initializer('w', w.data, w.dims), {
          demodulate: true,
          upsample: true,
        });
        const z = upfirdn2d(upsampleRgb(y), [1, 3, 3, 1], { down: 2, pad: [-1, 2] });
        return { loss: reduceSum(mul(z, z)), wrt: [x, s] };
      },
      { x: randn(r, [2, 3, 4, 4]), s: randn(r, [2, 3]) },
    );
  });

  it('layerNorm → causal attention → pixelNorm → equalLinear, w.r.t. x and an input weight', async () => {
    const r = rng(51);
    const p = (d: number[]) => randn(r, d);
    const ps = { lw: p([8]), lb: p([8]), a: p([24, 8]), b: p([24]), c: p([8, 8]), d: p([8]), bb: p([8]) };
    await expectSameGradients(
      (g, b) => {
        const t = (n: keyof typeof ps) => g.initializer(n, ps[n].data, ps[n].dims);
        const x = g.input('x', 'float32', [b, 4, 8]);
        const wi = g.input('wi', 'float32', [8, 8]);
        const y = multiHeadAttention(
          layerNorm(x, { weight: t('lw'), bias: t('lb') }),
          { inProjWeight: t('a'), inProjBias: t('b'), outProjWeight: t('c'), outProjBias: t('d') },
          { heads: 2, mask: causalMask(g, 4) },
        );
        const z = equalLinear(
          pixelNorm(y, 1),
          { weight: wi, bias: t('bb') },
          { lrMul: 0.01, activation: 'fused_lrelu' },
        );
        return { loss: reduceSum(mul(z, z)), wrt: [x, wi] };
      },
      { x: randn(r, [2, 4, 8]), wi: randn(r, [8, 8], 10) },
    );
  });
});
