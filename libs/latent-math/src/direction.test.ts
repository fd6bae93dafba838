import { describe, expect, it } from 'vitest';
import { array32 } from './array';
import { applyDirection, autoBeta, globalDirection, keptChannels } from './direction';
import { fs3Coverage, officialFs3Layers, type SLayerInfo } from './layout';
import { GaussianRandom } from './random';
import { SStatsAccumulator } from './s-stats';

// A small generator-like layout: conv1, toRGB, then blocks of conv0, conv1, toRGB.
const layout: SLayerInfo[] = [
  { channels: 6, toRgb: false, name: 'conv1_resolution_4' },
  { channels: 6, toRgb: true },
  { channels: 6, toRgb: false },
  { channels: 4, toRgb: false },
  { channels: 4, toRgb: true },
  { channels: 4, toRgb: false },
  { channels: 3, toRgb: false },
  { channels: 3, toRgb: true },
];
const width = layout.reduce((s, l) => s + l.channels, 0);

function unit(v: Float32Array): Float32Array {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** The official formulas written out directly, NumPy-style, as the reference. */
function reference(fs3: number[][], dt: number[], beta: number, std: number[], rows: number): number[] {
  const r = fs3.map((row) => row.reduce((s, v, k) => s + v * dt[k]!, 0));
  const masked = r.map((v) => (Math.abs(v) < beta ? 0 : v));
  const m = Math.max(...masked.map(Math.abs));
  const normalized = masked.map((v) => v / m);
  const out: number[] = [];
  let row = 0;
  let offset = 0;
  for (const l of layout) {
    for (let c = 0; c < l.channels; c++) {
      if (l.toRgb || row >= rows) out.push(0);
      else out.push(normalized[row++]! * std[offset + c]!);
    }
    offset += l.channels;
  }
  return out;
}

describe('global direction boundary', () => {
  const rand = new GaussianRandom(42);
  const D = 8;
  const rowsAll = 6 + 6 + 4 + 4 + 3; // every non-toRGB layer
  const fs3Rows = Array.from({ length: rowsAll }, () => Array.from(unit(rand.randn(D))));
  const dt = Array.from(unit(rand.randn(D)));
  const std = Array.from({ length: width }, () => Math.fround(0.5 + 1.5 * rand.uniform()));

  for (const rows of [rowsAll, 12]) {
    for (const beta of [0, 0.1, 0.3]) {
      it(`matches the official formulas (rows ${rows}, β ${beta})`, () => {
        const fs3 = Float32Array.from(fs3Rows.slice(0, rows).flat());
        const got = globalDirection({
          fs3,
          rows,
          dt: Float32Array.from(dt),
          beta,
          sStd: Float32Array.from(std),
          layout,
        });
        const want = reference(fs3Rows.slice(0, rows), dt, beta, std, rows);
        got.ds.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
        const r = fs3Rows.slice(0, rows).map((row) => row.reduce((sum, v, k) => sum + v * dt[k]!, 0));
        expect(got.kept).toBe(r.filter((v) => Math.abs(v) >= beta).length);
        expect(keptChannels(Float32Array.from(r), beta)).toBe(got.kept);
        expect(Math.max(...got.top.map((t) => Math.abs(t.weight)))).toBeCloseTo(1, 6);
      });
    }
  }

  it('keeps |r| = β (strict threshold) and fails clearly when nothing passes', () => {
    const fs3 = Float32Array.from([1, 0, 0, 1, ...new Array(2 * (rowsAll - 2)).fill(0)]);
    const dt2 = Float32Array.of(0.6, 0.8);
    const sStd = new Float32Array(width).fill(1);
    const d = globalDirection({ fs3, rows: rowsAll, dt: dt2, beta: 0.6, sStd, layout });
    expect(d.kept).toBe(2);
    expect(() => globalDirection({ fs3, rows: rowsAll, dt: dt2, beta: 0.9, sStd, layout })).toThrow(
      /no channel passes β = 0.9: the largest channel relevance \|r\| is 0.8000/,
    );
  });

  it('refuses a table whose rows do not fit the generator', () => {
    expect(() => fs3Coverage(layout, 7)).toThrow(/valid row counts: 6, 12, 16, 20, 23/);
    expect(fs3Coverage(layout, 12)).toEqual([0, 2]);
    expect(officialFs3Layers(layout)).toEqual([0, 2, 3, 5, 6]);
  });

  it('auto-β picks the largest β in 0.10…0.29 keeping more than the threshold', () => {
    const r = Float32Array.from([0.35, 0.3, 0.25, 0.2, 0.15, 0.12, 0.05]);
    expect(autoBeta(r, 3)).toBe(0.2);
    expect(autoBeta(r, 0)).toBe(0.29);
    expect(autoBeta(r, 10)).toBe(0.1);
  });

  it('applies α lists as s + α·Δs, per image then per α', () => {
    const s = array32([2, 2], Float32Array.of(1, 2, 3, 4));
    const out = applyDirection(s, Float32Array.of(1, -1), [0, 2, -1]);
    expect(out.shape).toEqual([6, 2]);
    expect(Array.from(out.data)).toEqual([1, 2, 3, 0, 0, 3, 3, 4, 5, 2, 2, 5]);
  });
});

describe('S statistics', () => {
  it('equals the direct mean and population std, whatever the batching', () => {
    const rand = new GaussianRandom(3);
    const data = Float32Array.from({ length: 100 * 5 }, () => 3 + 2 * rand.normal());
    const acc = new SStatsAccumulator(5);
    for (const [a, b] of [
      [0, 7],
      [7, 60],
      [60, 100],
    ] as const)
      acc.add(array32([b - a, 5], data.slice(a * 5, b * 5)));
    const { mean, std, samples } = acc.result();
    expect(samples).toBe(100);
    for (let j = 0; j < 5; j++) {
      const col = Array.from({ length: 100 }, (_, i) => data[i * 5 + j]!);
      const m = col.reduce((x, y) => x + y, 0) / 100;
      const sd = Math.sqrt(col.reduce((x, y) => x + (y - m) ** 2, 0) / 100);
      expect(mean[j]).toBeCloseTo(m, 5);
      expect(std[j]).toBeCloseTo(sd, 5);
    }
  });
});
