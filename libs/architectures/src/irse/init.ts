import type { GaussianRandom } from '@styleclip/latent-math';
import type { Weight } from '../weights';
import { irseWeightShapes, type IrSeConfig } from './config';

/**
 * Random backbone weights with PyTorch's default initialization scales: conv weights with the standard
 * deviation of `kaiming_uniform_(a=√5)` (1/√(3·fan_in), drawn Gaussian), BatchNorm at its defaults
 * (γ 1, β 0, running mean 0, variance 1), PReLU slopes 0.25. Draws from `rng` in key order.
 */
export function randomIrSeWeights(c: IrSeConfig, rng: GaussianRandom): Map<string, Weight> {
  const out = new Map<string, Weight>();
  for (const [key, shape] of irseWeightShapes(c)) {
    const n = shape.reduce((a, b) => a * b, 1);
    let data: Float32Array = new Float32Array(n); // BatchNorm bias and running mean
    if (shape.length === 4) data = rng.randn(n, 1 / Math.sqrt(3 * (n / shape[0]!)));
    else if (/(input_layer|res_layer)\.2\.weight$/.test(key))
      data.fill(0.25); // PReLU slopes
    else if (key.endsWith('.weight') || key.endsWith('.running_var')) data.fill(1);
    out.set(key, { shape, data });
  }
  return out;
}
