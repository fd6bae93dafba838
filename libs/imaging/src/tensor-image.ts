/** An RGB image, HWC uint8. */
export interface Rgb8Image {
  rgb: Uint8Array;
  width: number;
  height: number;
}

export interface TensorToRgb8Options {
  /** Which image of an [N,3,H,W] batch (default 0). */
  index?: number;
  /**
   * 'truncate' (default): the torch path, (x+1)·127.5 clamped to [0,255] then truncated (`.to(uint8)`).
   * 'round': the TF path, x·127.5 + 128 clamped then truncated, i.e. rounded.
   */
  rounding?: 'truncate' | 'round';
}

function chw(shape: readonly number[], op: string): { n: number; h: number; w: number } {
  if (shape.length === 3 && shape[0] === 3) return { n: 1, h: shape[1]!, w: shape[2]! };
  if (shape.length === 4 && shape[1] === 3) return { n: shape[0]!, h: shape[2]!, w: shape[3]! };
  throw new RangeError(`${op}: shape must be [3,H,W] or [N,3,H,W], got [${shape.join(',')}]`);
}

/**
 * Generator output (about [−1,1], unclamped, CHW float) → uint8 HWC RGB, in float32 arithmetic like
 * torch/TF. NaN is an error, not a silent black pixel.
 */
export function tensorToRgb8(
  data: Float32Array,
  shape: readonly number[],
  o: TensorToRgb8Options = {},
): Rgb8Image {
  const { n, h, w } = chw(shape, 'tensorToRgb8');
  const index = o.index ?? 0;
  if (data.length !== n * 3 * h * w) {
    throw new RangeError(`tensorToRgb8: ${data.length} values for shape [${shape.join(',')}]`);
  }
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new RangeError(`tensorToRgb8: index ${index} out of range for batch ${n}`);
  }
  const round = o.rounding === 'round';
  const hw = h * w;
  const base = index * 3 * hw;
  const rgb = new Uint8Array(hw * 3);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < hw; i++) {
      const x = data[base + c * hw + i]!;
      if (Number.isNaN(x))
        throw new RangeError(`tensorToRgb8: NaN at image ${index}, channel ${c}, pixel ${i}`);
      const v = round ? Math.fround(Math.fround(x * 127.5) + 128) : Math.fround(Math.fround(x + 1) * 127.5);
      rgb[i * 3 + c] = v <= 0 ? 0 : v >= 255 ? 255 : Math.trunc(v);
    }
  }
  return { rgb, width: w, height: h };
}

export interface Rgb8ToTensorOptions {
  /** '0,1' (default): x/255 (torchvision ToTensor). '-1,1': x/127.5 − 1 (ToTensor + Normalize(0.5, 0.5)). */
  range?: '0,1' | '-1,1';
}

/** uint8 HWC RGB → float32 CHW [3,H,W] in [0,1] or [−1,1]. */
export function rgb8ToTensor(img: Rgb8Image, o: Rgb8ToTensorOptions = {}): Float32Array {
  const { rgb, width: w, height: h } = img;
  if (rgb.length !== w * h * 3) throw new RangeError(`rgb8ToTensor: ${rgb.length} bytes for ${w}×${h} RGB`);
  const signed = o.range === '-1,1';
  const hw = w * h;
  const out = new Float32Array(3 * hw);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < hw; i++) {
      const v = Math.fround(rgb[i * 3 + c]! / 255);
      out[c * hw + i] = signed ? Math.fround(v - 0.5) / 0.5 : v;
    }
  }
  return out;
}
