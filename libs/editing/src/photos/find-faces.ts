import { detectFaces, MAX_DETECTION_PIXELS, type Rect } from '@styleclip/faces';
import { alignFace, type FaceAlignment, type Pixels8 } from '@styleclip/imaging';
import { EngineError } from '../components';
import type { FaceModels } from './face-models';

/** A photo as decoded: 8-bit RGB, interleaved (`decodeImage`'s `rgb`, `width`, `height`). */
export interface Photo {
  rgb: Uint8Array;
  width: number;
  height: number;
}

/** A face of a photo, aligned for the encoder. */
export interface PhotoFace {
  /** Position in dlib's order (best score first) among the faces kept. */
  index: number;
  /** dlib rectangle in photo pixels (inclusive corners). */
  box: Rect;
  /** dlib's detection confidence. */
  score: number;
  /** iBUG 68 landmarks in photo pixels (dlib's integers). */
  landmarks: [number, number][];
  /** The aligned face (e4e: 256², transform 256) and its footprint quad in the photo. */
  alignment: FaceAlignment;
}

export interface FindFacesOptions {
  /** Side of the aligned faces: the encoder's input size (256 for e4e; the transform size is the same, as e4e's). */
  alignSize: number;
  /** Keep at most this many faces (the best-scoring ones). */
  maxFaces: number;
  /** Detections scoring below this are dropped (dlib keeps everything above 0; see `DEFAULT_MIN_FACE_SCORE`). */
  minScore?: number;
  /** dlib `pyramid_up` count; default `upsampleFor(width, height)`. */
  upsample?: number;
}

export interface FoundFaces {
  faces: PhotoFace[];
  /** Faces detected at or above `minScore` (more than `faces.length` when `maxFaces` cut the list). */
  detected: number;
  /** Detections refused by the alignment (a face too small or too close to the border to align), with why. */
  unaligned: { box: Rect; score: number; reason: string }[];
  upsample: number;
}

/**
 * dlib's weakest detections are mostly not faces: on `shared/fixtures/faces`, every real face scores above 1.1
 * with one upsample, and the false detections (patterns on a space suit, a shirt) 0.06–0.12. Detections under
 * this score are dropped; callers can lower it to look harder.
 */
export const DEFAULT_MIN_FACE_SCORE = 0.3;

/**
 * Photos up to this many pixels are upsampled once before detection, as e4e's `get_landmark` does (dlib then
 * finds faces down to about 40 px); larger photos are scanned at their size (faces from about 80 px), which keeps
 * a 16-megapixel photo under `MAX_DETECTION_PIXELS` and its scan to a few seconds.
 */
export const UPSAMPLE_MAX_PIXELS = 4_000_000;

export function upsampleFor(width: number, height: number): number {
  return width * height <= UPSAMPLE_MAX_PIXELS && 4 * width * height <= MAX_DETECTION_PIXELS ? 1 : 0;
}

/**
 * Every face of a photo: dlib's HOG detector and 68 landmarks, then FFHQ/e4e alignment of each at the encoder's
 * input size. Synchronous (dlib's scan is CPU work): a 1100×560 photo takes about 0.4 s with one upsample.
 */
export function findFaces(photo: Photo, models: FaceModels, o: FindFacesOptions): FoundFaces {
  if (!Number.isInteger(o.maxFaces) || o.maxFaces < 1)
    throw new EngineError(`maxFaces must be a positive integer, got ${o.maxFaces}`, 'bad_parameter');
  const minScore = o.minScore ?? DEFAULT_MIN_FACE_SCORE;
  if (!Number.isFinite(minScore))
    throw new EngineError(`minScore must be a finite number, got ${minScore}`, 'bad_parameter');
  const upsample = o.upsample ?? upsampleFor(photo.width, photo.height);
  const detections = detectFaces(photo, models, { upsample }).filter((d) => d.score >= minScore);
  const pixels: Pixels8 = { data: photo.rgb, width: photo.width, height: photo.height, channels: 3 };
  const faces: PhotoFace[] = [];
  const unaligned: FoundFaces['unaligned'] = [];
  for (const d of detections) {
    if (faces.length === o.maxFaces) break;
    let alignment: FaceAlignment;
    try {
      alignment = alignFace(pixels, d.landmarks, { outputSize: o.alignSize, transformSize: o.alignSize });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      unaligned.push({ box: d.box, score: d.score, reason: e.message });
      continue;
    }
    faces.push({
      index: faces.length,
      box: d.box,
      score: d.score,
      landmarks: d.landmarks.map((p) => [p[0], p[1]] as [number, number]),
      alignment,
    });
  }
  return { faces, detected: detections.length - unaligned.length, unaligned, upsample };
}
