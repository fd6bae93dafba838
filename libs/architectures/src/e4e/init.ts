import { GaussianRandom } from '@styleclip/latent-math';
import { randomIrSeWeights } from '../irse/init';
import type { Weight } from '../weights';
import { e4eHeadShapes, type E4eConfig } from './config';

export interface RandomE4eOptions {
  /**
   * Scales the heads' EqualLinear weights (default 1: `randn`, as the official init). With random weights the
   * deltas have no meaning; a small gain keeps W+ = latent_avg + codes near the generator's average, so a
   * random set's reconstructions look like its faces instead of noise.
   */
  styleGain?: number;
}

/**
 * Random e4e encoder weights: the body as `randomIrSeWeights`, convs with PyTorch's default scale
 * (std 1/√(3·fan_in)) and zero bias, EqualLinear weights randn·`styleGain` (zero bias).
 */
export function randomE4eWeights(c: E4eConfig, seed: number, o: RandomE4eOptions = {}): Map<string, Weight> {
  const rng = new GaussianRandom(seed);
  const out = randomIrSeWeights(c.body, rng);
  for (const [key, shape] of e4eHeadShapes(c)) {
    const n = shape.reduce((a, b) => a * b, 1);
    let data: Float32Array = new Float32Array(n);
    if (shape.length === 4) data = rng.randn(n, 1 / Math.sqrt(3 * (n / shape[0]!)));
    else if (key.endsWith('linear.weight')) data = rng.randn(n, o.styleGain ?? 1);
    out.set(key, { shape, data });
  }
  return out;
}
