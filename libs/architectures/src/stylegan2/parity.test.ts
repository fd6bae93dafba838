import { describe, expect, it } from 'vitest';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { hasNaN, relativeL2 } from '@styleclip/testing';
import { fixtureArray, fixtureWeights } from '../test-fixtures';
import type { Weight } from '../weights';
import { inferStyleGAN2Config, type StyleGAN2Config } from './config';
import { uniformConvPlan } from './conv-plan';
import { buildGeneratorGraph } from './generator';
import { sLayout } from './layout';
import { buildMappingGraph } from './mapping';
import { buildStylesGraph } from './styles';
import { buildSynthesisGraph } from './synthesis';

async function generatorWeights(file: string): Promise<Map<string, Weight>> {
  const weights = await fixtureWeights(file, 'g_ema');
  const top = await fixtureWeights(file);
  weights.set('latent_avg', top.get('latent_avg')!);
  return weights;
}

const feed = (a: { shape: number[]; data: Float32Array }) => ({ data: a.data, dims: a.shape });

describe.each(['generator.pt', 'generator_legacy.pt'])(
  'StyleGAN2 parity with the official outputs (%s)',
  (file) => {
    let weights: Map<string, Weight>;
    let config: StyleGAN2Config;

    it('reads the config from the weights (non-default channel table)', async () => {
      weights = await generatorWeights(file);
      config = inferStyleGAN2Config(weights);
      expect(config).toMatchObject({
        size: 32,
        styleDim: 64,
        nMlp: 2,
        channels: { 4: 32, 8: 32, 16: 16, 32: 16 },
      });
      const layout = sLayout(config);
      expect(layout.map((l) => l.channels)).toEqual([32, 32, 32, 32, 32, 32, 16, 16, 16, 16, 16]);
      expect(layout.filter((l) => l.toRgb).map((l) => l.index)).toEqual([1, 4, 7, 10]);
    });

    it('mapping z → w, with and without truncation 0.7', async () => {
      const z = await fixtureArray('gen_z.npy');
      const g = buildMappingGraph(weights, config);
      const w = (await evaluate(g, { z: feed(z), truncation: { data: Float32Array.of(1), dims: [1] } }))[
        'w'
      ]!;
      const expected = await fixtureArray('gen_w.npy');
      expect(relativeL2(w, expected.data)).toBeLessThan(1e-4);

      // Truncated images go through mapping (ψ = 0.7), broadcast to W+, then the generator.
      const wt = (await evaluate(g, { z: feed(z), truncation: { data: Float32Array.of(0.7), dims: [1] } }))[
        'w'
      ]!;
      const n = z.shape[0]!;
      const L = 8;
      const wplus = new Float32Array(n * L * 64);
      for (let b = 0; b < n; b++)
        for (let l = 0; l < L; l++) wplus.set(wt.subarray(b * 64, b * 64 + 64), (b * L + l) * 64);
      const img = (
        await evaluate(buildGeneratorGraph(weights, config), { wplus: { data: wplus, dims: [n, L, 64] } })
      )['image']!;
      const expectedImg = await fixtureArray('gen_image_truncated_0.7.npy');
      expect(hasNaN(img)).toBe(false);
      expect(relativeL2(img, expectedImg.data)).toBeLessThan(1e-4);
    });

    it('styles W+ → S in StyleSpace order', async () => {
      const wplus = await fixtureArray('gen_wplus.npy');
      const s = (await evaluate(buildStylesGraph(weights, config), { wplus: feed(wplus) }))['s']!;
      expect(relativeL2(s, (await fixtureArray('gen_s_from_wplus.npy')).data)).toBeLessThan(1e-4);
    });

    it('synthesis from edited S, and the generator from W+', async () => {
      const s = await fixtureArray('gen_s_edited.npy');
      const img = (await evaluate(buildSynthesisGraph(weights, config), { s: feed(s) }))['image']!;
      expect(relativeL2(img, (await fixtureArray('gen_image_from_s_edited.npy')).data)).toBeLessThan(1e-4);
      const wplus = await fixtureArray('gen_wplus.npy');
      const img2 = (await evaluate(buildGeneratorGraph(weights, config), { wplus: feed(wplus) }))['image']!;
      const expected = await fixtureArray('gen_image_from_wplus.npy');
      expect(hasNaN(img2)).toBe(false);
      expect(relativeL2(img2, expected.data)).toBeLessThan(1e-4);
    });
  },
);

describe.each([
  ['winograd-f4', 'generator.pt'],
  ['winograd-f2', 'generator.pt'],
  ['winograd-f4', 'generator_legacy.pt'],
] as const)('StyleGAN2 parity with every 3×3 conv by %s (%s)', (algorithm, file) => {
  it('synthesis from edited S and the generator from W+ stay within 1e-4 of the official outputs', async () => {
    const weights = await generatorWeights(file);
    const config = inferStyleGAN2Config(weights);
    const convPlan = uniformConvPlan(config, algorithm);
    const s = await fixtureArray('gen_s_edited.npy');
    const img = (await evaluate(buildSynthesisGraph(weights, config, { convPlan }), { s: feed(s) }))[
      'image'
    ]!;
    expect(relativeL2(img, (await fixtureArray('gen_image_from_s_edited.npy')).data)).toBeLessThan(1e-4);
    const wplus = await fixtureArray('gen_wplus.npy');
    const img2 = (await evaluate(buildGeneratorGraph(weights, config, { convPlan }), { wplus: feed(wplus) }))[
      'image'
    ]!;
    expect(relativeL2(img2, (await fixtureArray('gen_image_from_wplus.npy')).data)).toBeLessThan(1e-4);
  });
});
