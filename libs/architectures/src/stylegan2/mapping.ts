import { equalLinear, pixelNorm } from '@styleclip/nn';
import { add, Graph, mul, sub, type Tensor } from '@styleclip/onnx-graph';
import { param, type WeightMap } from '../weights';
import type { StyleGAN2Config } from './config';

/** z [N,D] → w [N,D]: PixelNorm, then nMlp EqualLinear layers (lr_mul on weight and bias, fused lrelu). */
export function mappingNetwork(g: Graph, z: Tensor, weights: WeightMap, c: StyleGAN2Config): Tensor {
  let x = pixelNorm(z, 1);
  for (let i = 1; i <= c.nMlp; i++) {
    const weight = param(g, weights, `style.${i}.weight`, [c.styleDim, c.styleDim], 'generator');
    const bias = param(g, weights, `style.${i}.bias`, [c.styleDim], 'generator');
    x = equalLinear(x, { weight, bias }, { lrMul: c.lrMul, activation: 'fused_lrelu' });
  }
  return x;
}

/** w' = avg + ψ·(w − avg): truncation toward `avg` ([D]), applied before broadcasting to W+. */
export function truncate(w: Tensor, avg: Tensor, psi: Tensor): Tensor {
  return add(avg, mul(psi, sub(w, avg)));
}

/**
 * The mapping model: inputs `z` [N,D] and `truncation` [1] (ψ; 1 = none), output `w` [N,D]. Truncation pulls
 * toward the checkpoint's `latent_avg`.
 */
export function buildMappingGraph(weights: WeightMap, c: StyleGAN2Config): Graph {
  const g = new Graph('stylegan2_mapping');
  const z = g.input('z', 'float32', ['batch', c.styleDim]);
  const psi = g.input('truncation', 'float32', [1]);
  const w = mappingNetwork(g, z, weights, c);
  const avg = param(g, weights, 'latent_avg', [c.styleDim], 'generator');
  g.output(truncate(w, avg, psi), 'w');
  return g;
}
