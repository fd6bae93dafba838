import {
  concat,
  conv,
  expandAs,
  gather,
  Graph,
  GraphBuildError,
  matmul,
  reshape,
  slice,
  transpose,
  add,
  type Tensor,
} from '@styleclip/onnx-graph';
import { param, type WeightMap } from '../weights';
import { visionGrid, visionTokens, type ClipConfig } from './config';
import { clipLayerNorm, clipTransformer } from './transformer';

/**
 * `encode_image` of a ViT CLIP: image [N,3,R,R] (already normalized) → [N, embedDim], not L2-normalized.
 * Patch conv (stride = patch, no bias), class token + positional embedding, ln_pre, the residual blocks,
 * ln_post on the class token, then x·visual.proj (a plain [width, embed] matrix). Every op on the image path
 * has a gradient rule, so a loss graph can differentiate the embedding w.r.t. the image.
 */
export function clipImageEncoder(g: Graph, image: Tensor, weights: WeightMap, c: ClipConfig): Tensor {
  const r = c.imageResolution;
  if (image.rank !== 4 || image.shape[1] !== 3 || image.shape[2] !== r || image.shape[3] !== r) {
    throw new GraphBuildError(
      `clipImageEncoder: image ${image.name} must be [N,3,${r},${r}], got [${image.shape.join(',')}]`,
    );
  }
  const w = c.visionWidth;
  const p = c.visionPatchSize;
  const grid = visionGrid(c);
  const what = 'CLIP image encoder';
  // [N,W,g,g] → [N,g²,W], patches in row-major (y, x) order.
  const patches = conv(image, param(g, weights, 'visual.conv1.weight', [w, 3, p, p], what), undefined, {
    strides: [p, p],
  });
  const tokens = transpose(reshape(patches, [0, w, grid * grid]), [0, 2, 1]);
  const cls = reshape(param(g, weights, 'visual.class_embedding', [w], what), [1, 1, w]);
  const clsBatch = expandAs(cls, slice(tokens, [0], [1], [1]));
  let x = add(
    concat([clsBatch, tokens], 1),
    param(g, weights, 'visual.positional_embedding', [visionTokens(c), w], what),
  );
  x = clipLayerNorm(g, x, weights, 'visual.ln_pre', w);
  x = clipTransformer(g, x, weights, 'visual.transformer', {
    width: w,
    heads: c.visionHeads,
    layers: c.visionLayers,
  });
  const first = gather(x, g.constant(0, 'int64'), 1);
  const pooled = clipLayerNorm(g, first, weights, 'visual.ln_post', w);
  return matmul(pooled, param(g, weights, 'visual.proj', [w, c.embedDim], what));
}

/** The image model: input `image` [batch,3,R,R] (normalized pixels) → output `embedding` [batch,E]. */
export function buildClipImageGraph(weights: WeightMap, c: ClipConfig, name = 'clip_image'): Graph {
  const g = new Graph(name);
  const image = g.input('image', 'float32', ['batch', 3, c.imageResolution, c.imageResolution]);
  g.output(clipImageEncoder(g, image, weights, c), 'embedding');
  return g;
}
