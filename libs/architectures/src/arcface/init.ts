import { GaussianRandom } from '@styleclip/latent-math';
import { randomIrSeWeights } from '../irse/init';
import type { Weight } from '../weights';
import { arcfaceWeightShapes, type ArcFaceConfig } from './config';

/**
 * Random ArcFace weights (presets and tests): the body as `randomIrSeWeights`, BatchNorms at their defaults,
 * the Linear with PyTorch's default scale (std 1/√(3·in)), zero bias.
 */
export function randomArcFaceWeights(c: ArcFaceConfig, seed: number): Map<string, Weight> {
  const rng = new GaussianRandom(seed);
  const out = randomIrSeWeights(c.body, rng);
  for (const [key, shape] of arcfaceWeightShapes(c)) {
    if (out.has(key)) continue;
    const n = shape.reduce((a, b) => a * b, 1);
    let data: Float32Array = new Float32Array(n);
    if (key === 'output_layer.3.weight') data = rng.randn(n, 1 / Math.sqrt(3 * shape[1]!));
    else if (key.endsWith('.weight') || key.endsWith('.running_var')) data.fill(1);
    out.set(key, { shape, data });
  }
  return out;
}
