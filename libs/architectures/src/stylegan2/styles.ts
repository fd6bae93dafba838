import { equalLinear } from '@styleclip/nn';
import { concat, gather, Graph, type Tensor } from '@styleclip/onnx-graph';
import { param, type WeightMap } from '../weights';
import type { StyleGAN2Config } from './config';
import { nLatent } from './config';
import { sLayout } from './layout';

/** W+ [N,L,D] → one S tensor [N,C] per layer, in StyleSpace order (the modulation affines, lr_mul 1). */
export function stylesFromWPlus(g: Graph, wplus: Tensor, weights: WeightMap, c: StyleGAN2Config): Tensor[] {
  return sLayout(c).map((layer) => {
    const w = gather(wplus, g.constant(layer.wIndex, 'int64'), 1);
    const weight = param(
      g,
      weights,
      `${layer.module}.conv.modulation.weight`,
      [layer.channels, c.styleDim],
      'generator',
    );
    const bias = param(g, weights, `${layer.module}.conv.modulation.bias`, [layer.channels], 'generator');
    return equalLinear(w, { weight, bias }, { lrMul: 1 });
  });
}

/** The styles model: `wplus` [N,L,D] → `s` [N,ΣC], every layer (toRGB included) concatenated. */
export function buildStylesGraph(weights: WeightMap, c: StyleGAN2Config): Graph {
  const g = new Graph('stylegan2_styles');
  const wplus = g.input('wplus', 'float32', ['batch', nLatent(c), c.styleDim]);
  const s = concat(stylesFromWPlus(g, wplus, weights, c), 1);
  g.output(s, 's');
  return g;
}
