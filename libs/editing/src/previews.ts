import { array32, type Array32 } from '@styleclip/latent-math';
import type { GeneratorEntry } from '@styleclip/model-sets';

/** The largest share of a full render's cost a preview shown while inputs change may take. */
export const PREVIEW_COST_SHARE = 0.2;

/**
 * The resolution to preview at while inputs change: the largest preview graph whose share of the full graph's
 * multiply-accumulates is at most `maxCostShare`, else the smallest preview, else (a set without previews) the
 * full size. Time follows the MAC share closely: on ffhq1024-random, 64 is 12.9% of the MACs and 9–11% of the
 * time, 128 is 27.7% and 25–29% (`npm run bench -- --suite preview`).
 */
export function previewResolutionOf(generator: GeneratorEntry, maxCostShare = PREVIEW_COST_SHARE): number {
  const fits = generator.previews.filter((p) => p.macFraction <= maxCostShare);
  return (fits.at(-1) ?? generator.previews[0])?.resolution ?? generator.config.size;
}

/**
 * Area (box) downsampling of images [N,C,S,S] by an integer factor f: each output pixel is the mean of an
 * f×f block. The reference a preview is compared with, and how sets without preview graphs serve previews.
 */
export function areaDownsample(images: Array32, factor: number): Array32 {
  const [n, c, h, w] = images.shape as [number, number, number, number];
  if (
    images.shape.length !== 4 ||
    !Number.isInteger(factor) ||
    factor < 1 ||
    h % factor !== 0 ||
    w % factor !== 0
  ) {
    throw new RangeError(`areaDownsample: [${images.shape.join(',')}] cannot be reduced by ${factor}`);
  }
  if (factor === 1) return images;
  const oh = h / factor;
  const ow = w / factor;
  const out = array32([n, c, oh, ow]);
  const src = images.data;
  const dst = out.data;
  const inv = 1 / (factor * factor);
  for (let plane = 0; plane < n * c; plane++) {
    const base = plane * h * w;
    const obase = plane * oh * ow;
    for (let y = 0; y < h; y++) {
      const row = base + y * w;
      const orow = obase + Math.floor(y / factor) * ow;
      for (let x = 0; x < w; x++) dst[orow + Math.floor(x / factor)]! += src[row + x]!;
    }
    for (let i = obase; i < obase + oh * ow; i++) dst[i]! *= inv;
  }
  return out;
}

/**
 * Peak signal-to-noise ratio (dB) of `a` against `b` for raw generator images: both clamped to [−1, 1] as
 * every image we deliver is (so the peak-to-peak range is 2 and the figure equals the 8-bit PSNR up to
 * rounding). Infinity for identical images.
 */
export function psnr(a: Array32, b: Array32): number {
  if (a.data.length !== b.data.length)
    throw new RangeError(`psnr: shapes [${a.shape.join(',')}] and [${b.shape.join(',')}] differ`);
  const clamp = (v: number) => Math.min(1, Math.max(-1, v));
  let se = 0;
  for (let i = 0; i < a.data.length; i++) se += (clamp(a.data[i]!) - clamp(b.data[i]!)) ** 2;
  const mse = se / a.data.length;
  return mse === 0 ? Infinity : 10 * Math.log10(4 / mse);
}
