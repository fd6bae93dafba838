import type { ClipEntry } from '@styleclip/model-sets';
import {
  add,
  gradients,
  Graph,
  importOnnx,
  mul,
  reduceSum,
  reshape,
  slice,
  sub,
  type OnnxModel,
  type Tensor,
} from '@styleclip/onnx-graph';
import type { ModelSetManifest } from '@styleclip/model-sets';
import { clipLoss } from '../loss-graphs/clip-loss';
import { idLoss, type IdFeatures } from '../loss-graphs/id-loss';

export type LatentSpace = 'wplus' | 's';
export type OptimizeMode = 'edit' | 'free';

/** What decides the loss graph's structure (everything else is an input). */
export interface OptimizationGraphSpec {
  space: LatentSpace;
  mode: OptimizeMode;
  /** Whether the ID term is in the graph (edit mode with λ_ID > 0). */
  id: boolean;
  /** Shape of the optimized latent without the batch: [rows, D] (W+) or [ΣC] (S). */
  latentShape: number[];
  /** false: the loss terms only (a forward pass, e.g. the losses of the final latent). Default true. */
  gradient?: boolean;
}

export interface OptimizationGraphParts {
  manifest: ModelSetManifest;
  /** generator.onnx (W+) or synthesis.onnx (S). */
  generator: OnnxModel;
  clip: { entry: ClipEntry; model: OnnxModel };
  idFeatures?: IdFeatures;
}

/** The toRGB mask of S: 1 where the official code optimizes (non-toRGB layers), 0 on toRGB entries. */
export function trainableMask(manifest: ModelSetManifest): Float32Array {
  const layout = manifest.generator.sLayout;
  const width = layout.reduce((s, l) => s + l.channels, 0);
  const mask = new Float32Array(width);
  for (const l of layout) if (!l.toRgb) mask.fill(1, l.offset, l.offset + l.channels);
  return mask;
}

/**
 * The loss-and-gradient graph of `run_optimization.py`, one run per step. Inputs: `latent` [1,…] (W+ rows or
 * concatenated S), `text` [1,E] (raw CLIP text embedding); edit mode adds `latent_init`, `l2_lambda` [] and,
 * with the ID term, `id_target` [1,F] (unit ArcFace features of the starting image) and `id_lambda` [].
 * Outputs: `image` (raw), `clip`, `l2`, `id` (edit mode), `total` (scalars) and `grad` (d total/d latent;
 * zero on S's toRGB entries, which the official code never updates). Free generation: the loss is the CLIP
 * term alone and only the generator's first L rows of the latent are read.
 */
export function buildOptimizationGraph(spec: OptimizationGraphSpec, parts: OptimizationGraphParts): Graph {
  const g = new Graph(`optimize_${spec.space}_${spec.mode}${spec.id ? '_id' : ''}`);
  const latent = g.input('latent', 'float32', [1, ...spec.latentShape]);
  const text = g.input('text', 'float32', [1, parts.clip.entry.config.embedDim]);
  const nLatent = parts.manifest.generator.nLatent;
  let image: Tensor;
  if (spec.space === 'wplus') {
    const rows = spec.latentShape[0]!;
    const wplus = rows === nLatent ? latent : slice(latent, [0], [nLatent], [1]);
    image = importOnnx(g, parts.generator, { inputs: { wplus }, prefix: 'generator/' })['image']!;
  } else {
    image = importOnnx(g, parts.generator, { inputs: { s: latent }, prefix: 'synthesis/' })['image']!;
  }
  const scalar = (t: Tensor) => reshape(t, []);
  const clip = scalar(clipLoss(g, image, text, parts.clip));
  g.output(image, 'image');
  g.output(clip, 'clip');
  let total = clip;
  if (spec.mode === 'edit') {
    const init = g.input('latent_init', 'float32', [1, ...spec.latentShape]);
    const diff = sub(init, latent);
    const l2 = reduceSum(mul(diff, diff));
    total = add(total, mul(g.input('l2_lambda', 'float32', []), l2));
    g.output(l2, 'l2');
    if (spec.id) {
      if (!parts.idFeatures)
        throw new Error('buildOptimizationGraph: the ID term needs the model set’s ArcFace');
      const target = g.input('id_target', 'float32', [1, parts.idFeatures.dim]);
      const id = idLoss(parts.idFeatures.features(g, image), target);
      total = add(total, mul(g.input('id_lambda', 'float32', []), id));
      g.output(id, 'id');
    }
  }
  g.output(total, 'total');
  if (spec.gradient === false) return g;
  let [grad] = gradients(total, [latent]);
  if (spec.space === 's')
    grad = mul(grad!, g.initializer('trainable_mask', trainableMask(parts.manifest), [spec.latentShape[0]!]));
  g.output(grad!, 'grad');
  return g;
}
