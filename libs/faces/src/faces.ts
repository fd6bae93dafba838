import type { Detection, DetectOptions, FhogDetector } from './detector/detect';
import type { RgbImage } from './image';
import type { Landmarks, ShapePredictor } from './landmarks/shape-predictor';

/** A detected face with its landmarks, all in the photo's pixel coordinates. */
export interface Face extends Detection {
  landmarks: Landmarks;
}

/**
 * Detection then landmarks on every box, in dlib's order (best score first after non-max suppression): what
 * e4e's `get_landmark` computes, for every face instead of only the last one.
 */
export function detectFaces(
  image: RgbImage,
  models: { detector: FhogDetector; predictor: ShapePredictor },
  options: DetectOptions = {},
): Face[] {
  return models.detector
    .detect(image, options)
    .map((d) => ({ ...d, landmarks: models.predictor.predict(image, d.box) }));
}
