import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { checkGradient, evaluate } from '@styleclip/onnx-graph/testing';
import { maxAbsDiff, seededRandom } from '@styleclip/testing';
import { areaDownsampleGraph, areaMatrix } from './area-downsample';

/** torch: Upsample(scale_factor=7, nearest) then AvgPool2d(k), done literally. */
function naive(x: Float32Array, n: number, s: number, out: number): Float64Array {
  const u = 7;
  const big = s * u;
  const k = big / out;
  const res = new Float64Array(n * 3 * out * out);
  for (let p = 0; p < n * 3; p++) {
    const up = new Float64Array(big * big);
    for (let y = 0; y < big; y++)
      for (let xx = 0; xx < big; xx++)
        up[y * big + xx] = x[p * s * s + Math.floor(y / u) * s + Math.floor(xx / u)]!;
    for (let i = 0; i < out; i++)
      for (let j = 0; j < out; j++) {
        let sum = 0;
        for (let dy = 0; dy < k; dy++)
          for (let dx = 0; dx < k; dx++) sum += up[(i * k + dy) * big + j * k + dx]!;
        res[p * out * out + i * out + j] = sum / (k * k);
      }
  }
  return res;
}

describe('areaMatrix', () => {
  it('has rows summing to 1, and for 1024 → 224 row 0 is (7,7,7,7,4)/32 with 5–6 non-zeros per row', () => {
    for (const [s, out] of [
      [1024, 224],
      [512, 224],
      [256, 224],
      [64, 224],
      [32, 224],
      [32, 7],
      [16, 14],
    ] as const) {
      const a = areaMatrix(s, out);
      for (let i = 0; i < out; i++) {
        let sum = 0;
        for (let j = 0; j < s; j++) sum += a[i * s + j]!;
        expect(sum).toBeCloseTo(1, 6);
      }
    }
    const a = areaMatrix(1024, 224);
    expect([...a.subarray(0, 6)].map((v) => v * 32)).toEqual([7, 7, 7, 7, 4, 0]);
    for (let i = 0; i < 224; i++) {
      const nz = [...a.subarray(i * 1024, (i + 1) * 1024)].filter((v) => v !== 0).length;
      expect(nz).toBeGreaterThanOrEqual(5);
      expect(nz).toBeLessThanOrEqual(6);
    }
  });
  it('refuses sizes where 7·S is not a multiple of out', () => {
    expect(() => areaMatrix(100, 224)).toThrow(/multiple/);
  });
});

describe('areaDownsampleGraph', () => {
  for (const s of [64, 256]) {
    it(`equals nearest ×7 upsample + ${(7 * s) / 224}-average pool for S = ${s}`, async () => {
      const n = 2;
      const x = seededRandom(s).fillNormal(n * 3 * s * s, 0.6);
      const g = new Graph('area');
      const y = areaDownsampleGraph(g, g.input('image', 'float32', ['N', 3, s, s]));
      expect(y.shape).toEqual(['N', 3, 224, 224]);
      g.output(y, 'y');
      const out = await evaluate(g, { image: { data: x, dims: [n, 3, s, s] } });
      expect(maxAbsDiff(out['y']!, naive(x, n, s, 224))).toBeLessThan(1e-5);
    });
  }

  it('refuses non-square or non-RGB input', () => {
    const g = new Graph('bad');
    expect(() => areaDownsampleGraph(g, g.input('a', 'float32', [1, 3, 32, 64]))).toThrow(/\[N,3,S,S\]/);
    expect(() => areaDownsampleGraph(g, g.input('b', 'float32', [1, 4, 32, 32]))).toThrow(/\[N,3,S,S\]/);
  });

  it('has correct gradients (S = 16 → 14 and S = 32 → 7)', async () => {
    for (const [s, out] of [
      [16, 14],
      [32, 7],
    ] as const) {
      const r = await checkGradient(
        { shapes: [[2, 3, s, s]], build: (g, [x]) => areaDownsampleGraph(g, x!, out) },
        16,
      );
      expect(r.norms[0]).toBeGreaterThan(0);
      expect(r.relErrors[0]).toBeLessThan(1e-3);
    }
  });
});
