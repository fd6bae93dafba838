import type { Pixels8 } from '../resample';
import { gaussianFilter } from './gaussian-filter';
import { reflectIndex, rint } from './numpy-math';

const f32 = Math.fround;

/** Padding per side, in the order (left, top, right, bottom) of the alignment code's `pad` tuple. */
export type Pad = readonly [left: number, top: number, right: number, bottom: number];

/**
 * FFHQ alignment's padding branch, in float32 as numpy computes it:
 *   img = np.pad(np.float32(img), ((top, bottom), (left, right), (0, 0)), 'reflect')
 *   mask = max(1 − min(x/left, (w−1−x)/right), 1 − min(y/top, (h−1−y)/bottom))
 *   img += (gaussian_filter(img, [σ, σ, 0]) − img) · clip(3·mask + 1, 0, 1)
 *   img += (median(img, axis=(0,1)) − img) · clip(mask, 0, 1)
 *   uint8(clip(rint(img), 0, 255))
 * Returns the padded image and the per-channel medians (float32).
 */
export function padAndBlur(img: Pixels8, pad: Pad, sigma: number): { image: Pixels8; median: number[] } {
  const [left, top, right, bottom] = pad;
  const { width: w0, height: h0, data } = img;
  const ch = img.channels;
  const w = w0 + left + right;
  const h = h0 + top + bottom;
  const padded = new Float32Array(w * h * ch);
  for (let y = 0; y < h; y++) {
    const sy = reflectIndex(y - top, h0);
    for (let x = 0; x < w; x++) {
      const sx = reflectIndex(x - left, w0);
      const s = (sy * w0 + sx) * ch;
      const d = (y * w + x) * ch;
      for (let c = 0; c < ch; c++) padded[d + c] = data[s + c]!;
    }
  }

  // The mask depends on x and y separately: max(1 − min(...x...), 1 − min(...y...)).
  const mx = new Float32Array(w);
  const my = new Float32Array(h);
  for (let x = 0; x < w; x++) mx[x] = f32(1 - Math.min(f32(x / left), f32((w - 1 - x) / right)));
  for (let y = 0; y < h; y++) my[y] = f32(1 - Math.min(f32(y / top), f32((h - 1 - y) / bottom)));

  const blurred = gaussianFilter(padded, w, h, ch, sigma);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const m = Math.max(mx[x]!, my[y]!);
      const k = Math.min(Math.max(f32(f32(m * 3) + 1), 0), 1);
      const p = (y * w + x) * ch;
      for (let c = 0; c < ch; c++)
        padded[p + c] = f32(padded[p + c]! + f32(f32(blurred[p + c]! - padded[p + c]!) * k));
    }
  }

  const median = medians(padded, ch);
  const out = new Uint8Array(padded.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const k = Math.min(Math.max(Math.max(mx[x]!, my[y]!), 0), 1);
      const p = (y * w + x) * ch;
      for (let c = 0; c < ch; c++) {
        const v = f32(padded[p + c]! + f32(f32(median[c]! - padded[p + c]!) * k));
        out[p + c] = Math.min(Math.max(rint(v), 0), 255);
      }
    }
  }
  return { image: { data: out, width: w, height: h, channels: ch }, median };
}

/**
 * `np.median(img, axis=(0, 1))` of a float32 H×W×C image: per channel the middle value, or for an even
 * count the float32 mean of the two middle values ((a + b) / 2 in float32, as `np.mean` does).
 */
function medians(img: Float32Array, ch: number): number[] {
  const n = img.length / ch;
  const values = new Float32Array(n);
  const out: number[] = [];
  for (let c = 0; c < ch; c++) {
    for (let i = 0; i < n; i++) values[i] = img[i * ch + c]!;
    const hi = Math.floor(n / 2);
    const upper = select(values, hi);
    if (n % 2 === 1) {
      out.push(upper);
    } else {
      // After selecting index hi, everything before it is ≤ it: the lower middle is their maximum.
      let lower = -Infinity;
      for (let i = 0; i < hi; i++) if (values[i]! > lower) lower = values[i]!;
      out.push(f32(f32(lower + upper) / 2));
    }
  }
  return out;
}

/** Quickselect: reorders `a` so a[k] is the k-th smallest, smaller ones before it; returns a[k]. */
function select(a: Float32Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = median3(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

function median3(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
