import type { Detection, DetectOptions, FhogDetector } from './detector/detect';
import type { RgbImage } from './image';
import { DEFAULT_UPSAMPLE } from './limits';
import type { Landmarks, ShapePredictor } from './landmarks/shape-predictor';

/** A detected face with its landmarks, all in the photo's pixel coordinates. */
export interface Face extends Detection {
  landmarks: Landmarks;
}

/**
 * Detection then landmarks on every box, in dlib's order (best score first after non-max suppression): what
 * e4e's `get_landmark` computes, for every face instead of only the last one. `upsample` defaults to
 * `DEFAULT_UPSAMPLE` (1, e4e's); `FhogDetector.detect` alone defaults to 0, as dlib does.
 */
export function detectFaces(
  image: RgbImage,
  models: { detector: FhogDetector; predictor: ShapePredictor },
  options: DetectOptions = {},
): Face[] {
  const dets = models.detector.detect(image, { upsample: DEFAULT_UPSAMPLE, ...options });
  return dets.map((d) => ({ ...d, landmarks: models.predictor.predict(image, d.box) }));
}
