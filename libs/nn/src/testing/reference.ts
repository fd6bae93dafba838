// Straightforward TypeScript reference computations for the tests (loops over the definitions, no tricks).
import { seededRandom, type SeededRandom } from '@styleclip/testing';

export interface Arr {
  data: Float32Array;
  dims: number[];
}

export const arr = (data: Float32Array, dims: number[]): Arr => ({ data, dims });
export const randn = (r: SeededRandom, dims: number[], std = 1, mean = 0): Arr =>
  arr(
    r.fillNormal(
      dims.reduce((a, b) => a * b, 1),
      std,
      mean,
    ),
    dims,
  );
export const rng = (seed: number): SeededRandom => seededRandom(seed);

/** upfirdn2d per architectures.md A.1: zero insertion after each sample, pad (negative crops), true conv, keep every down-th. */
export function naiveUpfirdn2d(
  x: Arr,
  k: { data: Float32Array; shape: [number, number] },
  up: number,
  down: number,
  pad: [number, number],
): Arr {
  const [n, c, h, w] = x.dims as [number, number, number, number];
  const [kh, kw] = k.shape;
  const [p0, p1] = pad;
  const uh = h * up;
  const uw = w * up;
  const ph = uh + p0 + p1;
  const pw = uw + p0 + p1;
  const oh = Math.floor((uh + p0 + p1 - kh + down) / down);
  const ow = Math.floor((uw + p0 + p1 - kw + down) / down);
  const out = new Float32Array(n * c * oh * ow);
  for (let b = 0; b < n * c; b++) {
    // 1. zero insertion
    const u = new Float64Array(uh * uw);
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) u[i * up * uw + j * up] = x.data[b * h * w + i * w + j]!;
    // 2. pad / crop: padded[y][x] = u[y - p0][x - p0]
    const padded = new Float64Array(ph * pw);
    for (let y = 0; y < ph; y++)
      for (let xx = 0; xx < pw; xx++) {
        const sy = y - p0;
        const sx = xx - p0;
        if (sy >= 0 && sy < uh && sx >= 0 && sx < uw) padded[y * pw + xx] = u[sy * uw + sx]!;
      }
    // 3. valid true convolution (flipped kernel), 4. keep every down-th
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++) {
        const y0 = oy * down;
        const x0 = ox * down;
        let s = 0;
        for (let a = 0; a < kh; a++)
          for (let bb = 0; bb < kw; bb++)
            s += padded[(y0 + a) * pw + x0 + bb]! * k.data[(kh - 1 - a) * kw + (kw - 1 - bb)]!;
        out[b * oh * ow + oy * ow + ox] = s;
      }
  }
  return arr(out, [n, c, oh, ow]);
}

/** Correlation of one sample x [Cin,H,W] with w [Cout,Cin,k,k], stride 1, zero padding p. */
function conv2dSample(
  x: Float64Array,
  cin: number,
  h: number,
  wd: number,
  w: Float64Array,
  cout: number,
  k: number,
  p: number,
): Float64Array {
  const oh = h + 2 * p - k + 1;
  const ow = wd + 2 * p - k + 1;
  const out = new Float64Array(cout * oh * ow);
  for (let o = 0; o < cout; o++)
    for (let y = 0; y < oh; y++)
      for (let xx = 0; xx < ow; xx++) {
        let s = 0;
        for (let i = 0; i < cin; i++)
          for (let a = 0; a < k; a++)
            for (let b = 0; b < k; b++) {
              const sy = y + a - p;
              const sx = xx + b - p;
              if (sy < 0 || sy >= h || sx < 0 || sx >= wd) continue;
              s += x[(i * h + sy) * wd + sx]! * w[((o * cin + i) * k + a) * k + b]!;
            }
        out[(o * oh + y) * ow + xx] = s;
      }
  return out;
}

/** Correlation of x [N,Cin,H,W] with w [Cout,Cin,k,k], stride 1, zero padding k//2 (as ONNX Conv). */
export function naiveConv2d(x: Arr, w: Arr): Arr {
  const [n, cin, h, wd] = x.dims as [number, number, number, number];
  const [cout, , k] = w.dims as [number, number, number, number];
  const wf = Float64Array.from(w.data);
  const out = new Float32Array(n * cout * h * wd);
  for (let b = 0; b < n; b++) {
    const xb = Float64Array.from(x.data.subarray(b * cin * h * wd, (b + 1) * cin * h * wd));
    out.set(conv2dSample(xb, cin, h, wd, wf, cout, k, Math.floor(k / 2)), b * cout * h * wd);
  }
  return arr(out, [n, cout, h, wd]);
}

/** torch conv_transpose2d of one sample x [Cin,H,W] with weight wt [Cin,Cout,k,k], stride 2, padding 0. */
function convTranspose2dSample(
  x: Float64Array,
  cin: number,
  h: number,
  wd: number,
  wt: Float64Array,
  cout: number,
  k: number,
): Float64Array {
  const oh = 2 * (h - 1) + k;
  const ow = 2 * (wd - 1) + k;
  const out = new Float64Array(cout * oh * ow);
  for (let i = 0; i < cin; i++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < wd; xx++) {
        const v = x[(i * h + y) * wd + xx]!;
        for (let o = 0; o < cout; o++)
          for (let a = 0; a < k; a++)
            for (let b = 0; b < k; b++) {
              const at = (o * oh + 2 * y + a) * ow + 2 * xx + b;
              out[at] = out[at]! + v * wt[((i * cout + o) * k + a) * k + b]!;
            }
      }
  return out;
}

/**
 * The reference ("fused") ModulatedConv2d: per sample, W_b = scale·weight·s_b[i], demodulated per output
 * channel, then a conv (pad k//2) or conv_transpose (stride 2, W_bᵀ) followed by the blur.
 */
export function naiveModulatedConv(
  x: Arr,
  style: Arr,
  weight: Arr,
  o: { demodulate: boolean; upsample?: boolean },
): Arr {
  const [n, cin, h, w] = x.dims as [number, number, number, number];
  const wd = weight.dims.length === 5 ? weight.dims.slice(1) : weight.dims;
  const [cout, , k] = wd as [number, number, number, number];
  const scale = 1 / Math.sqrt(cin * k * k);
  const outs: Float64Array[] = [];
  let oh = 0;
  let ow = 0;
  for (let b = 0; b < n; b++) {
    const wb = new Float64Array(cout * cin * k * k);
    for (let oc = 0; oc < cout; oc++) {
      let ss = 0;
      for (let i = 0; i < cin; i++)
        for (let t = 0; t < k * k; t++) {
          const idx = (oc * cin + i) * k * k + t;
          wb[idx] = scale * weight.data[idx]! * style.data[b * cin + i]!;
          ss += wb[idx]! ** 2;
        }
      if (o.demodulate) {
        const d = 1 / Math.sqrt(ss + 1e-8);
        for (let j = oc * cin * k * k; j < (oc + 1) * cin * k * k; j++) wb[j] = wb[j]! * d;
      }
    }
    const xb = Float64Array.from(x.data.subarray(b * cin * h * w, (b + 1) * cin * h * w));
    if (!o.upsample) {
      outs.push(conv2dSample(xb, cin, h, w, wb, cout, k, Math.floor(k / 2)));
      oh = h;
      ow = w;
    } else {
      const wt = new Float64Array(wb.length);
      for (let oc = 0; oc < cout; oc++)
        for (let i = 0; i < cin; i++)
          for (let t = 0; t < k * k; t++) wt[(i * cout + oc) * k * k + t] = wb[(oc * cin + i) * k * k + t]!;
      const up = convTranspose2dSample(xb, cin, h, w, wt, cout, k);
      const uh = 2 * (h - 1) + k;
      const uw = 2 * (w - 1) + k;
      const p = 4 - 2 - (k - 1);
      const blurred = naiveUpfirdn2d(
        arr(Float32Array.from(up), [1, cout, uh, uw]),
        kernel2d([1, 3, 3, 1], 4),
        1,
        1,
        [Math.floor((p + 1) / 2) + 1, Math.floor(p / 2) + 1],
      );
      outs.push(Float64Array.from(blurred.data));
      oh = blurred.dims[2]!;
      ow = blurred.dims[3]!;
    }
  }
  const out = new Float32Array(n * cout * oh * ow);
  outs.forEach((s, b) => out.set(s, b * cout * oh * ow));
  return arr(out, [n, cout, oh, ow]);
}

export function kernel2d(k: number[], gain = 1): { data: Float32Array; shape: [number, number] } {
  const s = k.reduce((a, b) => a + b, 0);
  const data = new Float32Array(k.length * k.length);
  for (let i = 0; i < k.length; i++)
    for (let j = 0; j < k.length; j++) data[i * k.length + j] = (k[i]! * k[j]! * gain) / (s * s);
  return { data, shape: [k.length, k.length] };
}

/** y[r, o] = Σ_i x[r, i]·W[o, i] + b[o] over the rows of x (last axis = in). */
export function naiveLinear(
  x: Float32Array,
  inDim: number,
  w: Float32Array,
  outDim: number,
  b?: Float32Array,
  wScale = 1,
  bScale = 1,
): Float32Array {
  const rows = x.length / inDim;
  const out = new Float32Array(rows * outDim);
  for (let r = 0; r < rows; r++)
    for (let o = 0; o < outDim; o++) {
      let s = 0;
      for (let i = 0; i < inDim; i++) s += x[r * inDim + i]! * w[o * inDim + i]! * wScale;
      out[r * outDim + o] = s + (b ? b[o]! * bScale : 0);
    }
  return out;
}

export function naiveLayerNorm(
  x: Float32Array,
  d: number,
  gamma: Float32Array,
  beta: Float32Array,
  eps = 1e-5,
): Float32Array {
  const out = new Float32Array(x.length);
  for (let r = 0; r < x.length / d; r++) {
    let m = 0;
    for (let i = 0; i < d; i++) m += x[r * d + i]!;
    m /= d;
    let v = 0;
    for (let i = 0; i < d; i++) v += (x[r * d + i]! - m) ** 2;
    v /= d;
    for (let i = 0; i < d; i++)
      out[r * d + i] = ((x[r * d + i]! - m) / Math.sqrt(v + eps)) * gamma[i]! + beta[i]!;
  }
  return out;
}

/** torch MultiheadAttention (self-attention, batch first) with an optional additive mask [L,L]. */
export function naiveAttention(
  x: Float32Array,
  n: number,
  l: number,
  d: number,
  heads: number,
  p: { inW: Float32Array; inB: Float32Array; outW: Float32Array; outB: Float32Array },
  mask?: Float32Array,
): Float32Array {
  const qkv = naiveLinear(x, d, p.inW, 3 * d, p.inB);
  const dh = d / heads;
  const ctx = new Float32Array(n * l * d);
  for (let b = 0; b < n; b++)
    for (let h = 0; h < heads; h++)
      for (let i = 0; i < l; i++) {
        const q = (t: number) => qkv[(b * l + i) * 3 * d + h * dh + t]! * dh ** -0.5;
        const scores = new Float64Array(l);
        for (let j = 0; j < l; j++) {
          let s = 0;
          for (let t = 0; t < dh; t++) s += q(t) * qkv[(b * l + j) * 3 * d + d + h * dh + t]!;
          scores[j] = s + (mask ? mask[i * l + j]! : 0);
        }
        const mx = Math.max(...scores);
        let z = 0;
        for (let j = 0; j < l; j++) z += scores[j] = Math.exp(scores[j]! - mx);
        for (let t = 0; t < dh; t++) {
          let s = 0;
          for (let j = 0; j < l; j++) s += (scores[j]! / z) * qkv[(b * l + j) * 3 * d + 2 * d + h * dh + t]!;
          ctx[(b * l + i) * d + h * dh + t] = s;
        }
      }
  return naiveLinear(ctx, d, p.outW, d, p.outB);
}
