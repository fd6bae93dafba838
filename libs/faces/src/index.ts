/**
 * @styleclip/faces: dlib's HOG frontal face detector and its 68-point shape predictor, ported from dlib's C++
 * to TypeScript value for value, reading dlib's own model files (nothing in them is executed).
 */
export { FaceModelError, FaceInputError, type FaceModelErrorCode } from './errors';
export {
  DEBIAN_PREDICTOR_PATH,
  DEBIAN_DETECTOR_HEADER_PATH,
  PREDICTOR_ENV,
  DETECTOR_ENV,
  DEFAULT_UPSAMPLE,
  MAX_UPSAMPLE,
  MAX_DETECTION_PIXELS,
} from './limits';
export type { RgbImage } from './image';
export type { Rect } from './detector/rectangle';
export { FhogDetector, type Detection, type DetectOptions } from './detector/detect';
export { ShapePredictor, type Landmarks } from './landmarks/shape-predictor';
export { detectFaces, type Face } from './faces';
export {
  loadFaceDetector,
  loadShapePredictor,
  resolveDetectorPath,
  resolvePredictorPath,
} from './models/load';
export { parseFhogDetector, type FhogDetectorModel } from './models/detector-model';
export { parseShapePredictor, type ShapePredictorModel } from './models/shape-predictor-model';
export { serializedDetectorFromHeader } from './models/detector-header';
