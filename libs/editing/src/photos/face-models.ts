import {
  DEBIAN_DETECTOR_HEADER_PATH,
  DEBIAN_PREDICTOR_PATH,
  DETECTOR_ENV,
  FaceModelError,
  loadFaceDetector,
  loadShapePredictor,
  PREDICTOR_ENV,
  type FhogDetector,
  type ShapePredictor,
} from '@styleclip/faces';
import { EngineError } from '../components';

/** dlib's face detector and 68-point landmark model: what finds and aligns the faces of a photo. */
export interface FaceModels {
  detector: FhogDetector;
  predictor: ShapePredictor;
}

/** Where the face models are: a file each, or undefined for the default (environment variable, then Debian). */
export interface FaceModelPaths {
  /** dlib's `shape_predictor_68_face_landmarks.dat` (default: $STYLECLIP_FACE_PREDICTOR, then libdlib-data's). */
  predictor?: string | undefined;
  /** dlib's `frontal_face_detector.h` or a serialized detector (default: $STYLECLIP_FACE_DETECTOR, then libdlib-dev's). */
  detector?: string | undefined;
}

/**
 * Loads both models (parsed once per file in the process: about a second for the 100 MB landmark model). A missing
 * or unreadable model is an `EngineError` with code `no_face_models` whose message names the file, the variable
 * that chooses it and the Debian package that ships it.
 */
export async function loadFaceModels(paths: FaceModelPaths = {}): Promise<FaceModels> {
  const [detector, predictor] = await Promise.all([
    loadFaceDetector(paths.detector).catch((e: unknown) => {
      throw modelError(e, 'face detector', DETECTOR_ENV, 'libdlib-dev', DEBIAN_DETECTOR_HEADER_PATH);
    }),
    loadShapePredictor(paths.predictor).catch((e: unknown) => {
      throw modelError(e, 'landmark model', PREDICTOR_ENV, 'libdlib-data', DEBIAN_PREDICTOR_PATH);
    }),
  ]);
  return { detector, predictor };
}

function modelError(e: unknown, what: string, variable: string, pkg: string, debianPath: string): unknown {
  if (!(e instanceof FaceModelError)) return e;
  return new EngineError(
    `photo inversion needs dlib's ${what} (${variable}, or Debian's ${pkg} at ${debianPath}): ${e.message}`,
    'no_face_models',
  );
}
