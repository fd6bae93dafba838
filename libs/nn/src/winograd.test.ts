import { describe, expect, it } from 'vitest';
import { Graph, gradients, mul, reduceSum, type Tensor } from '@styleclip/onnx-graph';
import { checkGradient, evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import { winogradConv3x3, winogradKernel, winogradTransforms, type WinogradTile } from './winograd';
import { naiveConv2d, randn, rng } from './testing/reference';

describe('Winograd transforms', () => {
  for (const tile of [2, 4] as const) {
    it(`F(${tile},3): Aᵀ[(G·g) ⊙ (Bᵀ·d)] is the correlation of d with g`, () => {
      const { m, a, BT, G, AT } = winogradTransforms(tile);
      const r = rng(tile);
      for (let trial = 0; trial < 5; trial++) {
        const d = Array.from({ length: a }, () => r.normal());
        const gk = Array.from({ length: 3 }, () => r.normal());
        const u = G.map((row) => row.reduce((s, v, k) => s + v * gk[k]!, 0));
        const v = BT.map((row) => row.reduce((s, x, i) => s + x * d[i]!, 0));
        const y = AT.map((row) => row.reduce((s, x, xi) => s + x * u[xi]! * v[xi]!, 0));
        const direct = Array.from(
          { length: m },
          (_, i) => d[i]! * gk[0]! + d[i + 1]! * gk[1]! + d[i + 2]! * gk[2]!,
        );
        y.forEach((yi, i) => expect(yi).toBeCloseTo(direct[i]!, 10));
      }
    });
  }

  it('refuses a tile it has no transforms for', () => {
    expect(() => winogradTransforms(3 as WinogradTile)).toThrow(/tile must be 2 or 4/);
  });
});

interface Case {
  n: number;
  cin: number;
  cout: number;
  hw: [number, number];
}

async function runWinograd(
  c: Case,
  tile: WinogradTile,
  weightKind: 'initializer' | 'input',
  batch: number | string,
  seed: number,
) {
  const r = rng(seed);
  const x = randn(r, [c.n, c.cin, ...c.hw]);
  const w = randn(r, [c.cout, c.cin, 3, 3]);
  const g = new Graph();
  const xi = g.input('x', 'float32', [batch, c.cin, ...c.hw]);
  const wi =
    weightKind === 'initializer'
      ? g.initializer('conv.weight', w.data, w.dims)
      : g.input('w', 'float32', w.dims);
  const y = g.output(winogradConv3x3(xi, wi, { tile, scale: 0.5 }), 'y');
  const feeds: Record<string, typeof x> = weightKind === 'input' ? { x, w } : { x };
  const out = (await evaluate(g, feeds))['y']!;
  const expected = naiveConv2d(x, { data: w.data.map((v) => v * 0.5), dims: w.dims });
  return { out, expected, shape: y.shape, g };
}

describe('winogradConv3x3 equals the direct 3×3 convolution (pad 1)', () => {
  const cases: [string, Case][] = [
    ['sizes that are multiples of 4', { n: 2, cin: 5, cout: 3, hw: [8, 8] }],
    ['sizes that are not (tiles padded, then cropped)', { n: 2, cin: 3, cout: 4, hw: [5, 7] }],
    ['a 4×4 input (StyleGAN2 conv1)', { n: 1, cin: 6, cout: 6, hw: [4, 4] }],
  ];
  cases.forEach(([name, c], i) => {
    for (const tile of [2, 4] as const) {
      for (const weightKind of ['initializer', 'input'] as const) {
        it(`F(${tile}×${tile},3×3), ${name}, weight as ${weightKind}, symbolic batch`, async () => {
          const { out, expected, shape } = await runWinograd(c, tile, weightKind, 'batch', 10 + i);
          expect(shape).toEqual(['batch', c.cout, ...c.hw]);
          expect(relativeL2(out, expected.data)).toBeLessThan(tile === 4 ? 1e-5 : 2e-6);
        });
      }
    }
  });

  it('folds an initializer weight into one transformed kernel (no weight ops), shared when reused', async () => {
    const c: Case = { n: 1, cin: 4, cout: 4, hw: [8, 8] };
    const { g } = await runWinograd(c, 4, 'initializer', 1, 3);
    expect(g.initializers.map((t) => t.tensor.name)).toContain('conv.weight.winograd_f4');
    expect(g.nodes.some((nd) => nd.inputs.some((t) => t?.name === 'conv.weight'))).toBe(false);
    const before = g.initializers.length;
    winogradConv3x3(g.inputs[0]!, g.initializers.find((t) => t.tensor.name === 'conv.weight')!.tensor, {
      tile: 4,
      scale: 0.5,
    });
    expect(g.initializers.length).toBe(before);
  });

  it('the folded kernel equals (G ⊗ G)·w·scale', () => {
    const w = randn(rng(5), [2, 3, 3, 3]);
    const u = winogradKernel(w.data, 2, 3, 2, 2);
    // G's first row is [1,0,0], so U[(0,0), o, c] = 2·w[o,c,0,0].
    for (let o = 0; o < 2; o++)
      for (let c = 0; c < 3; c++) expect(u[o * 3 + c]).toBeCloseTo(2 * w.data[(o * 3 + c) * 9]!, 5);
  });

  it('fails clearly on a weight that is not 3×3 or does not match Cin', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [1, 2, 4, 4]);
    expect(() =>
      winogradConv3x3(x, g.initializer('w', new Float32Array(2 * 3 * 9), [2, 3, 3, 3]), { tile: 4 }),
    ).toThrow(/winogradConv3x3: weight w must be \[Cout,2,3,3\] \(or with a leading 1\), got \[2,3,3,3\]/);
    expect(() =>
      winogradConv3x3(x, g.initializer('w1', new Float32Array(2 * 2), [2, 2, 1, 1]), { tile: 4 }),
    ).toThrow(/must be \[Cout,2,3,3\]/);
  });
});

describe('winogradConv3x3 gradients', () => {
  for (const tile of [2, 4] as const) {
    it(`F(${tile}×${tile},3×3) w.r.t. x and the weight, by finite differences`, async () => {
      const { relErrors, norms } = await checkGradient({
        shapes: [
          [2, 3, 5, 6],
          [2, 3, 3, 3],
        ],
        build: (_g, [x, w]) => winogradConv3x3(x as Tensor, w as Tensor, { tile, scale: 0.7 }),
        seed: 40 + tile,
      });
      for (let i = 0; i < 2; i++) {
        expect(norms[i]).toBeGreaterThan(1e-3);
        expect(relErrors[i], `input ${i}`).toBeLessThan(1e-3);
      }
    });
  }

  it('equal the direct convolution gradients, with a symbolic batch', async () => {
    const r = rng(60);
    const x = randn(r, [2, 4, 6, 6]);
    const w = randn(r, [3, 4, 3, 3]);
    const grads = async (useWinograd: boolean) => {
      const g = new Graph();
      const xi = g.input('x', 'float32', ['batch', 4, 6, 6]);
      const wi = g.initializer('w', w.data, w.dims);
      const y = useWinograd
        ? winogradConv3x3(xi, wi, { tile: 4 })
        : (await import('@styleclip/onnx-graph')).conv(xi, wi, undefined, { pads: [1, 1, 1, 1] });
      const [gx] = gradients(reduceSum(mul(y, y)), [xi]);
      g.output(gx!, 'gx');
      return (await evaluate(g, { x }))['gx']!;
    };
    const direct = await grads(false);
    expect(direct.some((v) => v !== 0)).toBe(true);
    expect(relativeL2(await grads(true), direct)).toBeLessThan(1e-5);
  });
});
