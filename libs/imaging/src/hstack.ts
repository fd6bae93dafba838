import type { Rgb8Image } from './tensor-image';

export interface HstackOptions {
  /** Pixels between images (default 0). */
  gap?: number;
  /** Fill for the gaps and below shorter images, RGB (default white). */
  background?: readonly [number, number, number];
}

/** Places images left to right, top-aligned, into one strip (e.g. a strength strip of edits). */
export function hstack(images: readonly Rgb8Image[], o: HstackOptions = {}): Rgb8Image {
  if (images.length === 0) throw new RangeError('hstack: no images');
  const gap = o.gap ?? 0;
  const bg = o.background ?? [255, 255, 255];
  if (!Number.isInteger(gap) || gap < 0)
    throw new RangeError(`hstack: gap must be a non-negative integer, got ${gap}`);
  images.forEach((im, i) => {
    if (im.rgb.length !== im.width * im.height * 3) {
      throw new RangeError(`hstack: image ${i} has ${im.rgb.length} bytes for ${im.width}×${im.height} RGB`);
    }
  });
  const width = images.reduce((s, im) => s + im.width, 0) + gap * (images.length - 1);
  const height = Math.max(...images.map((im) => im.height));
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) rgb.set(bg, i * 3);
  let x0 = 0;
  for (const im of images) {
    for (let y = 0; y < im.height; y++) {
      rgb.set(im.rgb.subarray(y * im.width * 3, (y + 1) * im.width * 3), (y * width + x0) * 3);
    }
    x0 += im.width + gap;
  }
  return { rgb, width, height };
}
