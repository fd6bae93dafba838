import { describe, expect, it } from 'vitest';
import { Graph, type Tensor } from '@styleclip/onnx-graph';
import { checkGradient, evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import { kernel2d, naiveUpfirdn2d, randn, rng } from './testing/reference';
import { blur, makeKernel, upfirdn2d, upsampleRgb, type FirKernel } from './upfirdn2d';

async function runUpfirdn(
  dims: [number, number, number, number],
  kernel: FirKernel,
  o: { up?: number; down?: number; pad: [number, number]; gain?: number },
  batch: number | string = dims[0],
) {
  const x = randn(rng(dims.reduce((a, b) => a * 7 + b, 3)), dims);
  const g = new Graph();
  const xt = g.input('x', 'float32', [batch, ...dims.slice(1)]);
  const y = g.output(upfirdn2d(xt, kernel, o), 'y');
  const out = (await evaluate(g, { x: { data: x.data, dims } }))['y']!;
  const expected = naiveUpfirdn2d(x, makeKernel(kernel, o.gain ?? 1), o.up ?? 1, o.down ?? 1, o.pad);
  return { out, expected, shape: y.shape };
}

// An asymmetric kernel: true convolution and correlation differ, so this proves the flip.
const asym: FirKernel = { data: Float32Array.of(1, 2, 0, -1, 0.5, 3), shape: [2, 3] };

describe('upfirdn2d against the reference definition', () => {
  const cases: [
    string,
    [number, number, number, number],
    FirKernel,
    { up?: number; down?: number; pad: [number, number]; gain?: number },
  ][] = [
    ['blur pad (1,1) gain 4', [2, 3, 5, 5], [1, 3, 3, 1], { pad: [1, 1], gain: 4 }],
    ['up=2 down=1 pad (2,1) (ToRGB upsample)', [2, 3, 4, 5], [1, 3, 3, 1], { up: 2, pad: [2, 1], gain: 4 }],
    [
      'up=1 down=2 pad (1,1) (discriminator downsample)',
      [2, 2, 8, 6],
      [1, 3, 3, 1],
      { down: 2, pad: [1, 1] },
    ],
    ['up=2 down=2 asymmetric pads (3,0)', [2, 2, 5, 4], [1, 2, 1], { up: 2, down: 2, pad: [3, 0] }],
    ['negative pads crop (-1,2)', [2, 2, 6, 7], [1, 3, 3, 1], { pad: [-1, 2] }],
    ['negative pads after up=3 (2,-2)', [2, 1, 4, 3], [1, 1, 1], { up: 3, pad: [2, -2] }],
    ['asymmetric 2-D kernel (the flip)', [2, 3, 5, 6], asym, { pad: [1, 2] }],
    ['asymmetric 2-D kernel with up=2 down=3', [2, 2, 5, 5], asym, { up: 2, down: 3, pad: [0, 1], gain: 2 }],
  ];
  for (const [name, dims, kernel, o] of cases) {
    it(name, async () => {
      const { out, expected, shape } = await runUpfirdn(dims, kernel, o);
      expect(shape).toEqual(expected.dims);
      expect(relativeL2(out, expected.data)).toBeLessThan(1e-6);
    });
  }

  it('the flip matters: correlation with the asymmetric kernel would differ', () => {
    const x = randn(rng(5), [1, 1, 4, 4]);
    const k = makeKernel(asym);
    const flipped = { data: k.data.slice().reverse(), shape: k.shape };
    const a = naiveUpfirdn2d(x, k, 1, 1, [1, 1]);
    const b = naiveUpfirdn2d(x, flipped, 1, 1, [1, 1]);
    expect(relativeL2(a.data, b.data)).toBeGreaterThan(0.1);
  });

  it('works with a symbolic batch', async () => {
    const { out, expected, shape } = await runUpfirdn(
      [3, 2, 4, 4],
      [1, 3, 3, 1],
      { up: 2, pad: [2, 1], gain: 4 },
      'batch',
    );
    expect(shape).toEqual(['batch', 2, 8, 8]);
    expect(relativeL2(out, expected.data)).toBeLessThan(1e-6);
  });

  it('builds the 1-D kernel as outer(k,k)/sum(k)²·gain', () => {
    const k = makeKernel([1, 3, 3, 1], 4);
    expect(k.shape).toEqual([4, 4]);
    expect(k.data[0]).toBeCloseTo(1 / 16, 7);
    expect(k.data[5]).toBeCloseTo(9 / 16, 7);
    expect(k.data.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 6);
  });

  it('blur is upfirdn2d with up = down = 1', async () => {
    const x = randn(rng(9), [2, 2, 5, 5]);
    const g = new Graph();
    g.output(blur(g.input('x', 'float32', [2, 2, 5, 5]), [1, 3, 3, 1], [1, 1], 4), 'y');
    const out = (await evaluate(g, { x }))['y']!;
    expect(relativeL2(out, naiveUpfirdn2d(x, kernel2d([1, 3, 3, 1], 4), 1, 1, [1, 1]).data)).toBeLessThan(
      1e-6,
    );
  });

  it('rejects a symbolic channel count', () => {
    const g = new Graph();
    expect(() => upfirdn2d(g.input('x', 'float32', [1, 'c', 4, 4]), [1, 1], { pad: [0, 0] })).toThrow(
      /static channel/,
    );
  });
});

describe('upsampleRgb (depthwise ConvTranspose) equals upfirdn2d up=2 pad (2,1) gain 4', () => {
  for (const kernel of [
    [1, 3, 3, 1],
    [1, 2, 1],
    [1, 4, 6, 4, 1],
  ]) {
    it(`kernel [${kernel}], symbolic batch`, async () => {
      const x = randn(rng(kernel.length), [2, 3, 5, 4]);
      const g = new Graph();
      const xt = g.input('x', 'float32', ['batch', 3, 5, 4]);
      const factor = 2;
      const p = kernel.length - factor;
      const pad: [number, number] = [Math.floor((p + 1) / 2) + factor - 1, Math.floor(p / 2)];
      const a = upsampleRgb(xt, kernel);
      const b = upfirdn2d(xt, kernel, { up: 2, pad, gain: 4 });
      expect(a.shape).toEqual(['batch', 3, 10, 8]);
      expect(b.shape).toEqual(a.shape);
      g.output(a, 'a');
      g.output(b, 'b');
      expect(g.nodes.filter((n) => n.opType === 'ConvTranspose')).toHaveLength(1);
      const out = await evaluate(g, { x });
      const ref = naiveUpfirdn2d(x, kernel2d(kernel, 4), 2, 1, pad);
      expect(relativeL2(out['a']!, ref.data)).toBeLessThan(1e-6);
      expect(relativeL2(out['a']!, out['b']!)).toBeLessThan(1e-6);
    });
  }
});

describe('upfirdn2d gradients (finite differences)', () => {
  const grad = (name: string, build: (x: Tensor) => Tensor, shape: number[]) =>
    it(name, async () => {
      const { relErrors, norms } = await checkGradient({ shapes: [shape], build: (_g, [x]) => build(x!) });
      expect(norms[0]).toBeGreaterThan(1e-3);
      expect(relErrors[0]).toBeLessThan(1e-3);
    });
  grad('up=2, pads (2,1)', (x) => upfirdn2d(x, [1, 3, 3, 1], { up: 2, pad: [2, 1], gain: 4 }), [2, 2, 3, 3]);
  grad(
    'down=2, asymmetric kernel, negative pad',
    (x) => upfirdn2d(x, asym, { down: 2, pad: [2, -1] }),
    [2, 2, 6, 6],
  );
  grad('upsampleRgb', (x) => upsampleRgb(x), [2, 3, 3, 3]);
});
