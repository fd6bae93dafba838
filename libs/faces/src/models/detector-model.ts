import { FaceModelError } from '../errors';
import { MODEL_LIMITS } from '../limits';
import { DlibReader } from '../serialization/byte-reader';
import { fhogWindowSize } from '../detector/fhog-geometry';

/** FHOG planes of dlib's `default_fhog_feature_extractor`. */
export const FHOG_PLANES = 31;

/**
 * dlib's `object_detector<scan_fhog_pyramid<pyramid_down<6>>>` as stored: the scanner's configuration, the
 * non-max-suppression overlap test and one weight vector per sub-detector.
 */
export interface FhogDetectorModel {
  cellSize: number;
  padding: number;
  windowWidth: number;
  windowHeight: number;
  maxPyramidLevels: number;
  minPyramidLayerWidth: number;
  minPyramidLayerHeight: number;
  /** Filter size in cells (dlib's `compute_fhog_window_size`). */
  filterWidth: number;
  filterHeight: number;
  /** test_box_overlap: IoU and percent-covered thresholds. */
  iouThresh: number;
  percentCoveredThresh: number;
  /** Per sub-detector: FHOG_PLANES · filterHeight · filterWidth weights (plane-major, row-major) then the threshold. */
  weights: Float64Array[];
}

/** Parses a serialized `object_detector<scan_fhog_pyramid<pyramid_down<6>>>` (versions 1 and 2). */
export function parseFhogDetector(bytes: Uint8Array, source: string): FhogDetectorModel {
  const r = new DlibReader(bytes, source);
  const version = r.leadingVersion('object_detector', 'a dlib HOG detector');
  if (version !== 1 && version !== 2) {
    throw new FaceModelError(
      'unsupported',
      `${source}: object_detector version ${version} (expected 1 or 2): is this a dlib HOG detector?`,
    );
  }
  const scanner = readScanner(r);
  const dims = FHOG_PLANES * scanner.filterWidth * scanner.filterHeight;
  let overlap: { iou: number; covered: number };
  const weights: Float64Array[] = [];
  if (version === 1) {
    weights.push(readWeights(r, dims, 0));
    overlap = readOverlap(r);
  } else {
    overlap = readOverlap(r);
    const n = r.count('number of detectors', MODEL_LIMITS.maxDetectors, 2);
    for (let i = 0; i < n; i++) weights.push(readWeights(r, dims, i));
  }
  if (weights.length === 0) r.fail('number of detectors', 'the detector has no weight vectors');
  r.end('object_detector');
  return { ...scanner, iouThresh: overlap.iou, percentCoveredThresh: overlap.covered, weights };
}

function readScanner(
  r: DlibReader,
): Omit<FhogDetectorModel, 'iouThresh' | 'percentCoveredThresh' | 'weights'> {
  const version = r.int('scan_fhog_pyramid version');
  if (version !== 1)
    throw new FaceModelError('unsupported', `${r.source}: scan_fhog_pyramid version ${version} (expected 1)`);
  // The feature extractor has no state; then the scanner's cached feature pyramid, empty in a saved model.
  const maxSize = r.uint('cached feature pyramid max size');
  const size = r.uint('cached feature pyramid size');
  if (size !== 0 || maxSize > 1e6)
    r.fail('cached feature pyramid', `expected an empty pyramid, got ${size} levels`);
  const cellSize = r.int('cell_size');
  const padding = r.uint('padding');
  const windowWidth = r.uint('window_width');
  const windowHeight = r.uint('window_height');
  const maxPyramidLevels = r.uint('max_pyramid_levels');
  const minPyramidLayerWidth = r.uint('min_pyramid_layer_width');
  const minPyramidLayerHeight = r.uint('min_pyramid_layer_height');
  r.double('nuclear_norm_regularization_strength');
  const dims = r.int('number of dimensions', 8);
  const L = MODEL_LIMITS;
  if (cellSize < 1 || cellSize > L.maxCellSize)
    r.fail('cell_size', `${cellSize} is outside 1…${L.maxCellSize}`);
  if (
    windowWidth < 1 ||
    windowHeight < 1 ||
    windowWidth > L.maxWindowSize ||
    windowHeight > L.maxWindowSize
  ) {
    r.fail('detection window', `${windowWidth}×${windowHeight} is outside 1…${L.maxWindowSize}`);
  }
  if (padding > L.maxFilterCells) r.fail('padding', `${padding} exceeds ${L.maxFilterCells}`);
  if (maxPyramidLevels < 1) r.fail('max_pyramid_levels', 'must be at least 1');
  const { width, height } = fhogWindowSize(windowWidth, windowHeight, cellSize, padding);
  if (width < 1 || height < 1 || width > L.maxFilterCells || height > L.maxFilterCells) {
    r.fail('detection window', `filter of ${width}×${height} cells is outside 1…${L.maxFilterCells}`);
  }
  if (dims !== FHOG_PLANES * width * height) {
    r.fail(
      'number of dimensions',
      `${dims} does not match ${FHOG_PLANES} planes of ${width}×${height} cells`,
    );
  }
  return {
    cellSize,
    padding,
    windowWidth,
    windowHeight,
    maxPyramidLevels,
    minPyramidLayerWidth,
    minPyramidLayerHeight,
    filterWidth: width,
    filterHeight: height,
  };
}

function readOverlap(r: DlibReader): { iou: number; covered: number } {
  const iou = r.double('overlap test iou_thresh');
  const covered = r.double('overlap test percent_covered_thresh');
  if (!(iou >= 0 && iou <= 1 && covered >= 0 && covered <= 1)) {
    r.fail('overlap test', `thresholds ${iou}, ${covered} are outside [0, 1]`);
  }
  return { iou, covered };
}

function readWeights(r: DlibReader, dims: number, index: number): Float64Array {
  const field = `detector ${index} weights`;
  const n = r.columnVector(field, dims + 1);
  if (n !== dims + 1) r.fail(field, `${n} values, expected ${dims + 1} (filters and threshold)`);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = r.double(field);
  return w;
}
