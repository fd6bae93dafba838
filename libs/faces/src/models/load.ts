import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FaceModelError } from '../errors';
import {
  DEBIAN_DETECTOR_HEADER_PATH,
  DEBIAN_PREDICTOR_PATH,
  DETECTOR_ENV,
  MAX_DETECTOR_FILE_BYTES,
  MAX_DETECTOR_HEADER_BYTES,
  MAX_PREDICTOR_FILE_BYTES,
  PREDICTOR_ENV,
} from '../limits';
import { FhogDetector } from '../detector/detect';
import { ShapePredictor } from '../landmarks/shape-predictor';
import { serializedDetectorFromHeader } from './detector-header';
import { parseFhogDetector } from './detector-model';
import { parseShapePredictor } from './shape-predictor-model';

/** The landmark model path: the argument, else $STYLECLIP_FACE_PREDICTOR, else Debian's libdlib-data file. */
export function resolvePredictorPath(path?: string): string {
  return resolve(path || process.env[PREDICTOR_ENV] || DEBIAN_PREDICTOR_PATH);
}

/** The detector path: the argument, else $STYLECLIP_FACE_DETECTOR, else Debian's libdlib-dev header. */
export function resolveDetectorPath(path?: string): string {
  return resolve(path || process.env[DETECTOR_ENV] || DEBIAN_DETECTOR_HEADER_PATH);
}

async function readBounded(path: string, maxBytes: number, what: string, hint: string): Promise<Buffer> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new FaceModelError('not_found', `${what} ${path} is not a file. ${hint}`);
    size = s.size;
  } catch (e) {
    if (e instanceof FaceModelError) throw e;
    throw new FaceModelError(
      'not_found',
      `no ${what} at ${path} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}). ${hint}`,
    );
  }
  if (size > maxBytes) {
    throw new FaceModelError('too_large', `${what} ${path} is ${size} bytes, over the limit of ${maxBytes}`);
  }
  return readFile(path);
}

const PREDICTOR_HINT = `Install Debian's libdlib-data, or pass --predictor FILE / set ${PREDICTOR_ENV} to dlib's shape_predictor_68_face_landmarks.dat.`;
const DETECTOR_HINT = `Install Debian's libdlib-dev (it ships the detector in ${DEBIAN_DETECTOR_HEADER_PATH}), or set ${DETECTOR_ENV} to that header or to a file written by dlib's serialize(detector).`;

const cache = new Map<string, Promise<unknown>>();

/** Loads once per path, size and modification time (parsing the 100 MB landmark model takes about a second). */
async function cached<T>(path: string, load: () => Promise<T>): Promise<T> {
  const s = await stat(path).catch(() => undefined);
  const key = `${path}\0${s?.size}\0${s?.mtimeMs}`;
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** dlib's 68-point (or any) `shape_predictor` from a `.dat` file. */
export function loadShapePredictor(path?: string): Promise<ShapePredictor> {
  const file = resolvePredictorPath(path);
  return cached(`predictor:${file}`, async () => {
    const bytes = await readBounded(file, MAX_PREDICTOR_FILE_BYTES, 'landmark model', PREDICTOR_HINT);
    return new ShapePredictor(parseShapePredictor(bytes, file));
  });
}

const HEADER_MARKER = Buffer.from('get_serialized_frontal_faces');

/**
 * dlib's HOG face detector, from dlib's `frontal_face_detector.h` (the data embedded in it) or from a file
 * written by dlib's `serialize(object_detector<scan_fhog_pyramid<pyramid_down<6>>>)`. The pyramid type is not
 * stored in the file; pyramid_down<6> (the frontal detector's, and dlib's trainer default) is assumed.
 */
export function loadFaceDetector(path?: string): Promise<FhogDetector> {
  const file = resolveDetectorPath(path);
  return cached(`detector:${file}`, async () => {
    const bytes = await readBounded(
      file,
      Math.max(MAX_DETECTOR_FILE_BYTES, MAX_DETECTOR_HEADER_BYTES),
      'face detector',
      DETECTOR_HINT,
    );
    const serialized = bytes.includes(HEADER_MARKER)
      ? serializedDetectorFromHeader(bytes.toString('latin1'), file)
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    return new FhogDetector(parseFhogDetector(serialized, file));
  });
}
