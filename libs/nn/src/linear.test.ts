import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { checkGradient, evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import { equalLinear, linear } from './linear';
import { naiveLinear, randn, rng } from './testing/reference';

const lrelu = (v: number) => (v >= 0 ? v : 0.2 * v) * Math.SQRT2;

describe('equalLinear', () => {
  const inDim = 6;
  const outDim = 5;
  const r = rng(1);
  const x = randn(r, [3, 4, inDim]);
  const w = randn(r, [outDim, inDim], 30);
  const b = randn(r, [outDim], 20);

  for (const lrMul of [1, 0.01]) {
    for (const activation of [undefined, 'fused_lrelu'] as const) {
      it(`lrMul ${lrMul}, activation ${activation ?? 'none'}: weight·lrMul/√in and bias·lrMul (symbolic batch)`, async () => {
        const g = new Graph();
        const xt = g.input('x', 'float32', ['batch', 4, inDim]);
        const y = equalLinear(
          xt,
          {
            weight: g.initializer('fc.weight', w.data, w.dims),
            bias: g.initializer('fc.bias', b.data, b.dims),
          },
          { lrMul, ...(activation ? { activation } : {}) },
        );
        expect(y.shape).toEqual(['batch', 4, outDim]);
        g.output(y, 'y');
        const out = (await evaluate(g, { x }))['y']!;
        let expected = naiveLinear(x.data, inDim, w.data, outDim, b.data, lrMul / Math.sqrt(inDim), lrMul);
        if (activation) expected = expected.map(lrelu);
        expect(relativeL2(out, expected)).toBeLessThan(1e-6);
      });
    }
  }

  it('gives the same result with weight and bias as graph inputs as with initializers', async () => {
    const build = (asInputs: boolean) => {
      const g = new Graph();
      const xt = g.input('x', 'float32', [3, 4, inDim]);
      const p = asInputs
        ? { weight: g.input('w', 'float32', [outDim, inDim]), bias: g.input('b', 'float32', [outDim]) }
        : { weight: g.initializer('w', w.data, w.dims), bias: g.initializer('b', b.data, b.dims) };
      g.output(equalLinear(xt, p, { lrMul: 0.01, activation: 'fused_lrelu' }), 'y');
      return g;
    };
    const gi = build(false);
    const ga = build(true);
    // The initializer version folds lrMul/√in into new initializers and does no weight math at run time.
    expect(gi.initializers.map((i) => i.tensor.name)).toEqual(
      expect.arrayContaining(['w.scaled_t', 'b.scaled']),
    );
    expect(gi.nodes.some((n) => n.inputs.some((t) => t?.name === 'w' || t?.name === 'b'))).toBe(false);
    const fromInit = (await evaluate(gi, { x }))['y']!;
    const fromInputs = (await evaluate(ga, { x, w, b }))['y']!;
    expect(relativeL2(fromInputs, fromInit)).toBeLessThan(1e-6);
  });

  it('without a bias', async () => {
    const g = new Graph();
    g.output(
      equalLinear(g.input('x', 'float32', [3, 4, inDim]), { weight: g.initializer('w', w.data, w.dims) }),
      'y',
    );
    const out = (await evaluate(g, { x }))['y']!;
    expect(
      relativeL2(out, naiveLinear(x.data, inDim, w.data, outDim, undefined, 1 / Math.sqrt(inDim))),
    ).toBeLessThan(1e-6);
  });

  it('has correct gradients with fused_lrelu (w.r.t. x, weight and bias as inputs)', async () => {
    const { relErrors, norms } = await checkGradient({
      shapes: [[3, 6], [5, 6], [5]],
      build: (_g, [xt, wt, bt]) =>
        equalLinear(xt!, { weight: wt!, bias: bt! }, { lrMul: 0.5, activation: 'fused_lrelu' }),
      eps: 1e-3,
    });
    for (let i = 0; i < 3; i++) {
      expect(norms[i]).toBeGreaterThan(1e-3);
      expect(relErrors[i], `input ${i}`).toBeLessThan(1e-3);
    }
  });

  it('has correct gradients w.r.t. x with initializer weights', async () => {
    const { relErrors } = await checkGradient({
      shapes: [[2, 3, 6]],
      build: (g, [xt]) =>
        equalLinear(
          xt!,
          { weight: g.initializer('w', w.data, w.dims), bias: g.initializer('b', b.data, b.dims) },
          {
            lrMul: 0.01,
            activation: 'fused_lrelu',
          },
        ),
      eps: 1e-3,
    });
    expect(relErrors[0]).toBeLessThan(1e-3);
  });

  it('fails clearly on an input/weight mismatch', () => {
    const g = new Graph();
    expect(() =>
      equalLinear(g.input('x', 'float32', [2, 7]), { weight: g.initializer('w', w.data, w.dims) }),
    ).toThrow(/equalLinear: input x \[2,7\] does not fit weight w \[5,6\]/);
  });
});

describe('linear (torch Linear)', () => {
  const r = rng(2);
  const x = randn(r, [2, 3, 4]);
  const w = randn(r, [5, 4]);
  const b = randn(r, [5]);
  for (const kind of ['initializer', 'input'] as const) {
    it(`x·Wᵀ + b with the weight as ${kind}`, async () => {
      const g = new Graph();
      const p =
        kind === 'initializer'
          ? { weight: g.initializer('w', w.data, w.dims), bias: g.initializer('b', b.data, b.dims) }
          : { weight: g.input('w', 'float32', w.dims), bias: g.input('b', 'float32', b.dims) };
      g.output(linear(g.input('x', 'float32', ['batch', 3, 4]), p), 'y');
      if (kind === 'initializer') expect(g.nodes.some((n) => n.opType === 'Transpose')).toBe(false);
      const out = (await evaluate(g, kind === 'input' ? { x, w, b } : { x }))['y']!;
      expect(relativeL2(out, naiveLinear(x.data, 4, w.data, 5, b.data))).toBeLessThan(1e-6);
    });
  }
});
