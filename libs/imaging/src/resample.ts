// Pillow-compatible separable bicubic resampling of 8-bit images (the semantics of Pillow's
// ImagingResample for uint8 modes): per-output-pixel coefficient windows, the Keys cubic (a = −0.5)
// widened by the scale when downscaling, coefficients normalized to sum 1 and quantized to 22-bit fixed
// point, a horizontal pass then a vertical pass, each rounding and clamping to uint8.

const PRECISION_BITS = 22;
const ONE = 2 ** PRECISION_BITS;
const HALF = 2 ** (PRECISION_BITS - 1);
const BICUBIC_SUPPORT = 2;

/** Keys cubic convolution kernel with a = −0.5 (same expression order as Pillow, so the same doubles). */
export function bicubicKernel(x: number): number {
  const a = -0.5;
  if (x < 0) x = -x;
  if (x < 1) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

/** Per-output-pixel source windows and fixed-point weights for one axis. */
export interface Coefficients {
  /** First source index per output pixel. */
  start: Int32Array;
  /** Window length per output pixel. */
  count: Int32Array;
  /** Weights, `ksize` slots per output pixel (unused slots 0), as 22-bit fixed point integers. */
  weights: Int32Array;
  /** Unquantized weights (normalized to sum 1), same layout. */
  exact: Float64Array;
  ksize: number;
}

/** Coefficient windows resampling `inSize` source pixels (the span [in0, in1)) to `outSize` pixels. */
export function precomputeCoefficients(inSize: number, outSize: number, in0 = 0, in1 = inSize): Coefficients {
  const scale = (in1 - in0) / outSize;
  const filterScale = Math.max(scale, 1);
  const support = BICUBIC_SUPPORT * filterScale;
  const ksize = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const exact = new Float64Array(outSize * ksize);
  const weights = new Int32Array(outSize * ksize);
  const ss = 1.0 / filterScale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = in0 + (xx + 0.5) * scale;
    // C's (int) cast truncates toward zero.
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    const base = xx * ksize;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      const w = bicubicKernel((x + xmin - center + 0.5) * ss);
      exact[base + x] = w;
      ww += w;
    }
    for (let x = 0; x < xmax; x++) {
      if (ww !== 0) exact[base + x]! /= ww;
      const k = exact[base + x]!;
      weights[base + x] = k < 0 ? Math.trunc(-0.5 + k * ONE) : Math.trunc(0.5 + k * ONE);
    }
    start[xx] = xmin;
    count[xx] = xmax;
  }
  return { start, count, weights, exact, ksize };
}

/** Fixed-point accumulator → uint8: arithmetic shift right by 22, clamped to [0, 255]. */
function clip8(acc: number): number {
  const v = Math.floor(acc / ONE);
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Interleaved 8-bit pixels. */
export interface Pixels8 {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/**
 * One 1-D pass of the separable filter over `src` laid out as [lines][inLength][lanes]: each output sample
 * `o` of a line and lane is HALF + Σₖ src[(start[o] + k)·lanes + lane]·weight[k] (k ascending), rounded and
 * clamped to uint8. Horizontal: lines = rows, lanes = channels. Vertical: one line, lanes = row stride.
 */
function filter1d(
  data: Uint8Array,
  lines: number,
  inLength: number,
  outLength: number,
  lanes: number,
  c: Coefficients,
): Uint8Array {
  const out = new Uint8Array(lines * outLength * lanes);
  for (let line = 0; line < lines; line++) {
    const inBase = line * inLength * lanes;
    const outBase = line * outLength * lanes;
    for (let o = 0; o < outLength; o++) {
      const min = c.start[o]!;
      const n = c.count[o]!;
      const base = o * c.ksize;
      for (let lane = 0; lane < lanes; lane++) {
        let acc = HALF;
        for (let k = 0; k < n; k++) acc += data[inBase + (min + k) * lanes + lane]! * c.weights[base + k]!;
        out[outBase + o * lanes + lane] = clip8(acc);
      }
    }
  }
  return out;
}

function horizontal(src: Pixels8, outWidth: number, c: Coefficients): Pixels8 {
  const { width, height, channels: ch, data } = src;
  return { data: filter1d(data, height, width, outWidth, ch, c), width: outWidth, height, channels: ch };
}

function vertical(src: Pixels8, outHeight: number, c: Coefficients): Pixels8 {
  const { width, height, channels: ch, data } = src;
  return {
    data: filter1d(data, 1, height, outHeight, width * ch, c),
    width,
    height: outHeight,
    channels: ch,
  };
}

/**
 * Bicubic resize of interleaved 8-bit pixels with Pillow's semantics (`Image.resize(size, BICUBIC)` on an
 * 8-bit mode, no box, no reducing gap): horizontal pass then vertical, each rounded and clamped to uint8;
 * an axis whose size does not change is not resampled. Channels are treated independently (premultiply
 * alpha yourself, see `resizeRgbaPillow`).
 */
export function resizeBicubic(src: Pixels8, outWidth: number, outHeight: number): Pixels8 {
  if (!Number.isInteger(outWidth) || !Number.isInteger(outHeight) || outWidth < 1 || outHeight < 1) {
    throw new RangeError(
      `resizeBicubic: output size must be positive integers, got ${outWidth}×${outHeight}`,
    );
  }
  if (src.data.length !== src.width * src.height * src.channels) {
    throw new RangeError(
      `resizeBicubic: ${src.data.length} bytes for ${src.width}×${src.height}×${src.channels}`,
    );
  }
  let img = src;
  if (outWidth !== src.width) img = horizontal(img, outWidth, precomputeCoefficients(src.width, outWidth));
  if (outHeight !== src.height) img = vertical(img, outHeight, precomputeCoefficients(src.height, outHeight));
  return img === src ? { ...src, data: src.data.slice() } : img;
}

/** Pillow's MULDIV255: round(a·b/255) in integers. */
function mulDiv255(a: number, b: number): number {
  const t = a * b + 128;
  return ((t >> 8) + t) >> 8;
}

/**
 * Pillow's RGBA resize: convert to premultiplied RGBa (MULDIV255), resize all four bands, convert back
 * (c·255/α truncated and clamped; α = 0 or 255 kept as is), so fully transparent pixels end up black.
 * Like Pillow, an unchanged size returns a copy without the premultiply round trip.
 */
export function resizeRgbaPillow(src: Pixels8, outWidth: number, outHeight: number): Pixels8 {
  if (src.channels !== 4) throw new RangeError(`resizeRgbaPillow: needs 4 channels, got ${src.channels}`);
  if (outWidth === src.width && outHeight === src.height) return { ...src, data: src.data.slice() };
  const pre = new Uint8Array(src.data.length);
  const d = src.data;
  for (let i = 0; i < d.length; i += 4) {
    const a = d[i + 3]!;
    pre[i] = mulDiv255(d[i]!, a);
    pre[i + 1] = mulDiv255(d[i + 1]!, a);
    pre[i + 2] = mulDiv255(d[i + 2]!, a);
    pre[i + 3] = a;
  }
  const out = resizeBicubic({ ...src, data: pre }, outWidth, outHeight);
  const o = out.data;
  for (let i = 0; i < o.length; i += 4) {
    const a = o[i + 3]!;
    if (a === 0 || a === 255) continue;
    for (let b = 0; b < 3; b++) o[i + b] = Math.min(255, Math.trunc((255 * o[i + b]!) / a));
  }
  return out;
}
