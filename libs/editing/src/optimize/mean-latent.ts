import { array32, GaussianRandom } from '@styleclip/latent-math';
import type { Components } from '../components';

/**
 * `g_ema.mean_latent(n)`: the mean of the mapping network's output over n standard-normal z (ψ = 1), the
 * free-generation start of `run_optimization.py`. The z come from our seeded PRNG, so the result is
 * deterministic (not torch's draw); accumulated in float64.
 */
export async function meanLatent(
  components: Components,
  samples: number,
  seed: number,
): Promise<Float32Array> {
  const D = components.generator.config.styleDim;
  const rng = new GaussianRandom(seed);
  const sum = new Float64Array(D);
  for (let done = 0; done < samples; done += 512) {
    const n = Math.min(512, samples - done);
    const w = await components.mapping(array32([n, D], rng.randn(n * D)), 1);
    for (let i = 0; i < w.data.length; i++) sum[i % D] = sum[i % D]! + w.data[i]!;
  }
  return Float32Array.from(sum, (v) => v / samples);
}
