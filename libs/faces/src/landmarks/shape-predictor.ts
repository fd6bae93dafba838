import { FaceInputError } from '../errors';
import { checkRgbImage, type RgbImage } from '../image';
import type { Rect } from '../detector/rectangle';
import type { ShapePredictorModel } from '../models/shape-predictor-model';
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
    const { width, height, rgb } = image;
    const { initialShape, cascades } = this.model;
    const dim = initialShape.length;
    const shape = Float32Array.from(initialShape);
    const feats = this.features;
    // The box's unnormalizing transform: (0,0) → top-left corner, (1,1) → bottom-right corner.
    const sx = box.right - box.left;
    const sy = box.bottom - box.top;
    const tform = new Float64Array(4);
    for (const cascade of cascades) {
      similarityMatrix(initialShape, shape, tform);
      const [a, b, c, d] = tform as unknown as [number, number, number, number];
      const { anchor, deltas } = cascade;
      for (let i = 0; i < anchor.length; i++) {
        const dx = deltas[2 * i]!;
        const dy = deltas[2 * i + 1]!;
        const k = 2 * anchor[i]!;
        const px = f32(f32(f32(a * dx) + f32(b * dy)) + shape[k]!);
        const py = f32(f32(f32(c * dx) + f32(d * dy)) + shape[k + 1]!);
        const x = Math.floor(sx * px + box.left + 0.5);
        const y = Math.floor(sy * py + box.top + 0.5);
        if (x >= 0 && y >= 0 && x < width && y < height) {
          const o = (y * width + x) * 3;
          feats[i] = Math.trunc((rgb[o]! + rgb[o + 1]! + rgb[o + 2]!) / 3);
        } else {
          feats[i] = 0;
        }
      }
      const { idx1, idx2, thresh, splitOffset, leafOffset, leafValues, numTrees } = cascade;
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
    const parts: Landmarks = [];
    for (let i = 0; i < dim / 2; i++) {
      parts.push([
        Math.floor(sx * shape[2 * i]! + box.left + 0.5),
        Math.floor(sy * shape[2 * i + 1]! + box.top + 0.5),
      ]);
    }
    return parts;
  }
}
