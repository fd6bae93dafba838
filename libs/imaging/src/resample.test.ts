import { describe, expect, it } from 'vitest';
import { seededRandom } from '@styleclip/testing';
import {
  bicubicKernel,
  lanczosKernel,
  precomputeCoefficients,
  resizeBicubic,
  resizeLanczos,
  resizeRgbaPillow,
} from './resample';

/** Float (unquantized, unrounded) separable reference using the same windows. */
function floatResize(src: Float64Array, w: number, h: number, ow: number, oh: number): Float64Array {
  const cx = precomputeCoefficients(w, ow);
  const cy = precomputeCoefficients(h, oh);
  const tmp = new Float64Array(ow * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < ow; x++)
      for (let k = 0; k < cx.count[x]!; k++)
        tmp[y * ow + x]! += src[y * w + cx.start[x]! + k]! * cx.exact[x * cx.ksize + k]!;
  const out = new Float64Array(ow * oh);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++)
      for (let k = 0; k < cy.count[y]!; k++)
        out[y * ow + x]! += tmp[(cy.start[y]! + k) * ow + x]! * cy.exact[y * cy.ksize + k]!;
  return out;
}

describe('bicubicKernel', () => {
  it('is the Keys cubic with a = −0.5', () => {
    expect(bicubicKernel(0)).toBe(1);
    expect(Math.abs(bicubicKernel(1))).toBe(0);
    expect(bicubicKernel(0.5)).toBeCloseTo(0.5625, 12);
    expect(bicubicKernel(-1.5)).toBeCloseTo(-0.0625, 12);
    expect(bicubicKernel(2)).toBe(0);
  });
});

describe('precomputeCoefficients', () => {
  it('widens the support by the scale when downscaling and normalizes each window', () => {
    const up = precomputeCoefficients(10, 20);
    const down = precomputeCoefficients(2162, 635);
    expect(up.ksize).toBe(5);
    expect(down.ksize).toBe(2 * Math.ceil(2 * (2162 / 635)) + 1);
    for (const c of [up, down]) {
      for (let i = 0; i < c.start.length; i++) {
        let s = 0;
        let q = 0;
        for (let k = 0; k < c.ksize; k++) {
          s += c.exact[i * c.ksize + k]!;
          q += c.weights[i * c.ksize + k]!;
        }
        expect(s).toBeCloseTo(1, 12);
        expect(Math.abs(q - 2 ** 22)).toBeLessThanOrEqual(c.ksize);
      }
    }
    // Border windows are clipped to the image.
    expect(down.start[0]).toBe(0);
    expect(down.start[634]! + down.count[634]!).toBe(2162);
  });
});

describe('resizeBicubic', () => {
  it('keeps a constant image constant and copies when the size is unchanged', () => {
    const src = { data: new Uint8Array(7 * 5 * 3).fill(200), width: 7, height: 5, channels: 3 };
    expect(resizeBicubic(src, 3, 11).data.every((v) => v === 200)).toBe(true);
    const same = resizeBicubic(src, 7, 5);
    expect(same.data).toEqual(src.data);
    expect(same.data).not.toBe(src.data);
  });

  it('is within one level of the float reference (two uint8 roundings) and clamps overshoot', () => {
    const r = seededRandom(3);
    const [w, h, ow, oh] = [37, 23, 11, 40];
    const data = Uint8Array.from({ length: w * h }, () => Math.floor(r.next() * 256));
    const out = resizeBicubic({ data, width: w, height: h, channels: 1 }, ow, oh);
    const ref = floatResize(Float64Array.from(data), w, h, ow, oh);
    let maxErr = 0;
    for (let i = 0; i < ref.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(out.data[i]! - Math.min(255, Math.max(0, ref[i]!))));
    }
    expect(maxErr).toBeLessThanOrEqual(1.5);
    // A hard edge overshoots with a = −0.5; the result must be clamped, not wrapped.
    const edge = new Uint8Array(8).fill(0, 0, 4).fill(255, 4);
    const up = resizeBicubic({ data: edge, width: 8, height: 1, channels: 1 }, 32, 1).data;
    expect([...up.subarray(0, 12)].every((v) => v === 0)).toBe(true);
    expect([...up.subarray(20)].every((v) => v === 255)).toBe(true);
  });
});

describe('resizeRgbaPillow', () => {
  it('premultiplies: transparent white becomes black, opaque pixels are not darkened', () => {
    // Left half transparent white, right half opaque colour; 16×2 → 8×1 (windows span 5 source columns
    // at the borders).
    const data = new Uint8Array(16 * 2 * 4);
    for (let i = 0; i < 32; i++) data.set(i % 16 < 8 ? [255, 255, 255, 0] : [10, 200, 30, 255], i * 4);
    const out = resizeRgbaPillow({ data, width: 16, height: 2, channels: 4 }, 8, 1).data;
    expect([...out.subarray(0, 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect([...out.subarray(28, 32)]).toEqual([10, 200, 30, 255]);
    // Where colour and transparency mix, the colour is un-premultiplied, not darkened toward white or black.
    const mixed = out.subarray(16, 20);
    expect(mixed[3]).toBeGreaterThan(0);
    expect(mixed[3]).toBeLessThan(255);
    expect(Math.abs(mixed[1]! - 200)).toBeLessThanOrEqual(30);
  });
  it('leaves an image that needs no resize untouched (stored RGB of transparent pixels survives)', () => {
    const data = Uint8Array.from([255, 255, 255, 0, 1, 2, 3, 128]);
    expect(resizeRgbaPillow({ data, width: 2, height: 1, channels: 4 }, 2, 1).data).toEqual(data);
  });
});

describe('resizeLanczos (Pillow LANCZOS / ANTIALIAS)', () => {
  it('matches Pillow bit for bit (reference written by tools/fixtures/make_lanczos_reference.py)', async () => {
    const ref = (await import('./align/lanczos-reference.json')).default as {
      width: number;
      height: number;
      outputs: Record<string, string>;
    };
    // The same LCG image the maintainer script feeds Pillow.
    const { width: W, height: H } = ref;
    const data = new Uint8Array(W * H * 3);
    let s = 12345;
    for (let i = 0; i < data.length; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const y = Math.floor(i / 3 / W);
      data[i] = y >= H >> 1 ? (s >>> 16) & 255 : ((Math.floor(i / 3) % W) * 7) % 256;
    }
    for (const [size, b64] of Object.entries(ref.outputs)) {
      const [w, h] = size.split('x').map(Number) as [number, number];
      const out = resizeLanczos({ data, width: W, height: H, channels: 3 }, w, h);
      expect(Buffer.from(out.data).toString('base64'), size).toBe(b64);
    }
  });

  it('is a truncated sinc: 1 at 0, 0 at the integers, 0 outside [−3, 3)', () => {
    expect(lanczosKernel(0)).toBe(1);
    for (const x of [1, 2, -1, -2]) expect(Math.abs(lanczosKernel(x))).toBeLessThan(1e-15);
    expect(lanczosKernel(3)).toBe(0);
    expect(lanczosKernel(-3.1)).toBe(0);
  });
});
