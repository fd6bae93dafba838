import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataPath } from '@styleclip/testing';
import { decodeImage, toRgba } from './decode';
import {
  CLIP_STD,
  clipNormalizeRgb8,
  clipPreprocess,
  clipResizeCrop,
  clipResizeCropRgb8,
  clipResizedSize,
} from './clip-preprocess';

interface Reference {
  resized_size_wh: [number, number];
  crop_left_top: [number, number];
  per_channel_mean_normalized: number[];
  uint8_rgb_after_crop_sha256: string;
  uint8_rgb_sample_pixels_yx: Record<string, number[]>;
  normalized_sample_values_cyx: Record<string, number>;
}

describe('clipPreprocess on CLIP.png (Pillow 12.3.0 reference)', async () => {
  const bytes = readFileSync(dataPath('CLIP.png'));
  const ref = JSON.parse(readFileSync(dataPath('clip_png_preprocess_reference.json'), 'utf8')) as Reference;
  const bin = readFileSync(dataPath('clip_png_preprocessed_3x224x224_f32le.bin'));
  const expected = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  const img = toRgba(await decodeImage(bytes));
  const crop = clipResizeCrop({ rgba: img.data, width: img.width, height: img.height });
  const n = 224 * 224;

  it('resizes to 635×224, crops at left 206 / top 0, and the uint8 crop is bit-exact (sha256)', () => {
    expect(img.width).toBe(2162);
    expect(crop.resized).toEqual(ref.resized_size_wh);
    expect(crop.crop).toEqual(ref.crop_left_top);
    for (const [key, rgb] of Object.entries(ref.uint8_rgb_sample_pixels_yx)) {
      const [y, x] = key.split(',').map(Number) as [number, number];
      expect([...crop.rgb.subarray((y * 224 + x) * 3, (y * 224 + x) * 3 + 3)], key).toEqual(rgb);
    }
    expect(createHash('sha256').update(crop.rgb).digest('hex')).toBe(ref.uint8_rgb_after_crop_sha256);
  });

  it('matches the reference tensor (max error 0 pixel levels; acceptance 2/255) and its statistics', async () => {
    const out = await clipPreprocess(bytes);
    expect(out.length).toBe(3 * n);
    let maxErr = 0;
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < n; i++)
        maxErr = Math.max(maxErr, Math.abs(out[c * n + i]! - expected[c * n + i]!) * CLIP_STD[c]! * 255);
    }
    expect(maxErr).toBeLessThanOrEqual(2);
    expect(maxErr).toBe(0);
    for (const [key, v] of Object.entries(ref.normalized_sample_values_cyx)) {
      const [c, y, x] = key.split(',').map(Number) as [number, number, number];
      expect(out[c * n + y * 224 + x], key).toBeCloseTo(v, 6);
    }
    // The JSON means were accumulated sequentially in float32 (the exact means differ by up to 3.6e-4):
    // reproduce that accumulation exactly, and check the exact mean loosely.
    for (let c = 0; c < 3; c++) {
      let exact = 0;
      let f32 = 0;
      for (let i = 0; i < n; i++) {
        exact += out[c * n + i]!;
        f32 = Math.fround(f32 + out[c * n + i]!);
      }
      expect(Math.fround(f32 / n)).toBe(Math.fround(ref.per_channel_mean_normalized[c]!));
      expect(Math.abs(exact / n - ref.per_channel_mean_normalized[c]!)).toBeLessThan(1e-3);
    }
  });
});

describe('clip preprocessing details', () => {
  it('computes the resized size by truncation and crops with round-half-even', () => {
    expect(clipResizedSize(2162, 762)).toEqual([635, 224]);
    expect(clipResizedSize(300, 700)).toEqual([224, 522]);
    expect(clipResizedSize(224, 224)).toEqual([224, 224]);
    // 225×224 needs no resize; (225 − 224)/2 = 0.5 rounds to 0.
    const w = 449;
    const h = 224;
    const rgba = new Uint8Array(w * h * 4).fill(255);
    expect(clipResizeCrop({ rgba: rgba.subarray(0, 225 * 224 * 4), width: 225, height: 224 }).crop).toEqual([
      0, 0,
    ]);
    // 449×224 → 449×224 (no-op), (449 − 224)/2 = 112.5 → 112.
    expect(clipResizeCrop({ rgba, width: w, height: h }).crop).toEqual([112, 0]);
  });

  it('normalizes with the CLIP mean/std', () => {
    const out = clipNormalizeRgb8(new Uint8Array([0, 128, 255]), 1);
    expect(out[0]).toBeCloseTo(-0.48145466 / 0.26862954, 5);
    expect(out[1]).toBeCloseTo((128 / 255 - 0.4578275) / 0.26130258, 5);
    expect(out[2]).toBeCloseTo((1 - 0.40821073) / 0.27577711, 5);
  });
});

describe('clipResizeCropRgb8 (the three-band path for generator output)', () => {
  // Opaque RGBA premultiplies to itself, so Pillow's RGBA and RGB resizes must give the same bytes: the
  // reference path above is checked against Pillow; this one is checked against it on sizes the product meets
  // (square generator outputs, down- and up-scaling, both crop directions).
  it.each([
    [1024, 1024],
    [256, 256],
    [64, 64],
    [300, 700],
    [2162, 762],
  ])('gives the bytes of the RGBA path for an opaque %i×%i image', (width, height) => {
    let seed = width * 7919 + height;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 256;
    const rgb = new Uint8Array(width * height * 3);
    // Smooth content plus noise, with saturated runs so the clamps are exercised.
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        for (let c = 0; c < 3; c++) {
          const v = 128 + 160 * Math.sin((x + 2 * c) / 37) * Math.cos(y / 23) + (random() - 128) / 4;
          rgb[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(v)));
        }
    const rgba = new Uint8Array(width * height * 4);
    for (let p = 0; p < width * height; p++) {
      rgba.set(rgb.subarray(p * 3, p * 3 + 3), p * 4);
      rgba[p * 4 + 3] = 255;
    }
    const fast = clipResizeCropRgb8({ rgb, width, height });
    const reference = clipResizeCrop({ rgba, width, height });
    expect(fast.resized).toEqual(reference.resized);
    expect(fast.crop).toEqual(reference.crop);
    expect(Buffer.from(fast.rgb).equals(Buffer.from(reference.rgb))).toBe(true);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => clipResizeCropRgb8({ rgb: new Uint8Array(10), width: 2, height: 2 })).toThrow(/10 bytes/);
  });
});
