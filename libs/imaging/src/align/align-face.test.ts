import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '@styleclip/testing';
import { decodeImage } from '../decode';
import type { Pixels8 } from '../resample';
import { alignFace } from './align-face';

const alignDir = () => join(sharedDir(), 'fixtures', 'parity-v2', 'align');

/** float64 little-endian .npy (version 1/2 header) → values. */
function readF8Npy(path: string): Float64Array {
  const b = readFileSync(path);
  const headerLen = b[6] === 1 ? b.readUInt16LE(8) : b.readUInt32LE(8);
  const start = (b[6] === 1 ? 10 : 12) + headerLen;
  const header = b.subarray(0, start).toString('latin1');
  if (!header.includes("'<f8'")) throw new Error(`${path}: expected <f8, got ${header}`);
  return new Float64Array(b.buffer.slice(b.byteOffset + start, b.byteOffset + b.length));
}

async function png(path: string): Promise<Pixels8> {
  const d = await decodeImage(readFileSync(path));
  return { data: d.rgb, width: d.width, height: d.height, channels: 3 };
}

function diff(a: Pixels8, b: Pixels8): { mean: number; max: number; differing: number } {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  let max = 0;
  let differing = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i]! - b.data[i]!);
    sum += d;
    if (d > max) max = d;
    if (d) differing++;
  }
  return { mean: sum / a.data.length, max, differing };
}

describe('alignFace against the official align_face (parity-v2/align)', async () => {
  const meta = JSON.parse(readFileSync(join(alignDir(), 'align_meta.json'), 'utf8'));
  const lmFlat = readF8Npy(join(alignDir(), 'align_landmarks.npy'));
  const landmarks = Array.from({ length: 68 }, (_, i) => [lmFlat[2 * i]!, lmFlat[2 * i + 1]!]);
  const input = await png(join(alignDir(), 'align_input.png'));
  const result = alignFace(input, landmarks, { keepPretransform: true });
  const t = result.trace;

  it('computes every intermediate to 1e-6 and the integers exactly', () => {
    const close = (got: number[] | number[][], want: number[] | number[][], what: string) => {
      const g = (got as number[]).flat();
      const w = (want as number[]).flat();
      expect(g.length, what).toBe(w.length);
      g.forEach((v, i) => expect(Math.abs(v - w[i]!), `${what}[${i}]`).toBeLessThan(1e-6));
    };
    close(t.eyeLeft, meta.eye_left, 'eye_left');
    close(t.eyeRight, meta.eye_right, 'eye_right');
    close(t.eyeAvg, meta.eye_avg, 'eye_avg');
    close(t.eyeToEye, meta.eye_to_eye, 'eye_to_eye');
    close(t.mouthLeft, meta.mouth_left, 'mouth_left');
    close(t.mouthRight, meta.mouth_right, 'mouth_right');
    close(t.mouthAvg, meta.mouth_avg, 'mouth_avg');
    close(t.eyeToMouth, meta.eye_to_mouth, 'eye_to_mouth');
    close(t.x, meta.x, 'x');
    close(t.y, meta.y, 'y');
    close(t.c, meta.c, 'c');
    close(t.quadInitial, meta.quad_initial, 'quad_initial');
    close([t.qsizeInitial], [meta.qsize_initial], 'qsize_initial');
    close(t.quadFinal, meta.quad_final, 'quad_final');
    close(t.transformData, meta.transform_data, 'transform_data');
    close([t.blurSigma!], [meta.blur_sigma], 'blur_sigma');
    expect(t.median).toEqual(meta.median); // float32 values, exactly
    expect(t.shrink).toBe(meta.shrink);
    expect(t.border).toBe(meta.border);
    expect(t.crop).toEqual(meta.crop);
    expect(t.cropped).toBe(meta.branches.crop);
    expect(t.padRaw).toEqual(meta.pad_raw);
    expect(t.padApplied).toEqual(meta.pad_applied);
    expect(t.pretransformSize).toEqual(meta.pretransform_size);
    expect(result.pretransform!.width).toBe(meta.padded_size[0]);
  });

  it('builds the pre-transform image (pad, blur, median blend) within 1 level on < 0.01 % of values', async () => {
    const d = diff(result.pretransform!, await png(join(alignDir(), 'align_pretransform.png')));
    expect(d.max).toBeLessThanOrEqual(1);
    expect(d.differing / result.pretransform!.data.length).toBeLessThan(1e-4);
  });

  it('matches align_output.png: mean abs ≤ 0.01, max abs ≤ 1', async () => {
    const d = diff(result.image, await png(join(alignDir(), 'align_output.png')));
    expect(d.max).toBeLessThanOrEqual(1);
    expect(d.mean).toBeLessThanOrEqual(0.01);
  });

  it('transforms the official pre-transform image to align_output.png exactly (Pillow QUAD, truncation)', async () => {
    const pre = await png(join(alignDir(), 'align_pretransform.png'));
    const { quadTransform } = await import('./quad-transform');
    const d = diff(quadTransform(pre, 256, t.transformData), await png(join(alignDir(), 'align_output.png')));
    expect(d).toEqual({ mean: 0, max: 0, differing: 0 });
  });
});

describe('alignFace inputs', () => {
  const photo: Pixels8 = { data: new Uint8Array(64 * 48 * 3).fill(90), width: 64, height: 48, channels: 3 };
  const face = (scale: number, dx = 0) =>
    Array.from({ length: 68 }, (_, i) => [32 + dx + scale * Math.cos(i), 24 + scale * Math.sin(i)]);

  it('refuses bad landmarks, sizes and photos with clear errors', () => {
    expect(() => alignFace(photo, face(10).slice(0, 5))).toThrow(/needs 68 landmarks/);
    expect(() => alignFace(photo, [...face(10).slice(0, 67), [NaN, 1]])).toThrow(
      /landmark 67 must be two finite numbers/,
    );
    expect(() => alignFace(photo, face(10), { outputSize: 8192 })).toThrow(
      /outputSize must be an integer in 1…4096/,
    );
    expect(() => alignFace(photo, face(10), { outputSize: 512, transformSize: 256 })).toThrow(
      /exceeds transformSize/,
    );
    expect(() => alignFace({ ...photo, channels: 4 }, face(10))).toThrow(/needs an RGB image/);
    expect(() => alignFace(photo, face(0.5))).toThrow(/too small to align/);
    expect(() => alignFace(photo, face(10, 5000))).toThrow(/outside the photo/);
  });

  it('bounds the padding work of a face far larger than the photo', () => {
    // Eyes 1000 px apart around a 300×300 photo: FFHQ's quad side is 4000 px (no shrink), so the photo is padded
    // by ~2250 px per side and blurred with σ = 80: 2·10¹⁰ operations, refused before anything is allocated.
    const small: Pixels8 = { data: new Uint8Array(300 * 300 * 3), width: 300, height: 300, channels: 3 };
    const lm = Array.from({ length: 68 }, (_, i) =>
      i >= 36 && i < 42 ? [-350, 150] : i >= 42 && i < 48 ? [650, 150] : [150, 150],
    );
    lm[48] = [100, 500];
    lm[54] = [200, 500];
    expect(() => alignFace(small, lm, { outputSize: 1024, transformSize: 4096 })).toThrow(
      /operations .*use a smaller output size/,
    );
    expect(
      alignFace(small, lm, { outputSize: 1024, transformSize: 4096, enablePadding: false }).image.width,
    ).toBe(1024);
  });
});
