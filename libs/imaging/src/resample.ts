// Pillow-compatible separable resampling of 8-bit images (the semantics of Pillow's ImagingResample for
// uint8 modes): per-output-pixel coefficient windows of a filter (the Keys cubic for BICUBIC, Lanczos-3 for
// LANCZOS, alias ANTIALIAS) widened by the scale when downscaling, coefficients normalized to sum 1 and
// quantized to 22-bit fixed point, a horizontal pass then a vertical pass, each rounding and clamping to uint8.

const PRECISION_BITS = 22;
const ONE = 2 ** PRECISION_BITS;
const HALF = 2 ** (PRECISION_BITS - 1);

/** Keys cubic convolution kernel with a = −0.5 (same expression order as Pillow, so the same doubles). */
export function bicubicKernel(x: number): number {
  const a = -0.5;
  if (x < 0) x = -x;
  if (x < 1) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

/** Pillow's `sinc_filter`. */
function sinc(x: number): number {
  if (x === 0) return 1;
  x = x * Math.PI;
  return Math.sin(x) / x;
}

/** Pillow's `lanczos_filter`: sinc(x)·sinc(x/3) on [−3, 3). */
export function lanczosKernel(x: number): number {
  if (-3.0 <= x && x < 3.0) return sinc(x) * sinc(x / 3);
  return 0;
}

/** A resampling filter: its kernel and support (the kernel is zero outside ±support). */
export interface ResampleFilter {
  name: 'bicubic' | 'lanczos';
  kernel: (x: number) => number;
  support: number;
}

export const BICUBIC: ResampleFilter = { name: 'bicubic', kernel: bicubicKernel, support: 2 };
/** Pillow's LANCZOS (the `ANTIALIAS` of FFHQ/e4e alignment). */
export const LANCZOS: ResampleFilter = { name: 'lanczos', kernel: lanczosKernel, support: 3 };

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
export function precomputeCoefficients(
  inSize: number,
  outSize: number,
  in0 = 0,
  in1 = inSize,
  filter: ResampleFilter = BICUBIC,
): Coefficients {
  const scale = (in1 - in0) / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filter.support * filterScale;
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
      const w = filter.kernel((x + xmin - center + 0.5) * ss);
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
 * Integer sums (below 2^35) are exact in doubles, so the loop order is free: lanes are accumulated in a row
 * buffer so the vertical pass reads memory in order.
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
  if (lanes === 3) return filter1dRgb(data, lines, inLength, outLength, c, out);
  const acc = new Float64Array(lanes);
  for (let line = 0; line < lines; line++) {
    const inBase = line * inLength * lanes;
    const outBase = line * outLength * lanes;
    for (let o = 0; o < outLength; o++) {
      const min = c.start[o]!;
      const n = c.count[o]!;
      const base = o * c.ksize;
      acc.fill(HALF);
      for (let k = 0; k < n; k++) {
        const w = c.weights[base + k]!;
        const src = inBase + (min + k) * lanes;
        for (let lane = 0; lane < lanes; lane++) acc[lane] = acc[lane]! + data[src + lane]! * w;
      }
      const dst = outBase + o * lanes;
      for (let lane = 0; lane < lanes; lane++) out[dst + lane] = clip8(acc[lane]!);
    }
  }
  return out;
}

/** `filter1d` for three lanes (the horizontal pass of an RGB image), with the lanes in registers. */
function filter1dRgb(
  data: Uint8Array,
  lines: number,
  inLength: number,
  outLength: number,
  c: Coefficients,
  out: Uint8Array,
): Uint8Array {
  for (let line = 0; line < lines; line++) {
    const inBase = line * inLength * 3;
    const outBase = line * outLength * 3;
    for (let o = 0; o < outLength; o++) {
      const n = c.count[o]!;
      const base = o * c.ksize;
      let src = inBase + c.start[o]! * 3;
      let r = HALF;
      let g = HALF;
      let b = HALF;
      for (let k = 0; k < n; k++, src += 3) {
        const w = c.weights[base + k]!;
        r += data[src]! * w;
        g += data[src + 1]! * w;
        b += data[src + 2]! * w;
      }
      const dst = outBase + o * 3;
      out[dst] = clip8(r);
      out[dst + 1] = clip8(g);
      out[dst + 2] = clip8(b);
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
 * Resize of interleaved 8-bit pixels with Pillow's semantics (`Image.resize(size, filter)` on an 8-bit mode,
 * no box, no reducing gap): horizontal pass then vertical, each rounded and clamped to uint8; an axis whose
 * size does not change is not resampled. Channels are treated independently (premultiply alpha yourself,
 * see `resizeRgbaPillow`).
 */
export function resizePillow(
  src: Pixels8,
  outWidth: number,
  outHeight: number,
  filter: ResampleFilter,
): Pixels8 {
  if (!Number.isInteger(outWidth) || !Number.isInteger(outHeight) || outWidth < 1 || outHeight < 1) {
    throw new RangeError(`resize: output size must be positive integers, got ${outWidth}×${outHeight}`);
  }
  if (src.data.length !== src.width * src.height * src.channels) {
    throw new RangeError(`resize: ${src.data.length} bytes for ${src.width}×${src.height}×${src.channels}`);
  }
  let img = src;
  if (outWidth !== src.width) {
    img = horizontal(img, outWidth, precomputeCoefficients(src.width, outWidth, 0, src.width, filter));
  }
  if (outHeight !== src.height) {
    img = vertical(img, outHeight, precomputeCoefficients(src.height, outHeight, 0, src.height, filter));
  }
  return img === src ? { ...src, data: src.data.slice() } : img;
}

/** Pillow `Image.resize(size, BICUBIC)` (see `resizePillow`). */
export function resizeBicubic(src: Pixels8, outWidth: number, outHeight: number): Pixels8 {
  return resizePillow(src, outWidth, outHeight, BICUBIC);
}

/** Pillow `Image.resize(size, LANCZOS)`, the `ANTIALIAS` of FFHQ/e4e alignment (see `resizePillow`). */
export function resizeLanczos(src: Pixels8, outWidth: number, outHeight: number): Pixels8 {
  return resizePillow(src, outWidth, outHeight, LANCZOS);
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
