import { conv, convTranspose, pad, reshape, slice, unsqueeze, type Tensor } from '@styleclip/onnx-graph';
import { fail } from './params';

/** A 1-D list k (made outer(k,k)/sum(k)²), or an explicit 2-D kernel used as given. */
export type FirKernel = readonly number[] | { data: Float32Array; shape: [number, number] };

export interface Upfirdn2dOptions {
  up?: number;
  down?: number;
  /** (pad0, pad1), the same on both axes; negative values crop. */
  pad: [number, number];
  /** Multiplies the kernel (Upsample/Blur after an up-conv use 4). */
  gain?: number;
  /** [C], added per channel by the convolution itself (free). */
  bias?: Tensor;
}

/** The 2-D kernel (row-major [kh, kw]) that upfirdn2d convolves with, gain included. */
export function makeKernel(kernel: FirKernel, gain = 1): { data: Float32Array; shape: [number, number] } {
  if (Array.isArray(kernel) || !('data' in kernel)) {
    const k = kernel as readonly number[];
    if (k.length === 0) fail('upfirdn2d', 'empty kernel');
    const s = k.reduce((a, b) => a + b, 0);
    const data = new Float32Array(k.length * k.length);
    for (let i = 0; i < k.length; i++)
      for (let j = 0; j < k.length; j++) data[i * k.length + j] = ((k[i]! * k[j]!) / (s * s)) * gain;
    return { data, shape: [k.length, k.length] };
  }
  const { data, shape } = kernel;
  if (data.length !== shape[0] * shape[1])
    fail('upfirdn2d', `kernel has ${data.length} values for shape [${shape}]`);
  return { data: gain === 1 ? data : data.map((v) => v * gain), shape };
}

function channelsOf(block: string, x: Tensor): number {
  if (x.rank !== 4) fail(block, `expects [N,C,H,W], got ${x.name} [${x.shape.join(',')}]`);
  const c = x.shape[1];
  if (typeof c !== 'number')
    fail(block, `needs a static channel count (depthwise conv), got ${x.name} [${x.shape.join(',')}]`);
  return c;
}

/** A depthwise weight [C,1,kh,kw] repeating the kernel per channel (optionally flipped in both axes). */
function depthwiseWeight(
  x: Tensor,
  c: number,
  k: { data: Float32Array; shape: [number, number] },
  flip: boolean,
): Tensor {
  const [kh, kw] = k.shape;
  const n = kh * kw;
  const values = new Array<number>(c * n);
  for (let ch = 0; ch < c; ch++)
    for (let i = 0; i < n; i++) values[ch * n + i] = k.data[flip ? n - 1 - i : i]!;
  return x.graph.constant(values, x.dtype, [c, 1, kh, kw]);
}

/**
 * upfirdn2d exactly as StyleGAN2 defines it (architectures.md A.1): per channel insert up−1 zeros after each
 * sample, zero-pad by (pad0, pad1) on both axes (negative values crop), apply a valid TRUE convolution (the
 * kernel flipped), keep every down-th sample. Output: (H·up + pad0 + pad1 − kh + down) // down.
 */
export function upfirdn2d(x: Tensor, kernel: FirKernel, o: Upfirdn2dOptions): Tensor {
  const block = 'upfirdn2d';
  const c = channelsOf(block, x);
  const up = o.up ?? 1;
  const down = o.down ?? 1;
  if (!Number.isInteger(up) || !Number.isInteger(down) || up < 1 || down < 1)
    fail(block, `bad up/down ${up}/${down}`);
  const [h, w] = x.shape.slice(2);
  if (typeof h !== 'number' || typeof w !== 'number')
    fail(block, `needs static spatial dims, got [${x.shape.join(',')}]`);
  const k = makeKernel(kernel, o.gain ?? 1);
  let y = x;
  if (up > 1) {
    // [N,C,H,W] → [N,C,H,1,W,1] → zero-pad the unit axes to `up` → [N,C,H·up,W·up]: sample i lands at i·up.
    y = unsqueeze(y, [3, 5]);
    y = pad(y, [0, 0, 0, 0, 0, 0, 0, 0, 0, up - 1, 0, up - 1]);
    y = reshape(y, [0, 0, h * up, w * up]);
  }
  const [p0, p1] = o.pad;
  const grow = [0, 0, Math.max(p0, 0), Math.max(p0, 0), 0, 0, Math.max(p1, 0), Math.max(p1, 0)];
  if (grow.some((v) => v > 0)) y = pad(y, grow);
  if (p0 < 0 || p1 < 0) y = crop(y, -Math.min(p0, 0), -Math.min(p1, 0));
  const [kh, kw] = k.shape;
  if ((y.shape[2] as number) < kh || (y.shape[3] as number) < kw) {
    fail(block, `padded input [${y.shape.join(',')}] smaller than kernel ${kh}×${kw}`);
  }
  if (o.bias && (o.bias.rank !== 1 || o.bias.shape[0] !== c))
    fail(block, `bias ${o.bias.name} must be [${c}], got [${o.bias.shape.join(',')}]`);
  return conv(y, depthwiseWeight(x, c, k, true), o.bias, { group: c, strides: [down, down] });
}

/**
 * Drops `before`/`after` rows and columns of the static spatial axes (H, W) with one Slice. onnx-graph's
 * Slice gradient only needs the sliced axes static, so a symbolic batch is fine.
 */
function crop(x: Tensor, before: number, after: number): Tensor {
  const shape = [...x.shape];
  const ends: number[] = [];
  for (const axis of [2, 3]) {
    const keep = (shape[axis] as number) - before - after;
    if (keep < 1)
      fail('upfirdn2d', `cropping ${before}+${after} leaves nothing of axis ${axis} of [${shape.join(',')}]`);
    ends.push(before + keep);
    shape[axis] = keep;
  }
  return slice(x, [before, before], ends, [2, 3]);
}

/** StyleGAN2 Blur: upfirdn2d with up = down = 1. */
export function blur(x: Tensor, kernel: FirKernel, pad: [number, number], gain = 1): Tensor {
  return upfirdn2d(x, kernel, { pad, gain });
}

/**
 * The ToRGB skip Upsample (upfirdn2d up=2, pad (2,1), kernel·4; H → 2H), as one depthwise ConvTranspose:
 * stride 2, pads 1 on every side, weight = the (unflipped) 4×4 kernel.
 */
export function upsampleRgb(x: Tensor, kernel: readonly number[] = [1, 3, 3, 1]): Tensor {
  const block = 'upsampleRgb';
  const c = channelsOf(block, x);
  const factor = 2;
  const k = makeKernel(kernel, factor * factor);
  const kh = k.shape[0];
  const p = kh - factor;
  const pad0 = Math.floor((p + 1) / 2) + factor - 1;
  const pad1 = Math.floor(p / 2);
  // upfirdn (up=2, pads p0,p1) ≡ ConvTranspose(stride 2) with begin pad kh−1−p0 and end pad kh−2−p1.
  const begin = kh - 1 - pad0;
  const end = kh - factor - pad1;
  if (begin < 0 || end < 0) fail(block, `kernel of length ${kh} gives negative ConvTranspose pads`);
  return convTranspose(x, depthwiseWeight(x, c, k, false), undefined, {
    group: c,
    strides: [factor, factor],
    pads: [begin, begin, end, end],
  });
}
