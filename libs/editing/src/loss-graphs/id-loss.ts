import { mul, reduceMean, reduceSum, sub, type Graph, type Tensor } from '@styleclip/onnx-graph';

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
 * The ID-loss feature extractor of a model set, or undefined when the set has no ArcFace. No model set has
 * one yet: the ArcFace importer is being built separately; until it lands, λ_ID > 0 fails with that message.
 */
export async function idFeaturesFor(_set: unknown): Promise<IdFeatures | undefined> {
  return undefined;
}
