import { ID_LOSS_GEOMETRY, idLossInput } from '@styleclip/architectures';
import { importOnnx, mul, reduceMean, reduceSum, sub, type Graph, type Tensor } from '@styleclip/onnx-graph';
import { EngineError } from '../components';
import type { ComponentGraphs } from './component-graphs';

/**
 * StyleCLIP's `IDLoss.extract_feats` followed by ArcFace and its L2 normalization, appended to a graph:
 * raw generator images [N,3,H,W] → unit features [N,F]. Provided by the model set's ArcFace.
 */
export interface IdFeatures {
  /** Feature width F. */
  readonly dim: number;
  /** Appends the feature extractor for `image` to `g`. */
  features(g: Graph, image: Tensor): Tensor;
}

/** `IDLoss.forward`: mean over the batch of 1 − ⟨f(ŷ)ᵢ, f(y)ᵢ⟩ (unit features; the target's are constants). */
export function idLoss(featuresHat: Tensor, featuresTarget: Tensor): Tensor {
  return reduceMean(sub(1, reduceSum(mul(featuresHat, featuresTarget), [1], false)), [0], false);
}

/**
 * The ID-loss feature extractor of a model set: `IDLoss.extract_feats` (`idLossInput`: pool to 256 when the
 * height differs, crop [35:223, 32:220], pool to 112) then the set's own `arcface.onnx` imported into the loss
 * graph (unit features). Undefined when the set has no ArcFace.
 */
export async function idFeaturesFor(graphs: ComponentGraphs): Promise<IdFeatures | undefined> {
  const entry = graphs.set.manifest.arcface;
  if (!entry) return undefined;
  if (entry.config.inputSize !== ID_LOSS_GEOMETRY.faceSize) {
    throw new EngineError(
      `the ID loss pools faces to ${ID_LOSS_GEOMETRY.faceSize}px; this ArcFace takes ${entry.config.inputSize}px`,
      'unsupported_model',
    );
  }
  const model = await graphs.arcface();
  return {
    dim: entry.config.embedding,
    features: (g, image) =>
      importOnnx(g, model, { inputs: { image: idLossInput(image) }, prefix: 'arcface/' })['features']!,
  };
}
