import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { checkGradient, evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import { adaptiveAvgPool2d, adaptivePoolWindow } from './adaptive-avg-pool';
import { randn, rng, type Arr } from './testing/reference';

/** torch AdaptiveAvgPool2d by its definition: mean over rows floor(i·H/oh)…ceil((i+1)·H/oh)−1, same for columns. */
function naiveAdaptive(x: Arr, oh: number, ow: number): Float32Array {
  const [n, c, h, w] = x.dims as [number, number, number, number];
  const out = new Float32Array(n * c * oh * ow);
  for (let b = 0; b < n * c; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++) {
        const [r0, r1] = [Math.floor((i * h) / oh), Math.ceil(((i + 1) * h) / oh)];
        const [c0, c1] = [Math.floor((j * w) / ow), Math.ceil(((j + 1) * w) / ow)];
        let s = 0;
        for (let r = r0; r < r1; r++) for (let q = c0; q < c1; q++) s += x.data[b * h * w + r * w + q]!;
        out[(b * oh + i) * ow + j] = s / ((r1 - r0) * (c1 - c0));
      }
  return out;
}

describe('adaptiveAvgPool2d (torch semantics)', () => {
  const cases: [string, number[], [number, number]][] = [
    ['integer upscale repeats pixels (32 → 256)', [2, 3, 32, 32], [256, 256]],
    ['integer downscale averages blocks (16 → 4)', [1, 2, 16, 16], [4, 4]],
    ['overlapping windows (188 → 112)', [1, 2, 188, 188], [112, 112]],
    ['mixed axes (12×7 → 4×5)', [2, 2, 12, 7], [4, 5]],
    ['non-integer upscale (5 → 8)', [1, 1, 5, 5], [8, 8]],
    ['unchanged', [1, 1, 3, 4], [3, 4]],
  ];
  for (const [name, dims, size] of cases) {
    it(name, async () => {
      const x = randn(rng(dims.length + size[0]), dims);
      const g = new Graph();
      g.output(adaptiveAvgPool2d(g.input('x', 'float32', ['batch', ...dims.slice(1)]), size), 'y');
      const y = (await evaluate(g, { x }))['y']!;
      expect(relativeL2(y, naiveAdaptive(x, ...size))).toBeLessThan(1e-6);
    });
  }

  it('188 → 112 windows are 2 or 3 wide and overlap', () => {
    const widths = Array.from({ length: 112 }, (_, i) => adaptivePoolWindow(i, 188, 112)).map(
      ([s, e]) => e - s,
    );
    expect(widths.filter((w) => w === 2).length).toBe(40);
    expect(widths.filter((w) => w === 3).length).toBe(72);
    expect(adaptivePoolWindow(1, 188, 112)[0]).toBeLessThan(adaptivePoolWindow(0, 188, 112)[1]);
  });

  for (const [name, shape, size] of [
    ['repeat', [1, 2, 3, 3], [6, 6]],
    ['pool', [1, 2, 8, 8], [4, 2]],
    ['matrix', [2, 1, 7, 5], [4, 3]],
  ] as const) {
    it(`gradient by finite differences (${name})`, async () => {
      const { relErrors, norms } = await checkGradient({
        shapes: [[...shape]],
        build: (_g, [x]) => adaptiveAvgPool2d(x!, size),
      });
      expect(norms[0]).toBeGreaterThan(1e-3);
      expect(relErrors[0]).toBeLessThan(1e-3);
    });
  }

  it('refuses symbolic spatial dims', () => {
    const g = new Graph();
    expect(() => adaptiveAvgPool2d(g.input('x', 'float32', [1, 3, 'h', 'w']), [2, 2])).toThrow(
      /static C, H, W/,
    );
  });
});
