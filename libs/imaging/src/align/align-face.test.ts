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
