import { equalLinear } from '@styleclip/nn';
import {
  add,
  concat,
  conv,
  Graph,
  GraphBuildError,
  leakyRelu,
  reshape,
  resize,
  unsqueeze,
  type Tensor,
} from '@styleclip/onnx-graph';
import { irseNetwork } from '../irse/network';
import { param, type WeightMap } from '../weights';
import { E4E_COARSE_IND, E4E_MIDDLE_IND, E4E_TAPS, e4eHeadConvs, type E4eConfig } from './config';

export interface E4eOutputs {
  /** `net.encoder(x)`: W+ codes [N,L,D] before `latent_avg`. */
  codes: Tensor;
  /** `styles[0](c3)`: the base code [N,D]. */
  w0: Tensor;
  /** Body outputs after units 6, 20, 23. */
  c1: Tensor;
  c2: Tensor;
  c3: Tensor;
}

const what = 'e4e encoder';

/**
 * `GradualStyleBlock`: stride-2 3×3 convs with bias, each followed by `nn.LeakyReLU()` (slope 0.01, no gain),
 * down to 1×1, then `EqualLinear(D, D)` without activation: x·(W/√D)ᵀ + b.
 */
function styleBlock(g: Graph, x: Tensor, weights: WeightMap, c: E4eConfig, i: number): Tensor {
  return g.scope(`styles.${i}`, () => {
    let h = x;
    for (let k = 0; k < e4eHeadConvs(c, i); k++) {
      const cin = k === 0 ? c.fpnWidth : c.styleDim;
      const w = param(g, weights, `styles.${i}.convs.${2 * k}.weight`, [c.styleDim, cin, 3, 3], what);
      const b = param(g, weights, `styles.${i}.convs.${2 * k}.bias`, [c.styleDim], what);
      h = leakyRelu(conv(h, w, b, { strides: [2, 2], pads: [1, 1, 1, 1] }), 0.01);
    }
    if (h.shape[2] !== 1 || h.shape[3] !== 1) {
      throw new GraphBuildError(
        `${what}: style head ${i} ends at [${h.shape.join(',')}], not 1×1 (input must be ${c.inputSize})`,
      );
    }
    const linear = {
      weight: param(g, weights, `styles.${i}.linear.weight`, [c.styleDim, c.styleDim], what),
      bias: param(g, weights, `styles.${i}.linear.bias`, [c.styleDim], what),
    };
    return equalLinear(reshape(h, [0, c.styleDim]), linear);
  });
}

/** `_upsample_add(x, y)`: bilinear `interpolate(x, size of y, align_corners=True)` + y. */
function upsampleAdd(x: Tensor, y: Tensor): Tensor {
  const sizes = [y.shape[2] as number, y.shape[3] as number];
  return add(resize(x, { sizes, mode: 'linear', coordinateTransformationMode: 'align_corners' }), y);
}

/**
 * `Encoder4Editing.forward` at the inference stage (every delta applied): images [N,3,256,256] (RGB in
 * [-1, 1]) → W+ codes [N,L,D] = w0 on every row plus, for i ≥ 1, the delta of head i on c3 (i < 3), on
 * p2 = up(c3) + latlayer1(c2) (i < 7) or on p1 = up(p2) + latlayer2(c1). Parameters are named by the
 * checkpoint keys without `encoder.` (call inside `g.scope('encoder', …)` for the full names).
 */
export function e4eEncoder(g: Graph, image: Tensor, weights: WeightMap, c: E4eConfig): E4eOutputs {
  const r = c.inputSize;
  if (image.rank !== 4 || image.shape[1] !== 3 || image.shape[2] !== r || image.shape[3] !== r) {
    throw new GraphBuildError(
      `${what}: input ${image.name} must be [N,3,${r},${r}], got [${image.shape.join(',')}]`,
    );
  }
  const body = irseNetwork(g, weights, c.body, what);
  const { taps } = body(image, { taps: [E4E_TAPS.c1, E4E_TAPS.c2, E4E_TAPS.c3] });
  const [c1, c2, c3] = [taps.get(E4E_TAPS.c1)!, taps.get(E4E_TAPS.c2)!, taps.get(E4E_TAPS.c3)!];
  const lateral = (name: string, x: Tensor) => {
    const cin = x.shape[1] as number;
    const w = param(g, weights, `${name}.weight`, [c.fpnWidth, cin, 1, 1], what);
    return conv(x, w, param(g, weights, `${name}.bias`, [c.fpnWidth], what));
  };
  const w0 = styleBlock(g, c3, weights, c, 0);
  const rows = [unsqueeze(w0, [1])];
  let features = c3;
  let p2: Tensor | undefined;
  for (let i = 1; i < c.styleCount; i++) {
    if (i === E4E_COARSE_IND)
      features = p2 = g.scope('fpn.p2', () => upsampleAdd(c3, lateral('latlayer1', c2)));
    else if (i === E4E_MIDDLE_IND)
      features = g.scope('fpn.p1', () => upsampleAdd(p2!, lateral('latlayer2', c1)));
    rows.push(unsqueeze(add(w0, styleBlock(g, features, weights, c, i)), [1]));
  }
  return { codes: concat(rows, 1), w0, c1, c2, c3 };
}

/**
 * The encoder model as pSp runs it: input `image` [batch,3,256,256] → outputs `wplus` [batch,L,D] = codes +
 * `latentAvg` (what `net(x, return_latents=True)` returns; pass zeros when `start_from_latent_avg` is off)
 * and `codes` (the raw encoder output).
 */
export function buildE4eEncoderGraph(
  weights: WeightMap,
  c: E4eConfig,
  latentAvg: Float32Array,
  name = 'e4e_encoder',
): Graph {
  if (latentAvg.length !== c.styleCount * c.styleDim) {
    throw new GraphBuildError(
      `${what}: latent_avg has ${latentAvg.length} values, expected [${c.styleCount},${c.styleDim}]`,
    );
  }
  const g = new Graph(name);
  const image = g.input('image', 'float32', ['batch', 3, c.inputSize, c.inputSize]);
  const { codes } = g.scope('encoder', () => e4eEncoder(g, image, weights, c));
  g.output(add(codes, g.initializer('latent_avg', latentAvg, [c.styleCount, c.styleDim])), 'wplus');
  g.output(codes, 'codes');
  return g;
}
