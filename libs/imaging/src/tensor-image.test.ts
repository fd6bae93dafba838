import { describe, expect, it } from 'vitest';
import { rgb8ToTensor, tensorToRgb8 } from './tensor-image';

describe('tensorToRgb8', () => {
  // One 1×3 image per channel: values chosen to hit the clamp and the truncate/round difference.
  const data = Float32Array.from([-1.5, 0, 1.2, /* G */ -1, 0.001, 1, /* B */ 0.5, -0.5, 0.999]);

  it('torch path: (x+1)·127.5, clamped, truncated; HWC layout', () => {
    const img = tensorToRgb8(data, [3, 1, 3]);
    expect([img.width, img.height]).toEqual([3, 1]);
    // pixel 0: R −1.5→0, G −1→0, B 0.5→191.25→191; pixel 1: R 0→127.5→127, G 0.001→127.6→127, B −0.5→63.75→63
    expect([...img.rgb]).toEqual([0, 0, 191, 127, 127, 63, 255, 255, 254]);
  });

  it("TF path ('round'): x·127.5 + 128, clamped, truncated", () => {
    const img = tensorToRgb8(data, [3, 1, 3], { rounding: 'round' });
    expect([...img.rgb]).toEqual([0, 0, 191, 128, 128, 64, 255, 255, 255]);
  });

  it('picks one image of a batch and checks shapes, index and NaN', () => {
    const batch = new Float32Array(2 * 9);
    batch.set(data, 9);
    expect([...tensorToRgb8(batch, [2, 3, 1, 3], { index: 1 }).rgb]).toEqual([
      0, 0, 191, 127, 127, 63, 255, 255, 254,
    ]);
    expect(() => tensorToRgb8(batch, [2, 3, 1, 3], { index: 2 })).toThrow(/index 2/);
    expect(() => tensorToRgb8(batch, [2, 4, 1, 3])).toThrow(/shape/);
    expect(() => tensorToRgb8(Float32Array.from([NaN, 0, 0]), [3, 1, 1])).toThrow(
      /NaN at image 0, channel 0/,
    );
  });
});

describe('rgb8ToTensor', () => {
  const img = { rgb: Uint8Array.from([0, 128, 255, 10, 20, 30]), width: 2, height: 1 };
  it('→ CHW in [0,1]', () => {
    expect([...rgb8ToTensor(img)]).toEqual([0, 10 / 255, 128 / 255, 20 / 255, 1, 30 / 255].map(Math.fround));
  });
  it('→ CHW in [−1,1], and back through the rounding path is lossless', () => {
    const t = rgb8ToTensor(img, { range: '-1,1' });
    expect(t[0]).toBe(-1);
    expect(t[4]).toBe(1);
    expect(tensorToRgb8(t, [3, 1, 2], { rounding: 'round' }).rgb).toEqual(img.rgb);
  });
});
