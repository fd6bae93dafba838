import { ImageError } from '../errors';
import { LANCZOS, resizePillow, type Pixels8 } from '../resample';
import { ALIGN_LIMITS, E4E_ALIGNMENT, LANDMARKS } from './limits';
import { hypot, rint } from './numpy-math';
import { padAndBlur, type Pad } from './pad-blur';
import { quadTransform, type Quad } from './quad-transform';

type Vec = [number, number];

export interface AlignOptions {
  /** Side of the returned image (e4e: 256, FFHQ: 1024). */
  outputSize?: number;
  /** Side of the QUAD transform before the final ANTIALIAS resize (e4e: 256, FFHQ: 4096). */
  transformSize?: number;
  /** The padding branch (reflect, blur, median blend) when the quad leaves the photo. Default true. */
  enablePadding?: boolean;
  /** Keep the image handed to the transform (after shrink, crop and padding) in the result. */
  keepPretransform?: boolean;
}

/** Every intermediate of the official computation, named as in the official code (for parity checks). */
export interface AlignTrace {
  eyeLeft: Vec;
  eyeRight: Vec;
  eyeAvg: Vec;
  eyeToEye: Vec;
  mouthLeft: Vec;
  mouthRight: Vec;
  mouthAvg: Vec;
  eyeToMouth: Vec;
  x: Vec;
  y: Vec;
  c: Vec;
  quadInitial: Quad;
  qsizeInitial: number;
  shrink: number;
  /** Size after the shrink (null when there was none). */
  shrunkSize: Vec | null;
  border: number;
  crop: [number, number, number, number];
  cropped: boolean;
  padRaw: [number, number, number, number];
  padApplied: [number, number, number, number] | null;
  blurSigma: number | null;
  median: number[] | null;
  quadFinal: Quad;
  /** `(quad + 0.5).flatten()`: what Pillow's transform receives. */
  transformData: number[];
  pretransformSize: Vec;
}

/** An aligned face and where it came from, enough to paste an edit of it back (see `pasteBack`). */
export interface FaceAlignment {
  image: Pixels8;
  outputSize: number;
  transformSize: number;
  /**
   * The aligned image's footprint in the photo: the output's unit square [0,1]² maps to photo pixel
   * coordinates (pixel centres at integers) through the bilinear quad map of these corners (NW, SW, SE, NE).
   * It folds in the shrink, crop and pad steps, including the shrink's rounding of the image size.
   */
  quad: Quad;
  photoWidth: number;
  photoHeight: number;
  trace: AlignTrace;
  pretransform?: Pixels8;
}

function mean(lm: readonly Vec[], from: number, to: number): Vec {
  // np.mean(axis=0): a sequential float64 sum over rows, then a division.
  let x = 0;
  let y = 0;
  for (let i = from; i < to; i++) {
    x += lm[i]![0];
    y += lm[i]![1];
  }
  return [x / (to - from), y / (to - from)];
}

const add = (a: Vec, b: Vec): Vec => [a[0] + b[0], a[1] + b[1]];
const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1]];
const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k];
const mapQuad = (q: Quad, f: (p: Vec) => Vec): Quad => q.map(f) as Quad;

function checkLandmarks(landmarks: ArrayLike<ArrayLike<number>>): Vec[] {
  if (landmarks.length !== LANDMARKS.count) {
    throw new RangeError(`alignment needs ${LANDMARKS.count} landmarks (iBUG 68), got ${landmarks.length}`);
  }
  return Array.from(landmarks, (p, i) => {
    if (p.length !== 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new RangeError(`landmark ${i} must be two finite numbers [x, y]`);
    }
    return [p[0]!, p[1]!] as Vec;
  });
}

/**
 * FFHQ face alignment exactly as omertov/encoder4editing `utils/alignment.py` `align_face` (defaults:
 * output and transform size 256) or NVlabs' FFHQ `recreate_aligned_images` (`FFHQ_ALIGNMENT`: 4096 then
 * 1024): an oriented square from the eyes and mouth corners, shrink (Pillow LANCZOS) when the face is large,
 * crop, reflect-pad with blur and median blend when the square leaves the photo, Pillow's QUAD bilinear
 * transform, and the final LANCZOS resize when the sizes differ. Landmarks are (x, y) in iBUG-68 order, in
 * photo pixels (dlib's integers or floats). The photo must be 8-bit RGB.
 */
export function alignFace(
  photo: Pixels8,
  landmarks: ArrayLike<ArrayLike<number>>,
  options: AlignOptions = {},
): FaceAlignment {
  const outputSize = options.outputSize ?? E4E_ALIGNMENT.outputSize;
  const transformSize = options.transformSize ?? outputSize;
  const enablePadding = options.enablePadding ?? true;
  for (const [name, v] of [
    ['outputSize', outputSize],
    ['transformSize', transformSize],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > ALIGN_LIMITS.maxTransformSize) {
      throw new RangeError(`${name} must be an integer in 1…${ALIGN_LIMITS.maxTransformSize}, got ${v}`);
    }
  }
  if (outputSize > transformSize)
    throw new RangeError(`outputSize ${outputSize} exceeds transformSize ${transformSize}`);
  if (photo.channels !== 3 || photo.data.length !== photo.width * photo.height * 3) {
    throw new RangeError(`alignment needs an RGB image (${photo.width}×${photo.height}×${photo.channels})`);
  }
  const lm = checkLandmarks(landmarks);

  // Auxiliary vectors.
  const eyeLeft = mean(lm, LANDMARKS.leftEye[0], LANDMARKS.leftEye[1]);
  const eyeRight = mean(lm, LANDMARKS.rightEye[0], LANDMARKS.rightEye[1]);
  const eyeAvg = scale(add(eyeLeft, eyeRight), 0.5);
  const eyeToEye = sub(eyeRight, eyeLeft);
  const mouthLeft = lm[LANDMARKS.mouthLeft]!;
  const mouthRight = lm[LANDMARKS.mouthRight]!;
  const mouthAvg = scale(add(mouthLeft, mouthRight), 0.5);
  const eyeToMouth = sub(mouthAvg, eyeAvg);

  // Oriented crop rectangle: x = eye_to_eye − flipud(eye_to_mouth)·[−1, 1], normalized, scaled.
  let x: Vec = [eyeToEye[0] - eyeToMouth[1] * -1, eyeToEye[1] - eyeToMouth[0] * 1];
  const norm = hypot(x[0], x[1]);
  x = [x[0] / norm, x[1] / norm];
  const len = Math.max(hypot(eyeToEye[0], eyeToEye[1]) * 2.0, hypot(eyeToMouth[0], eyeToMouth[1]) * 1.8);
  x = [x[0] * len, x[1] * len];
  const y: Vec = [x[1] * -1, x[0] * 1];
  const c = add(eyeAvg, scale(eyeToMouth, 0.1));
  const quadInitial: Quad = [sub(sub(c, x), y), add(sub(c, x), y), add(add(c, x), y), sub(add(c, x), y)];
  let quad = quadInitial;
  let qsize = hypot(x[0], x[1]) * 2;
  const qsizeInitial = qsize;
  if (!(qsize >= 8))
    throw new RangeError(`the face is too small to align (quad side ${qsize.toFixed(1)} px)`);

  let img: Pixels8 = photo;
  // Shrink.
  const shrink = Math.floor((qsize / outputSize) * 0.5);
  let shrunkSize: Vec | null = null;
  if (shrink > 1) {
    shrunkSize = [rint(img.width / shrink), rint(img.height / shrink)];
    img = resizePillow(img, shrunkSize[0], shrunkSize[1], LANCZOS);
    quad = mapQuad(quad, (p) => [p[0] / shrink, p[1] / shrink]);
    qsize /= shrink;
  }

  // Crop.
  const border = Math.max(rint(qsize * 0.1), 3);
  const qx = quad.map((p) => p[0]);
  const qy = quad.map((p) => p[1]);
  const bounds = () =>
    [
      Math.floor(Math.min(...qx)),
      Math.floor(Math.min(...qy)),
      Math.ceil(Math.max(...qx)),
      Math.ceil(Math.max(...qy)),
    ] as const;
  let [b0, b1, b2, b3] = bounds();
  const crop: [number, number, number, number] = [
    Math.max(b0 - border, 0),
    Math.max(b1 - border, 0),
    Math.min(b2 + border, img.width),
    Math.min(b3 + border, img.height),
  ];
  if (crop[2] - crop[0] < 2 || crop[3] - crop[1] < 2) {
    throw new RangeError('the face quad lies outside the photo (landmarks outside the image?)');
  }
  const cropped = crop[2] - crop[0] < img.width || crop[3] - crop[1] < img.height;
  if (cropped) {
    img = cropImage(img, crop);
    quad = mapQuad(quad, (p) => [p[0] - crop[0], p[1] - crop[1]]);
    for (let i = 0; i < 4; i++) {
      qx[i] = quad[i]![0];
      qy[i] = quad[i]![1];
    }
  }

  // Pad.
  [b0, b1, b2, b3] = bounds();
  const padRaw: [number, number, number, number] = [
    Math.max(-b0 + border, 0),
    Math.max(-b1 + border, 0),
    Math.max(b2 - img.width + border, 0),
    Math.max(b3 - img.height + border, 0),
  ];
  let padApplied: [number, number, number, number] | null = null;
  let blurSigma: number | null = null;
  let median: number[] | null = null;
  if (enablePadding && Math.max(...padRaw) > border - 4) {
    const minPad = rint(qsize * 0.3);
    padApplied = padRaw.map((p) => Math.max(p, minPad)) as [number, number, number, number];
    const paddedPixels =
      (img.width + padApplied[0] + padApplied[2]) * (img.height + padApplied[1] + padApplied[3]);
    if (paddedPixels > ALIGN_LIMITS.maxPaddedPixels) {
      throw new ImageError(
        'too_many_pixels',
        `alignment would pad the photo to ${paddedPixels} pixels (limit ${ALIGN_LIMITS.maxPaddedPixels})`,
      );
    }
    blurSigma = qsize * 0.02;
    const taps = paddedPixels * 3 * (Math.trunc(4 * blurSigma + 0.5) + 1);
    if (taps > ALIGN_LIMITS.maxBlurTaps) {
      throw new ImageError(
        'too_many_pixels',
        `the padding blur of this alignment would take ${taps.toExponential(1)} operations (limit ${ALIGN_LIMITS.maxBlurTaps.toExponential(1)}): use a smaller output size`,
      );
    }
    const padded = padAndBlur(img, padApplied as Pad, blurSigma);
    img = padded.image;
    median = padded.median;
    const [pl, pt] = padApplied;
    quad = mapQuad(quad, (p) => [p[0] + pl, p[1] + pt]);
  }

  // Transform.
  const transformData = quad.flatMap((p) => [p[0] + 0.5, p[1] + 0.5]);
  let out = quadTransform(img, transformSize, transformData);
  if (outputSize < transformSize) out = resizePillow(out, outputSize, outputSize, LANCZOS);

  // Footprint in the photo: undo pad and crop (integer shifts), then the shrink resize's true scale (the
  // official code divides by `shrink`, but the image was resized to rint(W/shrink), so its pixels are
  // W/rint(W/shrink) photo pixels wide, centre to centre).
  const [pl, pt] = padApplied ?? [0, 0];
  let footprint = mapQuad(quad, (p) => [
    p[0] - pl + (cropped ? crop[0] : 0),
    p[1] - pt + (cropped ? crop[1] : 0),
  ]);
  if (shrunkSize) {
    const sx = photo.width / shrunkSize[0];
    const sy = photo.height / shrunkSize[1];
    footprint = mapQuad(footprint, (p) => [(p[0] + 0.5) * sx - 0.5, (p[1] + 0.5) * sy - 0.5]);
  }

  const trace: AlignTrace = {
    eyeLeft,
    eyeRight,
    eyeAvg,
    eyeToEye,
    mouthLeft,
    mouthRight,
    mouthAvg,
    eyeToMouth,
    x,
    y,
    c,
    quadInitial,
    qsizeInitial,
    shrink,
    shrunkSize,
    border,
    crop,
    cropped,
    padRaw,
    padApplied,
    blurSigma,
    median,
    quadFinal: quad,
    transformData,
    pretransformSize: [img.width, img.height],
  };
  return {
    image: out,
    outputSize,
    transformSize,
    quad: footprint,
    photoWidth: photo.width,
    photoHeight: photo.height,
    trace,
    ...(options.keepPretransform ? { pretransform: img } : {}),
  };
}

/** Pillow `img.crop(box)` for a box inside the image. */
function cropImage(img: Pixels8, [l, t, r, b]: [number, number, number, number]): Pixels8 {
  const w = r - l;
  const h = b - t;
  const C = img.channels;
  const out = new Uint8Array(w * h * C);
  for (let y = 0; y < h; y++)
    out.set(img.data.subarray(((t + y) * img.width + l) * C, ((t + y) * img.width + r) * C), y * w * C);
  return { data: out, width: w, height: h, channels: C };
}
