import { FaceModelError } from '../errors';
import { MODEL_LIMITS } from '../limits';
import { DlibReader } from '../serialization/byte-reader';

/** One cascade level of dlib's `shape_predictor`: a forest of regression trees and its feature pixels. */
export interface Cascade {
  numTrees: number;
  /** Per tree: first split index (into the split arrays) and first leaf row (into `leafValues`); numTrees + 1 entries. */
  splitOffset: Uint32Array;
  leafOffset: Uint32Array;
  /** Split i compares feature pixels idx1[i] and idx2[i]: go left when value1 − value2 > thresh[i]. */
  idx1: Uint32Array;
  idx2: Uint32Array;
  thresh: Float32Array;
  /** Leaf shape increments, one row of 2·numParts floats per leaf. */
  leafValues: Float32Array;
  /** Feature pixels: the initial-shape landmark each is anchored to, and its offset from it (x, y). */
  anchor: Uint32Array;
  deltas: Float32Array;
}

/** dlib's `shape_predictor` (Kazemi & Sullivan's ensemble of regression trees), as stored. */
export interface ShapePredictorModel {
  numParts: number;
  /** Mean shape in the box-normalized frame [0,1]², interleaved x, y. */
  initialShape: Float32Array;
  cascades: Cascade[];
}

/** Parses a serialized `dlib::shape_predictor` (version 1), checking every size and index. */
export function parseShapePredictor(bytes: Uint8Array, source: string): ShapePredictorModel {
  const L = MODEL_LIMITS;
  const r = new DlibReader(bytes, source);
  const version = r.leadingVersion('shape_predictor', 'a dlib landmark model');
  if (version !== 1) {
    throw new FaceModelError(
      'unsupported',
      `${source}: shape_predictor version ${version} (expected 1): is this a dlib landmark model?`,
    );
  }
  const dim = r.columnVector('initial_shape', 2 * L.maxParts);
  if (dim === 0 || dim % 2 !== 0) r.fail('initial_shape', `length ${dim} is not a positive even number`);
  const initialShape = new Float32Array(dim);
  r.floats('initial_shape', initialShape, 0, dim);

  const numCascades = r.count('number of cascades', L.maxCascades, 1);
  const forests: Omit<Cascade, 'anchor' | 'deltas'>[] = [];
  for (let c = 0; c < numCascades; c++) forests.push(readForest(r, c, dim));

  const numAnchorLists = r.count('anchor_idx', L.maxCascades, 1);
  if (numAnchorLists !== numCascades)
    r.fail('anchor_idx', `${numAnchorLists} lists for ${numCascades} cascades`);
  const anchors: Uint32Array[] = [];
  for (let c = 0; c < numCascades; c++) {
    const n = r.count(`cascade ${c} anchor_idx`, L.maxFeaturePixels, 2);
    const a = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = r.uint(`cascade ${c} anchor_idx`);
      if (v >= dim / 2) r.fail(`cascade ${c} anchor_idx`, `landmark ${v} does not exist (${dim / 2} parts)`);
      a[i] = v;
    }
    anchors.push(a);
  }
  const numDeltaLists = r.count('deltas', L.maxCascades, 1);
  if (numDeltaLists !== numCascades) r.fail('deltas', `${numDeltaLists} lists for ${numCascades} cascades`);
  const cascades: Cascade[] = [];
  for (let c = 0; c < numCascades; c++) {
    const n = r.count(`cascade ${c} deltas`, L.maxFeaturePixels, 4);
    if (n !== anchors[c]!.length)
      r.fail(`cascade ${c} deltas`, `${n} offsets for ${anchors[c]!.length} anchors`);
    const deltas = new Float32Array(2 * n);
    r.floats(`cascade ${c} deltas`, deltas, 0, 2 * n);
    const forest = forests[c]!;
    for (let i = 0; i < forest.idx1.length; i++) {
      if (forest.idx1[i]! >= n || forest.idx2[i]! >= n) {
        r.fail(
          `cascade ${c} split ${i}`,
          `feature pixel ${Math.max(forest.idx1[i]!, forest.idx2[i]!)} does not exist (${n} pixels)`,
        );
      }
    }
    cascades.push({ ...forest, anchor: anchors[c]!, deltas });
  }
  r.end('shape_predictor');
  return { numParts: dim / 2, initialShape, cascades };
}

function readForest(r: DlibReader, c: number, dim: number): Omit<Cascade, 'anchor' | 'deltas'> {
  const L = MODEL_LIMITS;
  const numTrees = r.count(`cascade ${c} trees`, L.maxTreesPerCascade, 2);
  const splitOffset = new Uint32Array(numTrees + 1);
  const leafOffset = new Uint32Array(numTrees + 1);
  // Splits and leaves are read per tree, then packed; most models have equal trees so this stays small.
  const idx1: number[] = [];
  const idx2: number[] = [];
  const thresh: number[] = [];
  const leaves: Float32Array[] = [];
  let totalLeaves = 0;
  for (let t = 0; t < numTrees; t++) {
    const field = `cascade ${c} tree ${t}`;
    const numSplits = r.count(`${field} splits`, L.maxLeavesPerTree - 1, 4);
    for (let s = 0; s < numSplits; s++) {
      idx1.push(r.uint(`${field} split idx1`));
      idx2.push(r.uint(`${field} split idx2`));
      thresh.push(r.float(`${field} split thresh`));
    }
    const numLeaves = r.count(`${field} leaves`, L.maxLeavesPerTree, 4);
    if (numLeaves !== numSplits + 1 || (numLeaves & (numLeaves - 1)) !== 0) {
      r.fail(`${field} leaves`, `${numLeaves} leaves for ${numSplits} splits (need a full binary tree)`);
    }
    const values = new Float32Array(numLeaves * dim);
    for (let l = 0; l < numLeaves; l++) {
      const n = r.columnVector(`${field} leaf ${l}`, dim);
      if (n !== dim) r.fail(`${field} leaf ${l}`, `${n} values, expected ${dim}`);
      r.floats(`${field} leaf ${l}`, values, l * dim, dim);
    }
    leaves.push(values);
    splitOffset[t + 1] = idx1.length;
    leafOffset[t + 1] = totalLeaves += numLeaves;
  }
  const leafValues = new Float32Array(totalLeaves * dim);
  for (let t = 0; t < numTrees; t++) leafValues.set(leaves[t]!, leafOffset[t]! * dim);
  return {
    numTrees,
    splitOffset,
    leafOffset,
    idx1: Uint32Array.from(idx1),
    idx2: Uint32Array.from(idx2),
    thresh: Float32Array.from(thresh),
    leafValues,
  };
}
