import { describe, expect, it } from 'vitest';
import { GaussianRandom } from '@styleclip/latent-math';
import { tinyArcFaceConfig } from '../arcface/config';
import type { Weight } from '../weights';
import { inferIrSeConfig, irseUnits } from './config';
import { randomIrSeWeights } from './init';

const body = tinyArcFaceConfig.body;
const fresh = () => randomIrSeWeights(body, new GaussianRandom(3));

describe('IR-SE config from the weights', () => {
  it('reads back what the random init wrote; units follow get_blocks(50)', () => {
    expect(inferIrSeConfig(fresh())).toEqual(body);
    const units = irseUnits(body);
    expect(units).toHaveLength(24);
    expect(units.filter((u) => u.stride === 2).map((u) => u.index)).toEqual([0, 3, 7, 21]);
    // 16 → 16 subsamples (MaxPool(1, 2)); 16 → 32 at unit 7 uses the conv shortcut.
    expect(units.filter((u) => u.shortcut === 'conv').map((u) => u.index)).toEqual([7]);
  });

  it('refuses mode ir (no SE), unknown depths, misshapen and unexpected tensors', () => {
    const noSe = fresh();
    for (const k of [...noSe.keys()]) if (k.includes('res_layer.5')) noSe.delete(k);
    expect(() => inferIrSeConfig(noSe)).toThrow(/mode 'ir' is not supported/);

    const short = fresh();
    for (const k of [...short.keys()]) if (k.startsWith('body.23.')) short.delete(k);
    expect(() => inferIrSeConfig(short)).toThrow(/23 body units; expected 24 \(IR-SE50\)/);

    const bad = fresh();
    bad.set('body.5.res_layer.1.weight', {
      shape: [16, 16, 1, 1],
      data: new Float32Array(256),
    } satisfies Weight);
    expect(() => inferIrSeConfig(bad)).toThrow(
      /body\.5\.res_layer\.1\.weight is \[16,16,1,1\], expected \[16,16,3,3\]/,
    );

    const extra = fresh();
    extra.set('body.0.shortcut_layer.0.weight', { shape: [16, 16, 1, 1], data: new Float32Array(256) });
    expect(() => inferIrSeConfig(extra)).toThrow(/body\.0: unexpected conv shortcut for 16 → 16 channels/);
  });
});
