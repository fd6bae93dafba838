import { adaptiveAvgPool2d } from '@styleclip/nn';
import {
  gradients,
  Graph,
  GraphBuildError,
  mul,
  reduceMean,
  reduceSum,
  reshape,
  slice,
  stopGradient,
  sub,
  type Tensor,
} from '@styleclip/onnx-graph';
import type { WeightMap } from '../weights';
import { arcfaceNetwork, type ArcFaceNetwork } from './backbone';
import type { ArcFaceConfig } from './config';

/** StyleCLIP `criteria/id_loss.py` constants: pool to 256 (only when the height differs), crop, pool to 112. */
export const ID_LOSS_GEOMETRY = {
  poolTo: 256,
  /** `x[:, :, 35:223, 32:220]`: rows and columns start at different offsets. */
  crop: { top: 35, bottom: 223, left: 32, right: 220 },
  faceSize: 112,
} as const;

/**
 * `IDLoss.extract_feats` before the network: if `x.shape[2] != 256` (only the height is tested)
 * AdaptiveAvgPool2d((256,256)); crop [35:223, 32:220] (188×188); AdaptiveAvgPool2d((112,112)) with its
 * overlapping windows. No normalization: raw generator output (about [-1, 1]) goes in.
 */
export function idLossInput(image: Tensor): Tensor {
  const h = image.shape[2];
  if (
    image.rank !== 4 ||
    image.shape[1] !== 3 ||
    typeof h !== 'number' ||
    typeof image.shape[3] !== 'number'
  ) {
    throw new GraphBuildError(
      `idLossInput: image ${image.name} must be [N,3,H,W] with static H, W, got [${image.shape.join(',')}]`,
    );
  }
  const { poolTo, crop, faceSize } = ID_LOSS_GEOMETRY;
  const pooled = h !== poolTo ? adaptiveAvgPool2d(image, [poolTo, poolTo]) : image;
  const cropped = slice(pooled, [crop.top, crop.left], [crop.bottom, crop.right], [2, 3]);
  return adaptiveAvgPool2d(cropped, [faceSize, faceSize]);
}

/** `IDLoss.extract_feats(x)`: preprocessing, then the network's L2-normalized features [N,E]. */
export function idFeatures(net: ArcFaceNetwork, image: Tensor): Tensor {
  if (net.config.inputSize !== ID_LOSS_GEOMETRY.faceSize) {
    throw new GraphBuildError(
      `idFeatures: IDLoss pools faces to 112, this ArcFace takes ${net.config.inputSize}`,
    );
  }
  return net(idLossInput(image)).features;
}

/**
 * `IDLoss.forward(y_hat, y)[0]` given the target's features: mean over the batch of 1 − ⟨f(ŷ_i), t_i⟩ (a scalar
 * []). The target features are detached (stopGradient), as the official `y_feats.detach()`. `targetFeatures`
 * [N,E] may be a graph input (computed once, e.g. of the start image of an optimization) or `idFeatures` of
 * another image of the same graph.
 */
export function idLoss(net: ArcFaceNetwork, image: Tensor, targetFeatures: Tensor): Tensor {
  const f = idFeatures(net, image);
  if (targetFeatures.rank !== 2 || targetFeatures.shape[1] !== net.config.embedding) {
    throw new GraphBuildError(
      `idLoss: target features ${targetFeatures.name} must be [N,${net.config.embedding}], got [${targetFeatures.shape.join(',')}]`,
    );
  }
  const similarity = reduceSum(mul(f, stopGradient(targetFeatures)), [1], false);
  return reduceMean(sub(1, similarity), [0], false);
}

/**
 * Appends the ID loss of `image` against `targetFeatures` to `g` (registering the ArcFace weights in it) and
 * returns the scalar loss. For an optimization or mapper-training graph: differentiate the total loss with
 * `gradients()`. To use the network more than once in a graph, build it once with `arcfaceNetwork` and call
 * `idLoss` / `idFeatures`.
 */
export function appendIdLoss(
  g: Graph,
  image: Tensor,
  targetFeatures: Tensor,
  weights: WeightMap,
  c: ArcFaceConfig,
): Tensor {
  return idLoss(arcfaceNetwork(g, weights, c), image, targetFeatures);
}

const imageShape = (size: number | readonly [number, number]) =>
  typeof size === 'number' ? [size, size] : size;

/** `image` [batch,3,H,W] → `features` [batch,E] = `extract_feats` (e.g. an optimization's target, once). */
export function buildIdFeaturesGraph(
  weights: WeightMap,
  c: ArcFaceConfig,
  size: number | readonly [number, number],
  name = 'id_features',
): Graph {
  const g = new Graph(name);
  const [h, w] = imageShape(size);
  const image = g.input('image', 'float32', ['batch', 3, h!, w!]);
  g.output(idFeatures(arcfaceNetwork(g, weights, c), image), 'features');
  return g;
}

/**
 * The standalone ID loss: inputs `y_hat` and `y` [batch,3,H,W] → outputs `loss` [1] (`IDLoss(y_hat, y)[0]`) and
 * `grad_y_hat` [batch,3,H,W] (d loss / d y_hat by reverse mode). y's features are computed forward only.
 */
export function buildIdLossGraph(
  weights: WeightMap,
  c: ArcFaceConfig,
  size: number | readonly [number, number],
  name = 'id_loss',
): Graph {
  const g = new Graph(name);
  const [h, w] = imageShape(size);
  const yHat = g.input('y_hat', 'float32', ['batch', 3, h!, w!]);
  const y = g.input('y', 'float32', ['batch', 3, h!, w!]);
  const net = arcfaceNetwork(g, weights, c);
  const loss = idLoss(net, yHat, idFeatures(net, y));
  const [grad] = gradients(loss, [yHat]);
  g.output(reshape(loss, [1]), 'loss');
  g.output(grad!, 'grad_y_hat');
  return g;
}
