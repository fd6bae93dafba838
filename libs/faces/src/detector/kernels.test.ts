import { describe, expect, it } from 'vitest';
import { seededRandom } from '@styleclip/testing';
import type { RgbImage } from '../image';
import { extractFhog, FHOG_PLANE_COUNT } from './fhog';
import { buildFilterBank } from './filter-bank';
import { FilterEngine, simdBlockEnd } from './saliency';
import { fhogScalar, resizeScalar, separableScalar } from './scalar-reference';
import { resizeRgbBilinear } from './resize';
import { Workspace } from './workspace';

// The WebAssembly kernels against the plain scalar port of dlib's loops (scalar-reference.ts), value for value.

function photo(width: number, height: number, seed: number): RgbImage {
  const rnd = seededRandom(seed);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) {
        // Smooth structure, noise, and flat patches where channels tie (ties pick different channels in dlib's two paths).
        const smooth = 128 + 100 * Math.sin(x / (7 + c) + y / 11);
        const v = (x >> 4) % 3 === 0 ? 90 : smooth + 40 * (rnd.next() - 0.5);
        rgb[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
  return { rgb, width, height };
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('WebAssembly kernels = scalar port of dlib', () => {
  const ws = new Workspace(10, 10);

  it('RGB bilinear resize (pyramid_down<6>, pyramid_up, odd sizes)', () => {
    for (const [w, h, ow, oh] of [
      [101, 77, 84, 64],
      [64, 40, 130, 81],
      [13, 9, 10, 7],
      [300, 200, 250, 166],
      [33, 31, 33, 60],
    ] as const) {
      const img = photo(w, h, w * h);
      expect(resizeRgbBilinear(ws, img, ow, oh).rgb, `${w}x${h}→${ow}x${oh}`).toEqual(
        resizeScalar(img, ow, oh).rgb,
      );
    }
  });

  it('FHOG features (cell sizes 8, 4, 3; paddings 10×10 and 7×5)', () => {
    for (const [w, h] of [
      [97, 61],
      [160, 120],
      [40, 23],
      [18, 17],
    ] as const) {
      const img = photo(w, h, w + h);
      for (const [cell, pr, pc] of [
        [8, 10, 10],
        [4, 7, 5],
        [3, 10, 10],
      ] as const) {
        const mark = ws.mark;
        const got = extractFhog(ws, img, cell, pr, pc);
        const want = fhogScalar(img, cell, pr, pc);
        expect([got.rows, got.cols]).toEqual([want.rows, want.cols]);
        expect(
          bits(ws.f32(got.at, FHOG_PLANE_COUNT * got.rows * got.cols)),
          `${w}x${h} cell ${cell}`,
        ).toEqual(bits(want.data));
        ws.release(mark);
      }
    }
  });

  it('separable filtering (SSE blocks and scalar tail, added over terms)', () => {
    const rnd = seededRandom(7);
    for (const [rows, cols] of [
      [40, 57],
      [19, 26],
      [12, 10],
    ] as const) {
      const planes = new Float32Array(FHOG_PLANE_COUNT * rows * cols).map(() => rnd.next());
      const weights = new Float64Array(FHOG_PLANE_COUNT * 100 + 1).map(
        () => (rnd.next() - 0.5) * (rnd.next() < 0.8 ? 0.001 : 1),
      );
      const model = { filterWidth: 10, filterHeight: 10 } as never;
      const bank = buildFilterBank(model, weights);
      expect(bank.useSeparable).toBe(false); // random weights are full rank: check the separable path on its own below
      const sep = { ...bank, useSeparable: true };
      const engine = new FilterEngine(ws, [sep], 10, 10);
      const mark = ws.mark;
      const at = ws.put(planes);
      engine.load({ at, rows, cols });
      const got = engine.saliency(0);
      // Scalar: every rank-one term, the first overwriting, the rest added.
      const want = new Float32Array(rows * cols);
      const scratch = new Float32Array(rows * cols);
      let first = true;
      sep.rowFilters.forEach((terms, i) =>
        terms.forEach((row, j) => {
          separableScalar(
            planes.subarray(i * rows * cols, (i + 1) * rows * cols),
            rows,
            cols,
            row,
            sep.colFilters[i]![j]!,
            scratch,
            want,
            !first,
          );
          first = false;
        }),
      );
      expect(bits(got.data), `${rows}x${cols}`).toEqual(bits(want));
      ws.release(mark);
    }
  });

  it("marks dlib's SSE column blocks the way its loop does", () => {
    expect(simdBlockEnd(5, 6)).toBe(5); // fewer than 8 columns: all scalar
    expect(simdBlockEnd(5, 13)).toBe(13); // exactly one block
    expect(simdBlockEnd(5, 14)).toBe(13);
    expect(simdBlockEnd(5, 21)).toBe(21);
    expect(simdBlockEnd(1, 100)).toBe(97);
  });
});
