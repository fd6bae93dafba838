import { layerNorm, linear, multiHeadAttention, quickGelu } from '@styleclip/nn';
import { add, type Graph, type Tensor } from '@styleclip/onnx-graph';
import { param, type WeightMap } from '../weights';

const WHAT = 'CLIP';

/** LayerNorm `<key>.weight/.bias` over the last axis (eps 1e-5). */
export function clipLayerNorm(g: Graph, x: Tensor, weights: WeightMap, key: string, width: number): Tensor {
  return layerNorm(x, {
    weight: param(g, weights, `${key}.weight`, [width], WHAT),
    bias: param(g, weights, `${key}.bias`, [width], WHAT),
  });
}

/**
 * CLIP's ResidualAttentionBlock, pre-LN, batch first [N,L,D]: h = x + attn(ln_1(x)),
 * out = h + c_proj(QuickGELU(c_fc(ln_2(h)))). `prefix` is e.g. `visual.transformer.resblocks.0`.
 */
export function residualAttentionBlock(
  g: Graph,
  x: Tensor,
  weights: WeightMap,
  prefix: string,
  o: { width: number; heads: number; mask?: Tensor },
): Tensor {
  const d = o.width;
  const p = (key: string, shape: number[]) => param(g, weights, `${prefix}.${key}`, shape, WHAT);
  const attn = multiHeadAttention(
    clipLayerNorm(g, x, weights, `${prefix}.ln_1`, d),
    {
      inProjWeight: p('attn.in_proj_weight', [3 * d, d]),
      inProjBias: p('attn.in_proj_bias', [3 * d]),
      outProjWeight: p('attn.out_proj.weight', [d, d]),
      outProjBias: p('attn.out_proj.bias', [d]),
    },
    o.mask ? { heads: o.heads, mask: o.mask } : { heads: o.heads },
  );
  const h = add(x, attn);
  const hidden = linear(clipLayerNorm(g, h, weights, `${prefix}.ln_2`, d), {
    weight: p('mlp.c_fc.weight', [4 * d, d]),
    bias: p('mlp.c_fc.bias', [4 * d]),
  });
  const mlp = linear(quickGelu(hidden), {
    weight: p('mlp.c_proj.weight', [d, 4 * d]),
    bias: p('mlp.c_proj.bias', [d]),
  });
  return add(h, mlp);
}

/** `layers` residual attention blocks `<prefix>.resblocks.{i}`. */
export function clipTransformer(
  g: Graph,
  x: Tensor,
  weights: WeightMap,
  prefix: string,
  o: { width: number; heads: number; layers: number; mask?: Tensor },
): Tensor {
  let h = x;
  for (let i = 0; i < o.layers; i++) h = residualAttentionBlock(g, h, weights, `${prefix}.resblocks.${i}`, o);
  return h;
}
