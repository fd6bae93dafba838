import {
  baselineSynthesisOptions,
  buildSynthesisGraph,
  randomStyleGAN2Weights,
  sLayout,
  type StyleGAN2Config,
  type SynthesisOptions,
} from '@styleclip/architectures';
import { profileKernels, type KernelTime } from '@styleclip/model-runners';
import { sWidth } from '@styleclip/latent-math';
import { toOnnxBytes } from '@styleclip/onnx-graph';
import { median } from './measure';
import { sFeed } from './winograd';

/** Kernel time of one synthesis graph, summed by op type and by stage. */
export interface SynthesisProfile {
  graph: string;
  runMedianMs: number;
  kernelMs: number;
  byOp: Record<string, number>;
  /** Keyed by the output resolution of the layers (`4`, `8`, …), or `inserted` / `other`. */
  byStage: Record<string, number>;
}

const GRAPHS = (c: StyleGAN2Config): [string, SynthesisOptions][] => [
  ['before', baselineSynthesisOptions(c)],
  ['now', {}],
];

/**
 * Where the synthesis graph's time goes, by onnxruntime's profiler (batch 1, random weights, CPU): the graph
 * as at the start of the speed work and as built now, each in sessions of its own, alternating. Layout nodes that
 * onnxruntime inserts (NCHWc reorders) belong to no layer and are counted as `inserted`.
 */
export async function profileSynthesis(
  c: StyleGAN2Config,
  threads: number,
  rounds: number,
  runsPerRound = 2,
): Promise<SynthesisProfile[]> {
  const weights = randomStyleGAN2Weights(c, 0);
  const layout = sLayout(c);
  const resolutionOf = new Map(layout.map((l) => [l.module, l.resolution]));
  const stage = (k: KernelTime): string => {
    const module = /^(conv1|to_rgb1|convs\.\d+|to_rgbs\.\d+)\./.exec(k.node)?.[1];
    if (module !== undefined) return String(resolutionOf.get(module) ?? 'other');
    return /^Reorder/.test(k.op) ? 'inserted' : 'other';
  };
  const feeds = sFeed(1, sWidth(layout));
  const models = GRAPHS(c).map(([graph, o]) => ({
    graph,
    bytes: toOnnxBytes(buildSynthesisGraph(weights, c, o)),
    runMs: [] as number[],
    byOp: {} as Record<string, number>,
    byStage: {} as Record<string, number>,
  }));
  // Rounds alternate the graphs, so the host's drift hits both alike; sums are divided by the rounds.
  for (let r = 0; r < rounds; r++) {
    for (const m of models) {
      const p = await profileKernels(m.bytes, feeds, { intraOpNumThreads: threads, runs: runsPerRound });
      m.runMs.push(...p.runMs);
      for (const k of p.kernels) {
        m.byOp[k.op] = (m.byOp[k.op] ?? 0) + k.ms / rounds;
        m.byStage[stage(k)] = (m.byStage[stage(k)] ?? 0) + k.ms / rounds;
      }
    }
  }
  const out: SynthesisProfile[] = models.map((m) => ({
    graph: m.graph,
    runMedianMs: median(m.runMs),
    kernelMs: Object.values(m.byOp).reduce((s, v) => s + v, 0),
    byOp: m.byOp,
    byStage: m.byStage,
  }));
  return out;
}
