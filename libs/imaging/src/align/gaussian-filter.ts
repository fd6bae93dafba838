import { pairwiseSum, symmetricIndex } from './numpy-math';

/** scipy's `_gaussian_kernel1d(sigma, 0, radius)`: exp(−x²/(2σ²)) normalized by numpy's pairwise sum. */
export function gaussianKernel(sigma: number, radius: number): Float64Array {
  const k = new Float64Array(2 * radius + 1);
  const a = -0.5 / (sigma * sigma);
  for (let i = 0; i < k.length; i++) {
    const x = i - radius;
    k[i] = Math.exp(a * (x * x));
  }
  const sum = pairwiseSum(k);
  for (let i = 0; i < k.length; i++) k[i] = k[i]! / sum;
  return k;
}

/**
 * `scipy.ndimage.gaussian_filter(img, [sigma, sigma, 0])` on an H×W×C float32 image (interleaved): a 1-D pass
 * along rows (axis 0), stored as float32, then along columns (axis 1), stored as float32. Radius
 * int(4σ + 0.5); mode 'reflect' (the edge pixel is repeated); each output is computed in double as scipy's
 * symmetric-kernel loop does: w₀·x₀ + Σ over offsets from the outermost in of w_d·(x₋d + x₊d).
 */
export function gaussianFilter(
  img: Float32Array,
  width: number,
  height: number,
  channels: number,
  sigma: number,
): Float32Array {
  const radius = Math.trunc(4 * sigma + 0.5);
  const w = gaussianKernel(sigma, radius);
  const tmp = new Float32Array(img.length);
  const rowStride = width * channels;
  filterAxis(img, tmp, height, rowStride, rowStride, 1, w, radius);
  const out = new Float32Array(img.length);
  filterAxis(tmp, out, width, channels, channels, height, w, radius, rowStride);
  return out;
}

/**
 * Correlates every line of `length` samples (step `step` between samples) with the symmetric kernel `w`.
 * Lines: `lanes` consecutive samples share each position (a whole row for axis 0, the channels for axis
 * 1), repeated `repeat` times `repeatStride` apart (rows for axis 1).
 */
function filterAxis(
  src: Float32Array,
  dst: Float32Array,
  length: number,
  step: number,
  lanes: number,
  repeat: number,
  w: Float64Array,
  radius: number,
  repeatStride = 0,
): void {
  const center = w[radius]!;
  const line = new Float64Array(length + 2 * radius);
  for (let rep = 0; rep < repeat; rep++) {
    const base = rep * repeatStride;
    for (let lane = 0; lane < lanes; lane++) {
      for (let i = -radius; i < length + radius; i++)
        line[i + radius] = src[base + symmetricIndex(i, length) * step + lane]!;
      for (let i = 0; i < length; i++) {
        const c = i + radius;
        let acc = line[c]! * center;
        for (let d = radius; d >= 1; d--) acc += (line[c - d]! + line[c + d]!) * w[radius - d]!;
        dst[base + i * step + lane] = acc;
      }
    }
  }
}
