import { describe, expect, it } from 'vitest';
import { inferStyleGAN2Config } from './config';
import { randomStyleGAN2Weights } from './init';
import type { StyleGAN2Config } from './config';

const config: StyleGAN2Config = {
  size: 16,
  styleDim: 8,
  nMlp: 2,
  channels: { 4: 6, 8: 5, 16: 4 },
  blurKernel: [1, 3, 3, 1],
  lrMul: 0.01,
};

describe('randomStyleGAN2Weights', () => {
  it('is seeded, and its config reads back from the weights', () => {
    const a = randomStyleGAN2Weights(config, 7);
    const b = randomStyleGAN2Weights(config, 7);
    const c = randomStyleGAN2Weights(config, 8);
    expect(Array.from(a.get('convs.0.conv.weight')!.data)).toEqual(
      Array.from(b.get('convs.0.conv.weight')!.data),
    );
    expect(Array.from(a.get('convs.0.conv.weight')!.data)).not.toEqual(
      Array.from(c.get('convs.0.conv.weight')!.data),
    );
    expect(inferStyleGAN2Config(a)).toMatchObject({
      size: 16,
      styleDim: 8,
      nMlp: 2,
      channels: config.channels,
    });
  });

  it('scales exactly the toRGB convolution weights by toRgbGain, from the same random stream', () => {
    const plain = randomStyleGAN2Weights(config, 3);
    const scaled = randomStyleGAN2Weights(config, 3, { toRgbGain: 0.25 });
    let toRgb = 0;
    for (const [key, w] of plain) {
      const gain = /^to_rgbs?[\d.]*\.conv\.weight$/.test(key) ? 0.25 : 1;
      if (gain !== 1) toRgb++;
      expect(Array.from(scaled.get(key)!.data), key).toEqual(
        Array.from(w.data, (v) => Math.fround(v * gain)),
      );
    }
    expect(toRgb).toBe(3);
  });

  it('refuses a gain that is not a positive number', () => {
    for (const g of [0, -1, Number.NaN, Infinity])
      expect(() => randomStyleGAN2Weights(config, 1, { toRgbGain: g })).toThrow(
        /toRgbGain must be a positive number/,
      );
  });
});
