import { encodePng, hstack, tensorToRgb8, type Rgb8Image } from '@styleclip/imaging';
import type { Array32 } from '@styleclip/latent-math';

/** Image `index` of a raw generator batch [N,3,H,W] as PNG bytes. */
export function pngOf(images: Array32, index = 0): Promise<Uint8Array> {
  const rgb = tensorToRgb8(images.data, images.shape, { index });
  return encodePng(rgb.rgb, rgb.width, rgb.height);
}

/** Stacks images of the same width top to bottom, `gap` white rows between them. */
function vstack(images: readonly Rgb8Image[], gap: number): Rgb8Image {
  const width = images[0]!.width;
  if (images.some((im) => im.width !== width)) throw new RangeError('vstack: images of different widths');
  const height = images.reduce((s, im) => s + im.height, 0) + gap * (images.length - 1);
  const rgb = new Uint8Array(width * height * 3).fill(255);
  let y0 = 0;
  for (const im of images) {
    rgb.set(im.rgb, y0 * width * 3);
    y0 += im.height + gap;
  }
  return { rgb, width, height };
}

/**
 * An evaluation batch as one PNG: the faces as generated on the top row, the mapper's edits of them below, so
 * each column compares one face before and after.
 */
export function evaluationGridPng(x: Array32, xHat: Array32): Promise<Uint8Array> {
  const row = (a: Array32) =>
    hstack(
      Array.from({ length: a.shape[0]! }, (_, i) => tensorToRgb8(a.data, a.shape, { index: i })),
      { gap: 2 },
    );
  const grid = vstack([row(x), row(xHat)], 2);
  return encodePng(grid.rgb, grid.width, grid.height);
}
