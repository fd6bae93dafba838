import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '@styleclip/testing';
import { decodeImage } from '../decode';
import type { Pixels8 } from '../resample';
import { alignFace } from './align-face';
import { convexHull, faceMask, pasteBack, signedDistance } from './paste-back';
import { quadInverse, quadPoint, type Quad } from './quad-transform';

const facesDir = () => join(sharedDir(), 'fixtures', 'faces');
const facesJson = () => JSON.parse(readFileSync(join(facesDir(), 'faces.json'), 'utf8'));

async function photo(name: string): Promise<Pixels8> {
  const d = await decodeImage(readFileSync(join(facesDir(), `${name}.png`)));
  return { data: d.rgb, width: d.width, height: d.height, channels: 3 };
}

/** A smooth synthetic photo (low-frequency colour waves): resampling it twice loses almost nothing. */
function smoothPhoto(width: number, height: number): Pixels8 {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = 128 + 100 * Math.sin(x / 40) * Math.cos(y / 55);
      data[i + 1] = 128 + 90 * Math.cos((x + y) / 70);
      data[i + 2] = 40 + (150 * y) / height;
    }
  return { data, width, height, channels: 3 };
}

/** Changed pixels inside and outside a set of masks. */
function compare(before: Pixels8, after: Pixels8, masks: ReturnType<typeof faceMask>[]) {
  const inMask = new Uint8Array(before.width * before.height);
  for (const m of masks)
    for (let y = 0; y < m.height; y++)
      for (let x = 0; x < m.width; x++)
        if (m.alpha[y * m.width + x]! > 0) inMask[(m.y0 + y) * before.width + m.x0 + x] = 1;
  let outsideChanged = 0;
  const inside: number[] = [];
  for (let p = 0; p < inMask.length; p++) {
    let d = 0;
    for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(before.data[3 * p + c]! - after.data[3 * p + c]!));
    if (inMask[p]) inside.push(d);
    else if (d) outsideChanged++;
  }
  inside.sort((a, b) => a - b);
  const mean = inside.reduce((a, b) => a + b, 0) / inside.length;
  return {
    outsideChanged,
    insidePixels: inside.length,
    mean,
    p99: inside[Math.floor(inside.length * 0.99)]!,
    max: inside.at(-1)!,
  };
}

/** Bilinear sample with clamped neighbours at pixel coordinates (centres at integers). */
function bilinear(data: ArrayLike<number>, w: number, h: number, x: number, y: number, c: number): number {
  const fx = Math.min(Math.max(x, 0), w - 1);
  const fy = Math.min(Math.max(y, 0), h - 1);
  const ix = Math.min(Math.floor(fx), w - 2);
  const iy = Math.min(Math.floor(fy), h - 2);
  const dx = fx - ix;
  const dy = fy - iy;
  const at = (xx: number, yy: number) => data[(yy * w + xx) * 3 + c]!;
  const top = at(ix, iy) + (at(ix + 1, iy) - at(ix, iy)) * dx;
  const bottom = at(ix, iy + 1) + (at(ix + 1, iy + 1) - at(ix, iy + 1)) * dx;
  return top + (bottom - top) * dy;
}

describe('quad map', () => {
  it('inverts the bilinear quad map, parallelogram or not', () => {
    const quads: Quad[] = [
      [
        [10, 20],
        [0, 120],
        [110, 130],
        [120, 30],
      ],
      [
        [10, 20],
        [5, 140],
        [150, 110],
        [120, 30],
      ],
    ];
    for (const q of quads)
      for (const [s, t] of [
        [0, 0],
        [0.3, 0.7],
        [1, 1],
        [0.5, 0.01],
        [0.99, 0.42],
      ] as const) {
        const [x, y] = quadPoint(q, s, t);
        const [s2, t2] = quadInverse(q, x, y)!;
        expect(Math.abs(s2 - s) + Math.abs(t2 - t)).toBeLessThan(1e-9);
      }
  });

  it('hull and signed distance', () => {
    const hull = convexHull([
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [5, 5],
      [2, 8],
    ]);
    expect(hull).toHaveLength(4);
    expect(signedDistance(hull, 5, 5)).toBeCloseTo(-5, 12);
    expect(signedDistance(hull, 13, 5)).toBeCloseTo(3, 12);
    expect(signedDistance(hull, 13, 14)).toBeCloseTo(5, 12);
  });
});

describe('pasteBack', () => {
  const lmAstronaut = () => facesJson().images.astronaut.faces[0].landmarks as number[][];

  it('pasting the unedited crop of a smooth photo changes nothing outside the mask and ≤ 2 levels inside', () => {
    const img = smoothPhoto(512, 512);
    const lm = lmAstronaut();
    const a = alignFace(img, lm);
    const after = pasteBack(img, [{ alignment: a, edited: a.image, landmarks: lm }]);
    const r = compare(img, after, [faceMask(512, 512, { alignment: a, landmarks: lm })]);
    expect(r.outsideChanged).toBe(0);
    expect(r.insidePixels).toBeGreaterThan(5000);
    expect(r.max).toBeLessThanOrEqual(2);
  });

  it('pasting the unedited crop of a real photo changes nothing outside the mask, only resampling error inside', async () => {
    const img = await photo('astronaut');
    const lm = lmAstronaut();
    const a = alignFace(img, lm);
    const after = pasteBack(img, [{ alignment: a, edited: a.image, landmarks: lm }]);
    const mask = faceMask(img.width, img.height, { alignment: a, landmarks: lm });
    const r = compare(img, after, [mask]);
    expect(r.outsideChanged).toBe(0);
    // The round trip (photo → 256 crop → photo, two bilinear resamplings of a 90-pixel face) blurs fine
    // texture: measured mean 2.4 levels, p99 14, over 10 880 pixels.
    expect(r.mean).toBeLessThan(3);
    // That error is resampling only: the same round trip in exact arithmetic (the crop sampled in float, no
    // truncation, the paste unrounded) differs from the pasted photo by less than the two quantizations (< 1.5).
    const T = a.transformSize;
    const crop = new Float64Array(T * T * 3);
    for (let j = 0; j < T; j++)
      for (let i = 0; i < T; i++) {
        const [x, y] = quadPoint(a.quad, (i + 0.5) / T, (j + 0.5) / T);
        for (let c = 0; c < 3; c++)
          crop[(j * T + i) * 3 + c] = bilinear(img.data, img.width, img.height, x, y, c);
      }
    let worst = 0;
    for (let my = 0; my < mask.height; my++)
      for (let mx = 0; mx < mask.width; mx++) {
        const k = my * mask.width + mx;
        if (mask.alpha[k] === 0) continue;
        const p = ((mask.y0 + my) * img.width + mask.x0 + mx) * 3;
        for (let c = 0; c < 3; c++) {
          const sample = bilinear(crop, T, T, mask.s[k]! * T - 0.5, mask.t[k]! * T - 0.5, c);
          const exact = img.data[p + c]! + (sample - img.data[p + c]!) * mask.alpha[k]!;
          worst = Math.max(worst, Math.abs(after.data[p + c]! - exact));
        }
      }
    expect(worst).toBeLessThan(1.5);
  });

  it('an edit changes the face and only the face; several faces go into one photo', async () => {
    const img = await photo('two_faces');
    const faces = facesJson().images.two_faces.faces as { landmarks: number[][] }[];
    expect(faces).toHaveLength(2);
    const pasted = faces.map((f) => {
      const a = alignFace(img, f.landmarks);
      const edited = { ...a.image, data: a.image.data.map((v) => 255 - v) }; // a drastic "edit"
      return { alignment: a, edited, landmarks: f.landmarks };
    });
    const after = pasteBack(img, pasted);
    const masks = pasted.map((f) => faceMask(img.width, img.height, f));
    const r = compare(img, after, masks);
    expect(r.outsideChanged).toBe(0);
    expect(r.mean).toBeGreaterThan(60);
    for (const m of masks) {
      // Each face's solid centre is inverted (to within resampling).
      const cx = m.x0 + (m.width >> 1);
      const cy = m.y0 + (m.height >> 1);
      const p = (cy * img.width + cx) * 3;
      expect(Math.abs(after.data[p]! - (255 - img.data[p]!))).toBeLessThan(40);
    }
  });

  it('refuses bad inputs with clear errors', () => {
    const img = smoothPhoto(64, 64);
    const a = alignFace(smoothPhoto(512, 512), lmAstronaut());
    expect(() =>
      pasteBack(img, [{ alignment: a, edited: { ...a.image, channels: 4 }, landmarks: lmAstronaut() }]),
    ).toThrow(/RGB edited face/);
    expect(() =>
      pasteBack(img, [
        {
          alignment: a,
          edited: a.image,
          landmarks: [
            [1, 1],
            [2, 2],
          ],
        },
      ]),
    ).toThrow(/outline an area/);
    expect(() => faceMask(64, 64, { alignment: a, landmarks: lmAstronaut() }, { feather: 2 })).toThrow(
      /dilate and feather/,
    );
  });
});
