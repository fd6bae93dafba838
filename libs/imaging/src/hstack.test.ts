import { describe, expect, it } from 'vitest';
import { hstack } from './hstack';

const solid = (w: number, h: number, v: number) => ({
  rgb: new Uint8Array(w * h * 3).fill(v),
  width: w,
  height: h,
});

describe('hstack', () => {
  it('places images left to right with a gap, top-aligned on the background', () => {
    const s = hstack([solid(2, 2, 10), solid(1, 3, 20)], { gap: 1, background: [1, 2, 3] });
    expect([s.width, s.height]).toEqual([4, 3]);
    const px = (x: number, y: number) => [...s.rgb.subarray((y * 4 + x) * 3, (y * 4 + x) * 3 + 3)];
    expect(px(0, 0)).toEqual([10, 10, 10]);
    expect(px(1, 1)).toEqual([10, 10, 10]);
    expect(px(2, 0)).toEqual([1, 2, 3]);
    expect(px(3, 2)).toEqual([20, 20, 20]);
    expect(px(0, 2)).toEqual([1, 2, 3]);
  });
  it('refuses no images and inconsistent buffers', () => {
    expect(() => hstack([])).toThrow(/no images/);
    expect(() => hstack([{ rgb: new Uint8Array(5), width: 2, height: 1 }])).toThrow(/image 0/);
  });
});
