import { decodeImage, toRgba, type DecodeLimits } from './decode';
import { resizePillow, resizeRgbaPillow, BICUBIC, type Pixels8 } from './resample';
import type { Rgb8Image } from './tensor-image';

/** CLIP's normalization constants (not the ImageNet ones). */
export const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
export const CLIP_STD = [0.26862954, 0.26130258, 0.27577711] as const;

/** Interleaved RGBA pixels, HWC uint8. */
export interface RgbaImage {
  rgba: Uint8Array;
  width: number;
  height: number;
}

export interface ClipCrop {
  /** The `size`×`size` RGB crop, HWC uint8 (alpha dropped). */
  rgb: Uint8Array;
  size: number;
  /** Size after the short-side resize, [width, height]. */
  resized: [number, number];
  /** Crop origin, [left, top]. */
  crop: [number, number];
}

/** Python's round(): half to even. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** torchvision `Resize(size)` on a PIL image: short side → size, long side → int(size·long/short). */
export function clipResizedSize(width: number, height: number, size = 224): [number, number] {
  if (width <= height) return [size, Math.trunc((size * height) / width)];
  return [Math.trunc((size * width) / height), size];
}

/**
 * The uint8 part of CLIP's `preprocess`: Pillow bicubic resize of the short side to `size` (RGBA
 * premultiplied during the resize, so transparent pixels become black), centre crop with Python rounding,
 * `convert('RGB')` (alpha dropped).
 */
export function clipResizeCrop(img: RgbaImage, size = 224): ClipCrop {
  const { width, height } = img;
  if (img.rgba.length !== width * height * 4) {
    throw new RangeError(`clipResizeCrop: ${img.rgba.length} bytes for RGBA ${width}×${height}`);
  }
  const [rw, rh] = clipResizedSize(width, height, size);
  return centreCropRgb(resizeRgbaPillow({ data: img.rgba, width, height, channels: 4 }, rw, rh), size);
}

/**
 * `clipResizeCrop` of an RGB image (Pillow mode "RGB", what `Image.fromarray` makes of generator output): the
 * same resize without the alpha band, so three lanes instead of four and no premultiply round trip. For an
 * opaque RGBA image it gives the same bytes as `clipResizeCrop` (alpha 255 premultiplies to itself).
 */
export function clipResizeCropRgb8(img: Rgb8Image, size = 224): ClipCrop {
  const { width, height } = img;
  if (img.rgb.length !== width * height * 3) {
    throw new RangeError(`clipResizeCropRgb8: ${img.rgb.length} bytes for RGB ${width}×${height}`);
  }
  const [rw, rh] = clipResizedSize(width, height, size);
  const src = { data: img.rgb, width, height, channels: 3 };
  return centreCropRgb(resizePillow(src, rw, rh, BICUBIC), size);
}

/** torchvision `CenterCrop(size)` with Python rounding of the origin, alpha dropped. */
function centreCropRgb(resized: Pixels8, size: number): ClipCrop {
  const { width: rw, height: rh, channels: ch } = resized;
  const left = roundHalfEven((rw - size) / 2);
  const top = roundHalfEven((rh - size) / 2);
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = ((top + y) * rw + left + x) * ch;
      const d = (y * size + x) * 3;
      rgb[d] = resized.data[s]!;
      rgb[d + 1] = resized.data[s + 1]!;
      rgb[d + 2] = resized.data[s + 2]!;
    }
  }
  return { rgb, size, resized: [rw, rh], crop: [left, top] };
}

/** ToTensor + Normalize in float32: HWC uint8 RGB → CHW (x/255 − mean)/std. */
export function clipNormalizeRgb8(rgb: Uint8Array, size: number): Float32Array {
  const n = size * size;
  if (rgb.length !== n * 3)
    throw new RangeError(`clipNormalizeRgb8: ${rgb.length} bytes for ${size}×${size} RGB`);
  const out = new Float32Array(3 * n);
  for (let c = 0; c < 3; c++) {
    const mean = Math.fround(CLIP_MEAN[c]!);
    const std = Math.fround(CLIP_STD[c]!);
    for (let i = 0; i < n; i++) {
      const v = Math.fround(rgb[i * 3 + c]! / 255);
      out[c * n + i] = Math.fround(v - mean) / std;
    }
  }
  return out;
}

/** Official CLIP preprocessing of RGBA pixels → Float32Array [3, size, size]. */
export function clipPreprocessPixels(img: RgbaImage, size = 224): Float32Array {
  return clipNormalizeRgb8(clipResizeCrop(img, size).rgb, size);
}

/** Official CLIP preprocessing of RGB pixels (e.g. generator output as uint8) → Float32Array [3, size, size]. */
export function clipPreprocessRgb8(img: Rgb8Image, size = 224): Float32Array {
  return clipNormalizeRgb8(clipResizeCropRgb8(img, size).rgb, size);
}

/**
 * Official CLIP `preprocess` (Pillow bicubic resize, centre crop, RGB, /255, mean/std) of encoded image
 * bytes (decoded with `decodeImage` and its limits) or RGBA pixels → Float32Array [3, size, size].
 */
export async function clipPreprocess(
  input: Uint8Array | RgbaImage,
  size = 224,
  limits?: DecodeLimits,
): Promise<Float32Array> {
  if (input instanceof Uint8Array) {
    const rgba = toRgba(await decodeImage(input, limits));
    return clipPreprocessPixels({ rgba: rgba.data, width: rgba.width, height: rgba.height }, size);
  }
  return clipPreprocessPixels(input, size);
}
