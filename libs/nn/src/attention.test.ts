import { describe, expect, it } from 'vitest';
import { Graph, type Tensor } from '@styleclip/onnx-graph';
import { checkGradient, evaluate } from '@styleclip/onnx-graph/testing';
import { hasNaN, relativeL2 } from '@styleclip/testing';
import { CAUSAL_MASK_VALUE, causalMask, multiHeadAttention } from './attention';
import { naiveAttention, randn, rng, type Arr } from './testing/reference';

const D = 8;
const L = 5;

function params(seed: number) {
  const r = rng(seed);
  return {
    inW: r.fillNormal(3 * D * D, 0.4),
    inB: r.fillNormal(3 * D, 0.2),
    outW: r.fillNormal(D * D, 0.4),
    outB: r.fillNormal(D, 0.2),
  };
}

function tensors(g: Graph, p: ReturnType<typeof params>, asInputs: boolean) {
  const t = (name: string, data: Float32Array, dims: number[]) =>
    asInputs ? g.input(name, 'float32', dims) : g.initializer(name, data, dims);
  return {
    inProjWeight: t('in_proj_weight', p.inW, [3 * D, D]),
    inProjBias: t('in_proj_bias', p.inB, [3 * D]),
    outProjWeight: t('out_proj.weight', p.outW, [D, D]),
    outProjBias: t('out_proj.bias', p.outB, [D]),
  };
}

describe('multiHeadAttention against a naive torch MultiheadAttention', () => {
  for (const masked of [false, true]) {
    for (const asInputs of [false, true]) {
      it(`${masked ? 'causal' : 'unmasked'}, weights as ${asInputs ? 'graph inputs' : 'initializers'}, symbolic batch`, async () => {
        const p = params(11);
        const x = randn(rng(12), [3, L, D]);
        const g = new Graph();
        const y = multiHeadAttention(g.input('x', 'float32', ['batch', L, D]), tensors(g, p, asInputs), {
          heads: 2,
          ...(masked ? { mask: causalMask(g, L) } : {}),
        });
        expect(y.shape).toEqual(['batch', L, D]);
        g.output(y, 'y');
        const feeds: Record<string, Arr> = asInputs
          ? {
              x,
              in_proj_weight: { data: p.inW, dims: [3 * D, D] },
              in_proj_bias: { data: p.inB, dims: [3 * D] },
              'out_proj.weight': { data: p.outW, dims: [D, D] },
              'out_proj.bias': { data: p.outB, dims: [D] },
            }
          : { x };
        const out = (await evaluate(g, feeds))['y']!;
        const mask = masked
          ? new Float32Array(L * L).map((_, i) => (i % L > Math.floor(i / L) ? -Infinity : 0))
          : undefined;
        expect(relativeL2(out, naiveAttention(x.data, 3, L, D, 2, p, mask))).toBeLessThan(1e-5);
      });
    }
  }

  it('the causal mask: first token only attends to itself, later tokens do not change earlier outputs', async () => {
    const p = params(13);
    const x = randn(rng(14), [2, L, D]);
    const g = new Graph();
    g.output(
      multiHeadAttention(g.input('x', 'float32', [2, L, D]), tensors(g, p, false), {
        heads: 4,
        mask: causalMask(g, L),
      }),
      'y',
    );
    const a = (await evaluate(g, { x }))['y']!;
    const x2 = { data: x.data.slice(), dims: x.dims };
    for (let i = 0; i < D; i++) x2.data[(L - 1) * D + i] = x2.data[(L - 1) * D + i]! + 1; // perturb the last token of sample 0
    const b = (await evaluate(g, { x: x2 }))['y']!;
    expect(Array.from(b.subarray(0, (L - 1) * D))).toEqual(Array.from(a.subarray(0, (L - 1) * D)));
    expect(hasNaN(a)).toBe(false);
  });

  it('causalMask is 0 on/below the diagonal and a finite large negative above', () => {
    const g = new Graph();
    const m = causalMask(g, 3);
    expect(Array.from(g.initializerData(m) as Float32Array)).toEqual(
      [0, -1e9, -1e9, 0, 0, -1e9, 0, 0, 0].map(Math.fround),
    );
    expect(CAUSAL_MASK_VALUE).toBe(-1e9);
  });

  it('has correct gradients w.r.t. x with a causal mask', async () => {
    const p = params(15);
    const { relErrors, norms } = await checkGradient({
      shapes: [[2, 4, D]],
      build: (g: Graph, [x]: Tensor[]) =>
        multiHeadAttention(x!, tensors(g, p, false), { heads: 2, mask: causalMask(g, 4) }),
      eps: 1e-3,
    });
    expect(norms[0]).toBeGreaterThan(1e-3);
    expect(relErrors[0]).toBeLessThan(1e-3);
  });

  it('rejects a head count that does not divide D', () => {
    const g = new Graph();
    expect(() =>
      multiHeadAttention(g.input('x', 'float32', [1, L, D]), tensors(g, params(1), false), { heads: 3 }),
    ).toThrow(/3 heads do not divide D = 8/);
  });
});
