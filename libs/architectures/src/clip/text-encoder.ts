import { causalMask } from '@styleclip/nn';
import {
  add,
  argMax,
  cast,
  equal,
  gather,
  Graph,
  GraphBuildError,
  matmul,
  reshape,
  unsqueeze,
  type Tensor,
} from '@styleclip/onnx-graph';
import { param, type WeightMap } from '../weights';
import type { ClipConfig } from './config';
import { clipLayerNorm, clipTransformer } from './transformer';

/**
 * `encode_text`: ids [N, contextLength] (int64 or int32) → [N, embedDim], not L2-normalized. Token embedding
 * (Gather) + positional embedding, the causal residual blocks, ln_final, the feature at the EOT position
 * (argmax of the ids, first maximum: EOT 49407 is the largest id), then x·text_projection.
 */
export function clipTextEncoder(g: Graph, ids: Tensor, weights: WeightMap, c: ClipConfig): Tensor {
  const L = c.contextLength;
  if (ids.rank !== 2 || ids.shape[1] !== L || (ids.dtype !== 'int64' && ids.dtype !== 'int32')) {
    throw new GraphBuildError(
      `clipTextEncoder: ids ${ids.name} must be int64 [N,${L}], got ${ids.dtype} [${ids.shape.join(',')}]`,
    );
  }
  const w = c.transformerWidth;
  const what = 'CLIP text encoder';
  const table = param(g, weights, 'token_embedding.weight', [c.vocabSize, w], what);
  let x = add(gather(table, ids, 0), param(g, weights, 'positional_embedding', [L, w], what));
  x = clipTransformer(g, x, weights, 'transformer', {
    width: w,
    heads: c.transformerHeads,
    layers: c.transformerLayers,
    mask: causalMask(g, L),
  });
  x = clipLayerNorm(g, x, weights, 'ln_final', w);
  // EOT pooling as a one-hot [N,1,L] · x [N,L,W] (exact, and differentiable w.r.t. x). ArgMax runs on int32:
  // not every runtime has an int64 ArgMax.
  const eot = argMax(ids.dtype === 'int32' ? ids : cast(ids, 'int32'), 1);
  const positions = g.constant(
    Array.from({ length: L }, (_, i) => i),
    'int64',
    [L],
  );
  const oneHot = cast(equal(unsqueeze(eot, [1]), positions), 'float32');
  const pooled = reshape(matmul(unsqueeze(oneHot, [1]), x), [0, w]);
  return matmul(pooled, param(g, weights, 'text_projection', [w, c.embedDim], what));
}

/** The text model: input `ids` int64 [batch, contextLength] → output `embedding` [batch, E]. */
export function buildClipTextGraph(weights: WeightMap, c: ClipConfig, name = 'clip_text'): Graph {
  const g = new Graph(name);
  const ids = g.input('ids', 'int64', ['batch', c.contextLength]);
  g.output(clipTextEncoder(g, ids, weights, c), 'embedding');
  return g;
}
