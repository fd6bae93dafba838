import { GaussianRandom } from '@styleclip/latent-math';
import { filled } from '../random';
import type { Weight } from '../weights';
import { nNoise, noiseResolution, type StyleGAN2Config } from './config';
import { sLayout } from './layout';

export interface RandomStyleGAN2Options {
  /**
   * Scales the toRGB convolution weights (default 1, rosinality's init). With that init a random generator's
   * images sit far outside [-1, 1] (on the tiny preset 38% of pixels clip), where a trained
   * generator's stay inside; a gain below 1 gives random sets that look and edit more like trained ones.
   * The random stream is the same for every gain, so only the toRGB weights change.
   */
  toRgbGain?: number;
}

/**
 * Random weights that mirror rosinality's initialization (randn weights, mapping weights ÷ lr_mul,
 * modulation bias 1, zero biases and noise strengths, N(0,1) noise buffers and constant input).
 * `latent_avg` is left to the caller (the mean of the mapping output over many z).
 */
export function randomStyleGAN2Weights(
  c: StyleGAN2Config,
  seed: number,
  o: RandomStyleGAN2Options = {},
): Map<string, Weight> {
  const toRgbGain = o.toRgbGain ?? 1;
  if (!(toRgbGain > 0 && Number.isFinite(toRgbGain)))
    throw new RangeError(`toRgbGain must be a positive number, got ${toRgbGain}`);
  const rng = new GaussianRandom(seed);
  const w = new Map<string, Weight>();
  const put = (key: string, shape: number[], data: Float32Array) => w.set(key, { shape, data });
  const D = c.styleDim;
  for (let i = 1; i <= c.nMlp; i++) {
    put(`style.${i}.weight`, [D, D], rng.randn(D * D, 1 / c.lrMul));
    put(`style.${i}.bias`, [D], filled(D, 0));
  }
  const c4 = c.channels[4]!;
  put('input.input', [1, c4, 4, 4], rng.randn(c4 * 16));
  const modulated = (module: string, cin: number, cout: number, k: number, gain: number) => {
    put(`${module}.conv.weight`, [1, cout, cin, k, k], rng.randn(cout * cin * k * k, gain));
    put(`${module}.conv.modulation.weight`, [cin, D], rng.randn(cin * D));
    put(`${module}.conv.modulation.bias`, [cin], filled(cin, 1));
  };
  for (const layer of sLayout(c)) {
    const cout = layer.toRgb ? 3 : c.channels[layer.resolution]!;
    modulated(layer.module, layer.channels, cout, layer.toRgb ? 1 : 3, layer.toRgb ? toRgbGain : 1);
    if (layer.toRgb) put(`${layer.module}.bias`, [1, 3, 1, 1], filled(3, 0));
    else {
      put(`${layer.module}.noise.weight`, [1], filled(1, 0));
      put(`${layer.module}.activate.bias`, [cout], filled(cout, 0));
    }
  }
  for (let i = 0; i < nNoise(c); i++) {
    const r = noiseResolution(i);
    put(`noises.noise_${i}`, [1, 1, r, r], rng.randn(r * r));
  }
  return w;
}
