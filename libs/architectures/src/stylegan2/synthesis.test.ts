import { describe, expect, it } from 'vitest';
import { sWidth } from '@styleclip/latent-math';
import { countMacs, gradients, mul, reduceSum } from '@styleclip/onnx-graph';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2, seededRandom } from '@styleclip/testing';
import type { StyleGAN2Config } from './config';
import { uniformConvPlan } from './conv-plan';
import { randomStyleGAN2Weights } from './init';
import { sLayout } from './layout';
import { baselineSynthesisOptions, buildSynthesisGraph, synthesisLayers } from './synthesis';

const config: StyleGAN2Config = {
  size: 32,
  styleDim: 16,
  nMlp: 2,
  channels: { 4: 16, 8: 16, 16: 16, 32: 8 },
  blurKernel: [1, 3, 3, 1],
  lrMul: 0.01,
};
const weights = randomStyleGAN2Weights(config, 3, { toRgbGain: 0.3 });
const width = sWidth(sLayout(config));
const s = { data: seededRandom(4).fillNormal(2 * width, 0.3, 1), dims: [2, width] };
const render = async (o: Parameters<typeof buildSynthesisGraph>[2]) =>
  (await evaluate(buildSynthesisGraph(weights, config, o), { s }))['image']!;

describe('synthesis stopped early (previews)', () => {
  it('reads the full S and equals a generator of that size built from the same weights', async () => {
    for (const resolution of [4, 8, 16]) {
      const g = buildSynthesisGraph(weights, config, { resolution });
      expect(g.inputs[0]!.shape).toEqual(['batch', width]);
      expect(g.outputs[0]!.shape).toEqual(['batch', 3, resolution, resolution]);
      const preview = (await evaluate(g, { s }))['image']!;
      // A size-R generator has exactly the layers up to R: its S is the prefix.
      const small: StyleGAN2Config = {
        ...config,
        size: resolution,
        channels: Object.fromEntries(
          Object.entries(config.channels).filter(([r]) => Number(r) <= resolution),
        ),
      };
      const prefix = sWidth(sLayout(small));
      const sp = new Float32Array(2 * prefix);
      for (let b = 0; b < 2; b++) sp.set(s.data.subarray(b * width, b * width + prefix), b * prefix);
      const reference = (
        await evaluate(buildSynthesisGraph(weights, small), { s: { data: sp, dims: [2, prefix] } })
      )['image']!;
      expect(relativeL2(preview, reference), `resolution ${resolution}`).toBeLessThan(1e-6);
    }
  });

  it('costs a fraction of the full graph, and the full resolution is the full graph', async () => {
    const macs = (resolution: number) =>
      countMacs(buildSynthesisGraph(weights, config, { resolution }), { batch: 1 }).total;
    expect(macs(8)).toBeLessThan(macs(16));
    expect(macs(16)).toBeLessThan(macs(32));
    expect(Array.from(await render({ resolution: 32 }))).toEqual(Array.from(await render({})));
  });

  it('refuses resolutions the generator does not have', () => {
    for (const r of [2, 12, 64])
      expect(() => synthesisLayers(config, r)).toThrow(/power of two from 4 to 32, got/);
  });
});

describe('synthesis build options', () => {
  it('Winograd plans and the fused epilogues give the baseline image', async () => {
    const baseline = await render(baselineSynthesisOptions(config));
    for (const algorithm of ['winograd-f2', 'winograd-f4', 'winograd-f4-fused'] as const) {
      expect(
        relativeL2(await render({ convPlan: uniformConvPlan(config, algorithm) }), baseline),
        algorithm,
      ).toBeLessThan(1e-5);
    }
    const unfolded = await render({ fuseEpilogues: false });
    expect(relativeL2(await render({}), unfolded)).toBeLessThan(1e-6);
    expect(relativeL2(unfolded, baseline)).toBeLessThan(1e-6);
  });

  it('the fused epilogues remove the √2 multiplication per styled conv, the style multiplication per toRGB and the bias add per up-conv', () => {
    const fullSize = (fuse: boolean, op: string) => {
      const { nodes } = buildSynthesisGraph(weights, config, { fuseEpilogues: fuse }).liveNodes();
      return nodes.filter(
        (n) =>
          n.opType === op &&
          n.outputs[0]!.rank === 4 &&
          n.outputs[0]!.shape[0] === 'batch' &&
          (n.outputs[0]!.shape[2] as number) > 1,
      ).length;
    };
    const layers = sLayout(config);
    const styledConvs = layers.filter((l) => !l.toRgb).length;
    const toRgbs = layers.filter((l) => l.toRgb).length;
    const upConvs = layers.filter((l) => l.name.startsWith('conv0_')).length;
    expect(fullSize(false, 'Mul') - fullSize(true, 'Mul')).toBe(styledConvs + toRgbs);
    expect(fullSize(false, 'Add') - fullSize(true, 'Add')).toBe(upConvs);
  });
});

describe('gradients through synthesis (what latent optimization and training backpropagate)', () => {
  it('dImage/dS with the Winograd plan and fused epilogues equals the baseline graph’s', async () => {
    const gradOf = async (o: Parameters<typeof buildSynthesisGraph>[2]) => {
      const g = buildSynthesisGraph(weights, config, o);
      const image = g.outputs[0]!;
      const r = g.initializer('R', seededRandom(9).fillNormal(2 * 3 * 32 * 32), [2, 3, 32, 32]);
      const [ds] = gradients(reduceSum(mul(image, r)), [g.inputs[0]!]);
      g.output(ds!, 'ds');
      return (await evaluate(g, { s }))['ds']!;
    };
    const baseline = await gradOf(baselineSynthesisOptions(config));
    expect(Math.max(...baseline.map(Math.abs))).toBeGreaterThan(1e-3);
    for (const algorithm of ['winograd-f2', 'winograd-f4', 'winograd-f4-fused'] as const) {
      expect(
        relativeL2(await gradOf({ convPlan: uniformConvPlan(config, algorithm) }), baseline),
        algorithm,
      ).toBeLessThan(1e-4);
    }
  });
});
