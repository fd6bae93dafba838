import { FaceInputError } from '../errors';
import { checkRgbImage, type RgbImage } from '../image';
import { MAX_DETECTION_PIXELS, MAX_UPSAMPLE } from '../limits';
import type { FhogDetectorModel } from '../models/detector-model';
import { extractFhog, type FhogPlanes } from './fhog';
import { fhogToImage } from './fhog-geometry';
import { buildFilterBank, type FilterBank } from './filter-bank';
import { pyramidDown6, pyramidUp2, rectDown2, rectDown6, rectUp6 } from './pyramid';
import { FilterEngine } from './saliency';
import { Workspace } from './workspace';
import { centeredRect, intersect, rectArea, rectHeight, rectWidth, union, type Rect } from './rectangle';

/** One face found by the detector, in the coordinates of the photo given. */
export interface Detection {
  /** dlib rectangle (inclusive corners, integers). */
  box: Rect;
  /** dlib's detection confidence: the window's score minus the sub-detector's threshold. */
  score: number;
  /** Which sub-detector fired (dlib's frontal detector: 0 front, 1 left, 2 right, 3 front rotated left, 4 rotated right). */
  detector: number;
}

export interface DetectOptions {
  /**
   * Times the photo is doubled (dlib's `pyramid_up`) before scanning, as the Python binding's
   * `detector(img, upsample)` does; finds faces down to about 40 px instead of 80. Default 0 here; the CLI and
   * the alignment pipeline default to 1, as e4e does.
   */
  upsample?: number;
  /** Added to every sub-detector's threshold (dlib's `adjust_threshold`; the C++ `detector(img, t)` argument). */
  adjustThreshold?: number;
}

/**
 * dlib's `object_detector<scan_fhog_pyramid<pyramid_down<6>>>`: FHOG features over an image pyramid (each
 * level 5/6 of the previous), every sub-detector's filters slid over every level, windows scoring at least
 * their threshold kept, then greedy non-max suppression across sub-detectors, best score first.
 */
export class FhogDetector {
  private readonly banks: FilterBank[];
  private readonly engine: FilterEngine;
  private readonly ws: Workspace;
  /** Workspace allocations below this point (the filters) live as long as the detector. */
  private readonly base: number;

  constructor(readonly model: FhogDetectorModel) {
    this.banks = model.weights.map((w) => buildFilterBank(model, w));
    this.ws = new Workspace(model.filterWidth, model.filterHeight);
    this.engine = new FilterEngine(this.ws, this.banks, model.filterWidth, model.filterHeight);
    this.base = this.ws.mark;
  }

  /** The filters' rank-one term counts (for diagnostics and tests). */
  get separableFilterCounts(): number[] {
    return this.banks.map((b) => b.numSeparable);
  }

  detect(image: RgbImage, options: DetectOptions = {}): Detection[] {
    checkRgbImage(image, 'detect');
    const upsample = options.upsample ?? 0;
    const adjust = options.adjustThreshold ?? 0;
    if (!Number.isInteger(upsample) || upsample < 0 || upsample > MAX_UPSAMPLE) {
      throw new FaceInputError(`upsample must be an integer in 0…${MAX_UPSAMPLE}, got ${upsample}`);
    }
    if (!Number.isFinite(adjust)) throw new FaceInputError(`adjustThreshold must be finite, got ${adjust}`);
    const scanned = image.width * image.height * 4 ** upsample;
    if (scanned > MAX_DETECTION_PIXELS) {
      throw new FaceInputError(
        `a ${image.width}×${image.height} photo upsampled ${upsample}× is ${Math.round(scanned / 1e6)} M pixels, ` +
          `over the detector's limit of ${MAX_DETECTION_PIXELS / 1e6} M: use a smaller upsample or a smaller photo`,
      );
    }
    let img = image;
    let dets: Detection[];
    try {
      for (let i = 0; i < upsample; i++) img = pyramidUp2(this.ws, img);
      dets = this.scan(img, adjust);
    } finally {
      this.ws.release(this.base);
    }
    return upsample === 0 ? dets : dets.map((d) => ({ ...d, box: rectDown2(d.box, upsample) }));
  }

  /** object_detector::operator()(img, dets, adjust_threshold) on one image. */
  private scan(img: RgbImage, adjust: number): Detection[] {
    const m = this.model;
    const pyramid = this.featurePyramid(img);
    const boxWidth = m.filterWidth - 2 * m.padding;
    const boxHeight = m.filterHeight - 2 * m.padding;
    // dlib loops sub-detectors, then levels; levels outermost here (each level's planes are loaded once), with
    // each sub-detector's windows kept in dlib's order (level, row, column) until its sort.
    const found: Detection[][] = this.banks.map(() => []);
    pyramid.forEach((planes, level) => {
      const mark = this.ws.mark;
      this.engine.load(planes);
      this.banks.forEach((bank, detector) => {
        const thresh = bank.threshold + adjust;
        const s = this.engine.saliency(detector);
        for (let r = s.area.top; r <= s.area.bottom; r++) {
          for (let c = s.area.left; c <= s.area.right; c++) {
            const v = s.data[r * s.cols + c]!;
            if (v >= thresh) {
              const rect = fhogToImage(
                centeredRect(c, r, boxWidth, boxHeight),
                m.cellSize,
                m.filterHeight,
                m.filterWidth,
              );
              found[detector]!.push({ box: rectUp6(rect, level), score: v - bank.threshold, detector });
            }
          }
        }
      });
      this.ws.release(mark);
    });
    // dlib sorts each sub-detector's windows by score, best first (std::sort; ties are not ordered).
    const all: Detection[] = [];
    for (const f of found) all.push(...f.sort((a, b) => b.score - a.score));
    if (this.banks.length > 1) all.sort((a, b) => b.score - a.score);
    const kept: Detection[] = [];
    for (const d of all) if (!kept.some((k) => this.overlaps(k.box, d.box))) kept.push(d);
    return kept;
  }

  /** create_fhog_pyramid: level count from the image size, then FHOG of each pyramid_down<6> level. */
  private featurePyramid(img: RgbImage): FhogPlanes[] {
    const m = this.model;
    let levels = 0;
    let rect: Rect = { left: 0, top: 0, right: img.width - 1, bottom: img.height - 1 };
    do {
      rect = rectDown6(rect);
      levels++;
    } while (
      rectWidth(rect) >= m.minPyramidLayerWidth &&
      rectHeight(rect) >= m.minPyramidLayerHeight &&
      levels < m.maxPyramidLevels
    );
    const out: FhogPlanes[] = [extractFhog(this.ws, img, m.cellSize, m.filterHeight, m.filterWidth)];
    let level = img;
    for (let i = 1; i < levels; i++) {
      level = pyramidDown6(this.ws, level);
      out.push(extractFhog(this.ws, level, m.cellSize, m.filterHeight, m.filterWidth));
    }
    return out;
  }

  /** test_box_overlap: IoU above the threshold, or either box covered beyond the percent-covered threshold. */
  private overlaps(a: Rect, b: Rect): boolean {
    const inner = rectArea(intersect(a, b));
    if (inner === 0) return false;
    const outer = rectArea(union(a, b));
    return (
      inner / outer > this.model.iouThresh ||
      inner / rectArea(a) > this.model.percentCoveredThresh ||
      inner / rectArea(b) > this.model.percentCoveredThresh
    );
  }
}
