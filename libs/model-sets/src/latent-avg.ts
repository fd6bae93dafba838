import { GaussianRandom } from '@styleclip/latent-math';
import { buildMappingGraph, type StyleGAN2Config, type Weight } from '@styleclip/architectures';
import { createRuntime } from '@styleclip/model-runners';
import { toOnnxBytes } from '@styleclip/onnx-graph';

/**
 * The mean of the mapping output over `samples` random z (what rosinality's `mean_latent` computes), for
 * weights that carry no `latent_avg` (presets, or checkpoints saved without it).
 */
export async function computeLatentAvg(
  weights: ReadonlyMap<string, Weight>,
  config: StyleGAN2Config,
  o: { samples?: number; seed?: number; intraOpNumThreads?: number } = {},
): Promise<Weight> {
  const D = config.styleDim;
  const withZero = new Map(weights);
  withZero.set('latent_avg', { shape: [D], data: new Float32Array(D) });
  const runtime = createRuntime({ offMainThread: false, intraOpNumThreads: o.intraOpNumThreads ?? 2 });
  try {
    const model = await runtime.load('mapping', toOnnxBytes(buildMappingGraph(withZero, config)));
    const samples = o.samples ?? 4096;
    const rng = new GaussianRandom(o.seed ?? 4096);
    const sum = new Float64Array(D);
    const chunk = 512;
    for (let start = 0; start < samples; start += chunk) {
      const n = Math.min(chunk, samples - start);
      const out = await model.run({
        z: { type: 'float32', dims: [n, D], data: rng.randn(n * D) },
        truncation: { type: 'float32', dims: [1], data: Float32Array.of(1) },
      });
      const w = out['w']!.data as Float32Array;
      for (let i = 0; i < n * D; i++) sum[i % D]! += w[i]!;
    }
    return { shape: [D], data: Float32Array.from(sum, (v) => v / samples) };
  } finally {
    await runtime.dispose();
  }
}
