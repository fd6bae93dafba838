import { describe, expect, it } from 'vitest';
import { Graph, type Tensor } from '@styleclip/onnx-graph';
import { checkGradient, evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import { modulatedConv2d } from './modulated-conv';
import { naiveModulatedConv, randn, rng, type Arr } from './testing/reference';

interface Case {
  n: number;
  cin: number;
  cout: number;
  k: number;
  hw: [number, number];
  demodulate: boolean;
  upsample?: boolean;
  leading1?: boolean;
}

function data(c: Case, seed: number) {
  const r = rng(seed);
  const x = randn(r, [c.n, c.cin, ...c.hw]);
  const style = randn(r, [c.n, c.cin], 0.5, 1);
  const wDims = c.leading1 ? [1, c.cout, c.cin, c.k, c.k] : [c.cout, c.cin, c.k, c.k];
  const weight = randn(r, wDims);
  return { x, style, weight };
}

async function runGraph(
  c: Case,
  d: { x: Arr; style: Arr; weight: Arr },
  weightKind: 'initializer' | 'input',
  batch: number | string,
) {
  const g = new Graph();
  const x = g.input('x', 'float32', [batch, c.cin, ...c.hw]);
  const s = g.input('style', 'float32', [batch, c.cin]);
  const w =
    weightKind === 'initializer'
      ? g.initializer('conv.weight', d.weight.data, d.weight.dims)
      : g.input('w', 'float32', d.weight.dims);
  const y = g.output(
    modulatedConv2d(x, s, w, { demodulate: c.demodulate, upsample: c.upsample ?? false }),
    'y',
  );
  const feeds: Record<string, Arr> = { x: d.x, style: d.style };
  if (weightKind === 'input') feeds['w'] = d.weight;
  return { out: (await evaluate(g, feeds))['y']!, shape: y.shape, g };
}

describe('modulatedConv2d (non-fused graph) equals the reference per-sample modulated weight', () => {
  const cases: [string, Case][] = [
    ['3×3 demodulated', { n: 2, cin: 4, cout: 5, k: 3, hw: [6, 5], demodulate: true }],
    [
      '3×3 demodulated, [1,O,I,k,k] weight',
      { n: 3, cin: 3, cout: 4, k: 3, hw: [4, 4], demodulate: true, leading1: true },
    ],
    ['1×1 ToRGB (no demodulation)', { n: 2, cin: 6, cout: 3, k: 1, hw: [4, 4], demodulate: false }],
    [
      '3×3 upsample demodulated',
      { n: 2, cin: 4, cout: 3, k: 3, hw: [4, 5], demodulate: true, upsample: true },
    ],
    [
      '3×3 upsample without demodulation',
      { n: 2, cin: 3, cout: 2, k: 3, hw: [3, 3], demodulate: false, upsample: true },
    ],
  ];
  cases.forEach(([name, c], i) => {
    for (const weightKind of ['initializer', 'input'] as const) {
      it(`${name} (weight as ${weightKind}, symbolic batch)`, async () => {
        const d = data(c, 100 + i);
        const { out, shape } = await runGraph(c, d, weightKind, 'batch');
        const expected = naiveModulatedConv(d.x, d.style, d.weight, c);
        expect(shape).toEqual(['batch', ...expected.dims.slice(1)]);
        expect(relativeL2(out, expected.data)).toBeLessThan(1e-5);
      });
    }
  });

  it('upsampling doubles H×W; an initializer weight is folded (no Mul on the weight, one demod MatMul)', async () => {
    const c: Case = {
      n: 2,
      cin: 4,
      cout: 3,
      k: 3,
      hw: [4, 4],
      demodulate: true,
      upsample: true,
      leading1: true,
    };
    const { shape, g } = await runGraph(c, data(c, 7), 'initializer', 2);
    expect(shape).toEqual([2, 3, 8, 8]);
    expect(g.initializers.map((i) => i.tensor.name)).toEqual(
      expect.arrayContaining(['conv.weight.scaled_t', 'conv.weight.demod_q']),
    );
    expect(g.nodes.filter((n) => n.opType === 'MatMul')).toHaveLength(1);
    expect(g.nodes.some((n) => n.inputs.some((t) => t?.name === 'conv.weight'))).toBe(false);
  });

  it('reuses the folded weight when the same weight is used twice', () => {
    const g = new Graph();
    const w = g.initializer('w', new Float32Array(2 * 2 * 9).fill(1), [2, 2, 3, 3]);
    const x = g.input('x', 'float32', [1, 2, 4, 4]);
    const s = g.input('s', 'float32', [1, 2]);
    modulatedConv2d(x, s, w, { demodulate: true });
    const before = g.initializers.length;
    modulatedConv2d(x, s, w, { demodulate: true });
    expect(g.initializers.length).toBe(before);
  });

  it('fails clearly when the channels do not match', () => {
    const g = new Graph();
    const w = g.initializer('w', new Float32Array(2 * 3 * 9), [2, 3, 3, 3]);
    expect(() =>
      modulatedConv2d(g.input('x', 'float32', [1, 2, 4, 4]), g.input('s', 'float32', [1, 2]), w, {
        demodulate: true,
      }),
    ).toThrow(/modulatedConv2d: .*Cin = 3/);
  });
});

describe('modulatedConv2d gradients w.r.t. x and style (finite differences)', () => {
  const weight = (g: Graph, dims: number[]) => g.initializer('w', randn(rng(42), dims).data, dims);
  const cases: [string, { demodulate: boolean; upsample: boolean }][] = [
    ['demodulated', { demodulate: true, upsample: false }],
    ['demodulated upsample', { demodulate: true, upsample: true }],
    ['not demodulated (ToRGB-like)', { demodulate: false, upsample: false }],
  ];
  for (const [name, o] of cases) {
    it(name, async () => {
      const { relErrors, norms } = await checkGradient({
        shapes: [
          [2, 3, 4, 4],
          [2, 3],
        ],
        kind: ['normal', 'awayFromZero'],
        build: (g, [x, s]) => modulatedConv2d(x as Tensor, s as Tensor, weight(g, [2, 3, 3, 3]), o),
      });
      for (let i = 0; i < 2; i++) {
        expect(norms[i]).toBeGreaterThan(1e-3);
        expect(relErrors[i], `input ${i}`).toBeLessThan(1e-3);
      }
    });
  }
});

describe('modulatedConv2d with Winograd 3×3 convolution', () => {
  for (const algorithm of ['winograd-f2', 'winograd-f4', 'winograd-f4-fused'] as const) {
    for (const weightKind of ['initializer', 'input'] as const) {
      it(`${algorithm} equals the reference, [1,O,I,3,3] weight as ${weightKind}, with an output gain`, async () => {
        const c: Case = { n: 2, cin: 4, cout: 5, k: 3, hw: [6, 5], demodulate: true, leading1: true };
        const d = data(c, 300);
        const g = new Graph();
        const x = g.input('x', 'float32', ['batch', c.cin, ...c.hw]);
        const s = g.input('style', 'float32', ['batch', c.cin]);
        const w =
          weightKind === 'initializer'
            ? g.initializer('conv.weight', d.weight.data, d.weight.dims)
            : g.input('w', 'float32', d.weight.dims);
        g.output(modulatedConv2d(x, s, w, { demodulate: true, algorithm, gain: Math.SQRT2 }), 'y');
        const feeds: Record<string, Arr> = {
          x: d.x,
          style: d.style,
          ...(weightKind === 'input' ? { w: d.weight } : {}),
        };
        const out = (await evaluate(g, feeds))['y']!;
        const expected = naiveModulatedConv(d.x, d.style, d.weight, c).data.map((v) => v * Math.SQRT2);
        expect(relativeL2(out, expected)).toBeLessThan(1e-5);
        if (weightKind === 'initializer')
          expect(g.nodes.filter((nd) => nd.opType === 'Conv')).toHaveLength(1); // only the input transform
      });
    }
  }

  it('refuses Winograd for the up-conv and for kernels other than 3×3', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [1, 2, 4, 4]);
    const s = g.input('s', 'float32', [1, 2]);
    const w3 = g.initializer('w3', new Float32Array(2 * 2 * 9), [2, 2, 3, 3]);
    const w1 = g.initializer('w1', new Float32Array(2 * 2), [2, 2, 1, 1]);
    expect(() =>
      modulatedConv2d(x, s, w3, { demodulate: true, upsample: true, algorithm: 'winograd-f4' }),
    ).toThrow(/up-conv is always direct/);
    expect(() => modulatedConv2d(x, s, w1, { demodulate: false, algorithm: 'winograd-f2' })).toThrow(
      /needs a 3×3 kernel/,
    );
  });

  for (const algorithm of ['winograd-f4', 'winograd-f4-fused'] as const)
    it(`${algorithm} gradients w.r.t. x and style (finite differences)`, async () => {
      const { relErrors, norms } = await checkGradient({
        shapes: [
          [2, 3, 5, 5],
          [2, 3],
        ],
        kind: ['normal', 'awayFromZero'],
        build: (g, [x, s]) =>
          modulatedConv2d(
            x as Tensor,
            s as Tensor,
            g.initializer('w', randn(rng(43), [2, 3, 3, 3]).data, [2, 3, 3, 3]),
            { demodulate: true, algorithm: 'winograd-f4' },
          ),
      });
      for (let i = 0; i < 2; i++) {
        expect(norms[i]).toBeGreaterThan(1e-3);
        expect(relErrors[i], `input ${i}`).toBeLessThan(1e-3);
      }
    });
});

describe('modulatedConv2d fused epilogues', () => {
  const run = async (c: Case, o: { bias?: boolean; foldStyle?: boolean; gain?: number }, seed: number) => {
    const d = data(c, seed);
    const bias = randn(rng(seed + 1), [c.cout]);
    const g = new Graph();
    const x = g.input('x', 'float32', ['batch', c.cin, ...c.hw]);
    const s = g.input('style', 'float32', ['batch', c.cin]);
    const w = g.initializer('conv.weight', d.weight.data, d.weight.dims);
    const y = modulatedConv2d(x, s, w, {
      demodulate: c.demodulate,
      upsample: c.upsample ?? false,
      ...(o.bias ? { bias: g.initializer('bias', bias.data, bias.dims) } : {}),
      ...(o.foldStyle ? { foldStyle: true } : {}),
      ...(o.gain ? { gain: o.gain } : {}),
    });
    g.output(y, 'y');
    const out = (await evaluate(g, { x: d.x, style: d.style }))['y']!;
    const ref = naiveModulatedConv(d.x, d.style, d.weight, c);
    const [, cout, h, wd] = ref.dims as [number, number, number, number];
    const expected = ref.data.map(
      (v, i) => v * (o.gain ?? 1) + (o.bias ? bias.data[Math.floor(i / (h * wd)) % cout]! : 0),
    );
    return { out, expected, g };
  };

  it('a bias on the up-conv rides in the blur conv (no separate Add) and gives reference + bias', async () => {
    const c: Case = { n: 2, cin: 4, cout: 3, k: 3, hw: [4, 5], demodulate: true, upsample: true };
    const { out, expected, g } = await run(c, { bias: true, gain: 1.5 }, 500);
    expect(relativeL2(out, expected)).toBeLessThan(1e-5);
    expect(g.nodes.some((nd) => nd.opType === 'Add' && nd.outputs[0]!.rank === 4)).toBe(false);
    expect(g.nodes.some((nd) => nd.opType === 'Conv' && nd.inputs[2]?.name === 'bias')).toBe(true);
  });

  it('a bias on a stride-1 conv is a plain add', async () => {
    const c: Case = { n: 2, cin: 4, cout: 5, k: 3, hw: [6, 5], demodulate: true };
    const { out, expected } = await run(c, { bias: true }, 510);
    expect(relativeL2(out, expected)).toBeLessThan(1e-5);
  });

  it('foldStyle runs a 1×1 ToRGB as one per-sample MatMul (x is read, never scaled) and equals the reference', async () => {
    const c: Case = { n: 2, cin: 6, cout: 3, k: 1, hw: [4, 4], demodulate: false, leading1: true };
    const { out, expected, g } = await run(c, { foldStyle: true, gain: 2 }, 520);
    expect(relativeL2(out, expected)).toBeLessThan(1e-5);
    expect(g.nodes.some((nd) => nd.opType === 'Conv')).toBe(false);
    expect(g.nodes.some((nd) => nd.opType === 'Mul' && nd.inputs[0]?.name === 'x')).toBe(false);
  });

  it('refuses foldStyle for kernels larger than 1×1 and a bias of the wrong size', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [1, 2, 4, 4]);
    const s = g.input('s', 'float32', [1, 2]);
    const w3 = g.initializer('w3', new Float32Array(2 * 2 * 9), [2, 2, 3, 3]);
    expect(() => modulatedConv2d(x, s, w3, { demodulate: true, foldStyle: true })).toThrow(
      /foldStyle needs a 1×1 kernel/,
    );
    expect(() =>
      modulatedConv2d(x, s, w3, { demodulate: true, bias: g.initializer('b', new Float32Array(3), [3]) }),
    ).toThrow(/bias b must be \[2\]/);
  });
});
