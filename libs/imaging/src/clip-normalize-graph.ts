import { add, div, GraphBuildError, mul, sub, type Graph, type Tensor } from '@styleclip/onnx-graph';
import { CLIP_MEAN, CLIP_STD } from './clip-preprocess';

export interface ClipNormalizeOptions {
  /** Map the generator's [−1,1] to [0,1] first: (x+1)/2 (default true). */
  rescale?: boolean;
}

/**
 * The corrected CLIP-loss input (StyleCLIP issue #38): optionally (x+1)/2, then (x − mean)/std per channel.
 * Image [N,3,H,W]. Not what the official optimization/mapper code does (it feeds the raw [−1,1] pool).
 */
export function clipNormalizeGraph(g: Graph, image: Tensor, o: ClipNormalizeOptions = {}): Tensor {
  if (image.rank !== 4 || image.shape[1] !== 3) {
    throw new GraphBuildError(`clipNormalize: image must be [N,3,H,W], got ${image.toString()}`);
  }
  const x = (o.rescale ?? true) ? mul(add(image, 1), 0.5) : image;
  const mean = g.constant([...CLIP_MEAN], image.dtype, [1, 3, 1, 1]);
  const std = g.constant([...CLIP_STD], image.dtype, [1, 3, 1, 1]);
  return div(sub(x, mean), std);
}
