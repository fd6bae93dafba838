import {
  baselineSynthesisOptions,
  buildSynthesisGraph,
  CONV_ALGORITHMS,
  defaultConvAlgorithm,
  plannedConvs,
  randomStyleGAN2Weights,
  sLayout,
  type ConvAlgorithm,
  type StyleGAN2Config,
  type SynthesisOptions,
} from '@styleclip/architectures';
import { modulatedConv2d } from '@styleclip/nn';
import type { Feeds, Runtime } from '@styleclip/model-runners';
import { countMacs, Graph, toOnnxBytes } from '@styleclip/onnx-graph';
import { sWidth } from '@styleclip/latent-math';
import { compareGraphs } from './compare-graphs';
import { interleavedRuns, median } from './measure';

export interface ConvLayerResult {
  module: string;
  resolution: number;
  channels: number;
  algorithm: ConvAlgorithm;
  medianMs: number;
  /** Time relative to direct in the same run. */
  vsDirect: number;
  /** 2 × the direct convolution's MACs / time: what the layer achieves in direct-equivalent work. */
  effectiveGflops: number;
  ceilingRatio: number;
  /** What the recorded table (`defaultConvAlgorithm`) picks for this layer. */
  recorded: ConvAlgorithm;
}

const sFeed = (n: number, width: number, phase = 0): Feeds => ({
  s: {
    type: 'float32',
    dims: [n, width],
    data: Float32Array.from({ length: n * width }, (_, i) => 1 + 0.3 * Math.sin(i + phase)),
  },
});

/**
 * Every stride-1 3×3 modulated conv of a generator (style scaling, conv, demodulation; batch 1, random
 * weights) run by each algorithm, interleaved per layer. The decision data behind the recorded table.
 */
export async function benchConvLayers(
  runtime: Runtime,
  c: StyleGAN2Config,
  ceilingGflops: number,
  rounds: number,
): Promise<ConvLayerResult[]> {
  const out: ConvLayerResult[] = [];
  for (const layer of plannedConvs(c)) {
    const { resolution: r, channels: ch } = layer;
    const weight = Float32Array.from({ length: ch * ch * 9 }, (_, i) => Math.sin(i * 0.7));
    const names: string[] = [];
    const models = [];
    for (const algorithm of CONV_ALGORITHMS) {
      const g = new Graph(`conv_${algorithm}`);
      const x = g.input('x', 'float32', [1, ch, r, r]);
      const style = g.input('style', 'float32', [1, ch]);
      g.output(
        modulatedConv2d(x, style, g.initializer('w', weight, [ch, ch, 3, 3]), {
          demodulate: true,
          algorithm,
        }),
        'y',
      );
      const name = `conv-layer/${layer.module}/${algorithm}`;
      models.push(await runtime.load(name, toOnnxBytes(g)));
      names.push(name);
    }
    const feeds: Feeds = {
      x: {
        type: 'float32',
        dims: [1, ch, r, r],
        data: Float32Array.from({ length: ch * r * r }, (_, i) => Math.cos(i * 0.01)),
      },
      style: {
        type: 'float32',
        dims: [1, ch],
        data: Float32Array.from({ length: ch }, (_, i) => 1 + 0.2 * Math.sin(i)),
      },
    };
    const samples = await interleavedRuns(
      models.map((m) => () => m.run(feeds)),
      { warmUp: 1, rounds },
    );
    const macs = r * r * ch * ch * 9;
    const direct = median(samples[0]!);
    CONV_ALGORITHMS.forEach((algorithm, k) => {
      const ms = median(samples[k]!);
      const gflops = (2 * macs) / (ms / 1000) / 1e9;
      out.push({
        module: layer.module,
        resolution: r,
        channels: ch,
        algorithm,
        medianMs: ms,
        vsDirect: ms / direct,
        effectiveGflops: gflops,
        ceilingRatio: gflops / ceilingGflops,
        recorded: defaultConvAlgorithm(r, ch),
      });
    });
    for (const n of names) await runtime.unload(n);
  }
  return out;
}

export interface GeneratorVariantResult {
  variant: string;
  medianMs: number;
  /** Time relative to the first variant (today's graph) in the same run. */
  vsBaseline: number;
  effectiveGflops: number;
  ceilingRatio: number;
  /** Relative L2 distance of its image from the baseline's (same S). */
  relL2: number;
}

/**
 * The synthesis graph as it was (every conv direct, nothing fused), with fused epilogues, with the recorded
 * Winograd plan, and with both (what sets are built with now), interleaved in one process on the same S.
 * GFLOP/s count the baseline graph's (direct) MACs for every variant.
 */
export async function benchGeneratorVariants(
  runtime: Runtime,
  c: StyleGAN2Config,
  ceilingGflops: number,
  rounds: number,
): Promise<GeneratorVariantResult[]> {
  const weights = randomStyleGAN2Weights(c, 0);
  const base = baselineSynthesisOptions(c);
  const variants: [string, SynthesisOptions][] = [
    ['before (all direct, unfused)', base],
    ['fused epilogues', { ...base, fuseEpilogues: true }],
    ['Winograd plan', { fuseEpilogues: false }],
    ['Winograd plan + fused (built now)', {}],
  ];
  const macs = countMacs(buildSynthesisGraph(weights, c, base), { batch: 1 }).total;
  const rows = await compareGraphs(
    runtime,
    `generator-variant/${c.size}`,
    variants.map(([name, o]) => [name, buildSynthesisGraph(weights, c, o)] as const),
    sFeed(1, sWidth(sLayout(c))),
    rounds,
    'image',
  );
  const out = rows.map(({ variant, medianMs, vsFirst, relL2 }) => {
    const gflops = (2 * macs) / (medianMs / 1000) / 1e9;
    return {
      variant,
      medianMs,
      vsBaseline: vsFirst,
      effectiveGflops: gflops,
      ceilingRatio: gflops / ceilingGflops,
      relL2,
    };
  });
  return out;
}

export { sFeed };
