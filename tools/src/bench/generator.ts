import {
  baselineSynthesisOptions,
  buildGeneratorGraph,
  randomStyleGAN2Weights,
} from '@styleclip/architectures';
import type { Runtime } from '@styleclip/model-runners';
import type { ModelSet } from '@styleclip/model-sets';
import { countMacs } from '@styleclip/onnx-graph';
import { timeRuns } from './measure';

export interface GeneratorResult {
  set: string;
  size: number;
  batch: number;
  medianMs: number;
  gmacPerImage: number;
  gflops: number;
  ceilingRatio: number;
}

/** Generator W+ → image latency and achieved GFLOP/s (2 × counted MACs / time). */
export async function benchGenerator(
  runtime: Runtime,
  set: ModelSet,
  batches: number[],
  ceilingGflops: number,
  runs: number,
): Promise<GeneratorResult[]> {
  const g = set.manifest.generator;
  // Effective GFLOP/s: the MACs of direct convolution (the baseline graph), whatever algorithms the set's
  // graph uses, so figures compare across builds (Winograd does fewer multiplications for the same work).
  const macs = countMacs(
    buildGeneratorGraph(randomStyleGAN2Weights(g.config, 0), g.config, baselineSynthesisOptions(g.config)),
    { batch: 1 },
  ).total;
  const model = await runtime.load(`${set.manifest.id}/generator`, set.path(g.models.generator));
  const out: GeneratorResult[] = [];
  for (const batch of batches) {
    const data = new Float32Array(batch * g.nLatent * g.config.styleDim);
    for (let i = 0; i < data.length; i++) data[i] = Math.sin(i) * 0.5;
    const feeds = { wplus: { type: 'float32' as const, dims: [batch, g.nLatent, g.config.styleDim], data } };
    const { median } = await timeRuns(() => model.run(feeds), { warmUp: 1, runs });
    const gflops = (2 * macs * batch) / (median / 1000) / 1e9;
    out.push({
      set: set.manifest.id,
      size: g.config.size,
      batch,
      medianMs: median,
      gmacPerImage: macs / 1e9,
      gflops,
      ceilingRatio: gflops / ceilingGflops,
    });
  }
  await runtime.unload(`${set.manifest.id}/generator`);
  return out;
}
