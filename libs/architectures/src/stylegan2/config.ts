import { weight, WeightError, type WeightMap } from '../weights';

/** A rosinality StyleGAN2 generator's configuration, as read from its weights. */
export interface StyleGAN2Config {
  /** Output resolution (a power of two ≥ 4). */
  size: number;
  styleDim: number;
  /** Mapping layers (EqualLinear count after the PixelNorm). */
  nMlp: number;
  /** Channels per resolution, e.g. {4: 512, 8: 512, …, 1024: 32}. */
  channels: Record<number, number>;
  /** 1-D FIR taps of the blur/upsample filters. */
  blurKernel: number[];
  /** Learning-rate multiplier of the mapping layers (scales weights and biases at run time). */
  lrMul: number;
}

export const logSize = (c: StyleGAN2Config): number => Math.log2(c.size);
/** Number of W+ rows: 2·log2(size) − 2. */
export const nLatent = (c: StyleGAN2Config): number => 2 * logSize(c) - 2;
/** Number of noise maps: 2·(log2(size) − 2) + 1. */
export const nNoise = (c: StyleGAN2Config): number => 2 * (logSize(c) - 2) + 1;
/** Resolution of noise map i: 2^((i+5)//2). */
export const noiseResolution = (i: number): number => 2 ** Math.floor((i + 5) / 2);

/**
 * Reads the configuration from the generator's weights (keys without `g_ema.`): style dim and mapping depth
 * from `style.*`, size from the number of ToRGB layers, the channel table from the conv weights. Nothing is
 * assumed except the blur kernel and lr_mul, which the checkpoint does not record (rosinality defaults).
 */
export function inferStyleGAN2Config(
  weights: WeightMap,
  o: { lrMul?: number; blurKernel?: number[] } = {},
): StyleGAN2Config {
  const shape = (k: string) => weight(weights, k, undefined, 'not a StyleGAN2 generator').shape;
  const styleDim = shape('conv1.conv.modulation.weight')[1]!;
  let nMlp = 0;
  while (weights.has(`style.${nMlp + 1}.weight`)) nMlp++;
  if (nMlp === 0) throw new WeightError('not a StyleGAN2 generator: no mapping layers style.N.weight');
  let nRgb = 0;
  while (weights.has(`to_rgbs.${nRgb}.conv.weight`)) nRgb++;
  const size = 2 ** (nRgb + 2);
  const channels: Record<number, number> = { 4: shape('conv1.conv.weight')[1]! };
  for (let k = 0; k < nRgb; k++) {
    const res = 8 * 2 ** k;
    const up = shape(`convs.${2 * k}.conv.weight`);
    const conv = shape(`convs.${2 * k + 1}.conv.weight`);
    if (up[2] !== channels[res / 2] || conv[1] !== up[1] || conv[2] !== up[1]) {
      throw new WeightError(
        `inconsistent channel table at resolution ${res}: convs.${2 * k} ${up}, convs.${2 * k + 1} ${conv}`,
      );
    }
    channels[res] = up[1]!;
  }
  return { size, styleDim, nMlp, channels, blurKernel: o.blurKernel ?? [1, 3, 3, 1], lrMul: o.lrMul ?? 0.01 };
}

/** Channel table of the official configs: 512 up to 32×32, then 512·2^… scaled by channel_multiplier. */
export function officialChannels(size: number, channelMultiplier = 2): Record<number, number> {
  const table: Record<number, number> = {
    4: 512,
    8: 512,
    16: 512,
    32: 512,
    64: 256 * channelMultiplier,
    128: 128 * channelMultiplier,
    256: 64 * channelMultiplier,
    512: 32 * channelMultiplier,
    1024: 16 * channelMultiplier,
  };
  const out: Record<number, number> = {};
  for (let r = 4; r <= size; r *= 2) out[r] = table[r]!;
  return out;
}
