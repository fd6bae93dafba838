import { FaceInputError } from '../errors';
import { checkRgbImage, type RgbImage } from '../image';
import type { Rect } from '../detector/rectangle';
import type { Cascade, ShapePredictorModel } from '../models/shape-predictor-model';
import { similarityMatrix } from './similarity';

const f32 = Math.fround;

/** Landmarks as dlib returns them: integer [x, y] pixel positions, in the model's part order. */
export type Landmarks = Array<[number, number]>;

/**
 * dlib's `shape_predictor::operator()(img, rect)`: start from the mean shape placed in the box; each cascade
 * samples its feature pixels (intensity (r+g+b)/3, truncated, 0 outside the photo) at offsets that follow
 * the current shape through a similarity transform, and adds the leaves its trees select. In float where dlib
 * uses float; the result rounded to integer pixels.
 */
export class ShapePredictor {
  private readonly features: Float32Array;

  constructor(readonly model: ShapePredictorModel) {
    this.features = new Float32Array(Math.max(0, ...model.cascades.map((c) => c.anchor.length)));
  }

  get numParts(): number {
    return this.model.numParts;
  }

  predict(image: RgbImage, box: Rect): Landmarks {
    checkRgbImage(image, 'predict');
    for (const k of ['left', 'top', 'right', 'bottom'] as const) {
      if (!Number.isSafeInteger(box[k]))
        throw new FaceInputError(`box.${k} must be an integer, got ${box[k]}`);
    }
    const { initialShape, cascades } = this.model;
    const shape = Float32Array.from(initialShape);
    const tform = new Float64Array(4);
    for (const cascade of cascades) {
      similarityMatrix(initialShape, shape, tform);
      sampleFeatures(cascade, shape, tform, image, box, this.features);
      applyForest(cascade, this.features, shape);
    }
    // The box's unnormalizing transform: (0,0) → top-left corner, (1,1) → bottom-right corner.
    const sx = box.right - box.left;
    const sy = box.bottom - box.top;
    const parts: Landmarks = [];
    for (let i = 0; i < shape.length / 2; i++) {
      parts.push([
        Math.floor(sx * shape[2 * i]! + box.left + 0.5),
        Math.floor(sy * shape[2 * i + 1]! + box.top + 0.5),
      ]);
    }
    return parts;
  }
}

/**
 * dlib's `extract_feature_pixel_values`: each feature pixel is its anchor landmark of the current shape plus
 * the reference offset turned by the similarity transform (float), mapped into the box (double), rounded;
 * its value the pixel's intensity (r+g+b)/3 truncated, or 0 outside the photo.
 */
function sampleFeatures(
  cascade: Cascade,
  shape: Float32Array,
  tform: Float64Array,
  image: RgbImage,
  box: Rect,
  out: Float32Array,
): void {
  const { width, height, rgb } = image;
  const { anchor, deltas } = cascade;
  const a = tform[0]!;
  const b = tform[1]!;
  const c = tform[2]!;
  const d = tform[3]!;
  const sx = box.right - box.left;
  const sy = box.bottom - box.top;
  const left = box.left;
  const top = box.top;
  for (let i = 0; i < anchor.length; i++) {
    const dx = deltas[2 * i]!;
    const dy = deltas[2 * i + 1]!;
    const k = 2 * anchor[i]!;
    const px = f32(f32(f32(a * dx) + f32(b * dy)) + shape[k]!);
    const py = f32(f32(f32(c * dx) + f32(d * dy)) + shape[k + 1]!);
    const x = Math.floor(sx * px + left + 0.5);
    const y = Math.floor(sy * py + top + 0.5);
    if (x >= 0 && y >= 0 && x < width && y < height) {
      const o = (y * width + x) * 3;
      out[i] = Math.trunc((rgb[o]! + rgb[o + 1]! + rgb[o + 2]!) / 3);
    } else {
      out[i] = 0;
    }
  }
}

/** Every tree of the cascade: walk the splits (left when value1 − value2 > thresh), add the leaf to the shape. */
function applyForest(cascade: Cascade, feats: Float32Array, shape: Float32Array): void {
  const { idx1, idx2, thresh, splitOffset, leafOffset, leafValues, numTrees } = cascade;
  const dim = shape.length;
  for (let t = 0; t < numTrees; t++) {
    const s0 = splitOffset[t]!;
    const numSplits = splitOffset[t + 1]! - s0;
    let node = 0;
    while (node < numSplits) {
      const s = s0 + node;
      node = feats[idx1[s]!]! - feats[idx2[s]!]! > thresh[s]! ? 2 * node + 1 : 2 * node + 2;
    }
    const leaf = (leafOffset[t]! + node - numSplits) * dim;
    for (let j = 0; j < dim; j++) shape[j] = shape[j]! + leafValues[leaf + j]!;
  }
}
