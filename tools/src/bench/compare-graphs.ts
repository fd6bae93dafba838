import type { Feeds, Runtime } from '@styleclip/model-runners';
import { toOnnxBytes, type Graph } from '@styleclip/onnx-graph';
import { relativeL2 } from '@styleclip/testing';
import { interleavedRuns, median } from './measure';

export interface GraphComparison {
  variant: string;
  medianMs: number;
  /** Time relative to the first graph's, in the same run. */
  vsFirst: number;
  /** Relative L2 distance of the output from the first graph's (variants compute the same thing). */
  relL2: number;
}

/**
 * Graphs that compute the same `output` (default `y`) from the same feeds, timed interleaved (one warm-up
 * each, then `rounds` rounds) and checked against the first; loaded under `name/<variant>`, unloaded after.
 */
export async function compareGraphs(
  runtime: Runtime,
  name: string,
  graphs: readonly (readonly [string, Graph])[],
  feeds: Feeds,
  rounds: number,
  output = 'y',
): Promise<GraphComparison[]> {
  const models = [];
  for (const [v, g] of graphs) models.push(await runtime.load(`${name}/${v}`, toOnnxBytes(g)));
  try {
    const outs: Float32Array[] = [];
    for (const m of models) outs.push((await m.run(feeds))[output]!.data as Float32Array);
    const samples = await interleavedRuns(
      models.map((m) => () => m.run(feeds)),
      { warmUp: 1, rounds },
    );
    const first = median(samples[0]!);
    return graphs.map(([variant], k) => ({
      variant,
      medianMs: median(samples[k]!),
      vsFirst: median(samples[k]!) / first,
      relL2: relativeL2(outs[k]!, outs[0]!),
    }));
  } finally {
    for (const [v] of graphs) await runtime.unload(`${name}/${v}`);
  }
}
