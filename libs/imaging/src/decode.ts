import { createHash } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { ImageError } from './errors';
import { describeBytes, detectFormat, type ImageFormat } from './format';
import type { Pixels8 } from './resample';

/** Upload limits, all checked before any pixel is decoded. */
export interface DecodeLimits {
  /** Default 20 MB. */
  maxBytes?: number;
  /** Default 4096. */
  maxWidth?: number;
  /** Default 4096. */
  maxHeight?: number;
  /** Default 4096² (16 777 216). Also passed to sharp as `limitInputPixels`. */
  maxPixels?: number;
}

export const DEFAULT_LIMITS: Required<DecodeLimits> = {
  maxBytes: 20 * 1024 * 1024,
  maxWidth: 4096,
  maxHeight: 4096,
  maxPixels: 4096 * 4096,
};

export interface DecodedImage {
  /** Stored RGB, HWC uint8 (alpha, if any, dropped as Pillow's `convert('RGB')` does; not composited). */
  rgb: Uint8Array;
  /** Alpha plane (H·W) when the image has one, else null. */
  alpha: Uint8Array | null;
  width: number;
  height: number;
  format: ImageFormat;
  /** sha256 (hex) of the input bytes. */
  sha256: string;
}

/**
 * Decodes an uploaded png/jpeg/webp. The type comes from the magic bytes; size, dimensions and pixel count
 * are checked from the header before decoding, so decompression bombs are refused cheaply. Throws
 * `ImageError` (`unsupported_type`, `too_large` in bytes, `too_many_pixels` in width, height or pixels, `corrupt`). No EXIF rotation and no
 * ICC conversion are applied (Pillow's `Image.open` applies neither).
 */
export async function decodeImage(bytes: Uint8Array, limits: DecodeLimits = {}): Promise<DecodedImage> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  if (bytes.length > lim.maxBytes) {
    throw new ImageError('too_large', `image is ${bytes.length} bytes, the limit is ${lim.maxBytes}`, {
      bytes: bytes.length,
      maxBytes: lim.maxBytes,
    });
  }
  const format = detectFormat(bytes);
  if (!format) {
    throw new ImageError(
      'unsupported_type',
      `unsupported image type (${describeBytes(bytes)}); use png, jpeg or webp`,
    );
  }
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const options = { limitInputPixels: lim.maxPixels, failOn: 'warning' as const };
  let meta: Metadata;
  try {
    // Header only (no pixels are decoded), so no pixel limit here: our own checks below say which one failed.
    meta = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch (e) {
    throw new ImageError('corrupt', `cannot read the ${format} header: ${(e as Error).message}`, { format });
  }
  const { width, height } = meta;
  if (!width || !height || meta.format !== format) {
    throw new ImageError(
      'corrupt',
      `${format} header is unreadable (got format ${meta.format}, ${width}×${height})`,
      { format },
    );
  }
  const dimensions = {
    format,
    width,
    height,
    maxWidth: lim.maxWidth,
    maxHeight: lim.maxHeight,
    maxPixels: lim.maxPixels,
  };
  // Too wide or too tall is a pixel limit too (`too_large` is for bytes only).
  if (width > lim.maxWidth || height > lim.maxHeight) {
    throw new ImageError(
      'too_many_pixels',
      `image is ${width}×${height}, the limit is ${lim.maxWidth}×${lim.maxHeight}`,
      dimensions,
    );
  }
  if (width * height > lim.maxPixels) {
    throw new ImageError(
      'too_many_pixels',
      `image has ${width * height} pixels (${width}×${height}), the limit is ${lim.maxPixels}`,
      dimensions,
    );
  }
  let raw: { data: Buffer; info: OutputInfo };
  try {
    raw = await sharp(input, options).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (e) {
    const message = (e as Error).message;
    if (/pixel limit/i.test(message))
      throw new ImageError('too_many_pixels', `${format} image: ${message}`, dimensions);
    throw new ImageError('corrupt', `cannot decode the ${format} image (${width}×${height}): ${message}`, {
      format,
      width,
      height,
    });
  }
  const { info, data } = raw;
  if (info.width !== width || info.height !== height || data.length !== width * height * info.channels) {
    throw new ImageError(
      'corrupt',
      `decoded ${info.width}×${info.height}×${info.channels} from a ${width}×${height} header`,
      { format, width, height },
    );
  }
  const { rgb, alpha } = splitChannels(
    new Uint8Array(data.buffer, data.byteOffset, data.length),
    width * height,
    info.channels,
  );
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { rgb, alpha, width, height, format, sha256 };
}

/** Interleaved 1–4 channel pixels → RGB plus optional alpha (grey replicated to RGB). */
function splitChannels(
  data: Uint8Array,
  n: number,
  channels: number,
): { rgb: Uint8Array; alpha: Uint8Array | null } {
  const rgb = new Uint8Array(n * 3);
  const hasAlpha = channels === 2 || channels === 4;
  const alpha = hasAlpha ? new Uint8Array(n) : null;
  const grey = channels <= 2;
  if (channels < 1 || channels > 4) throw new ImageError('corrupt', `decoded image has ${channels} channels`);
  for (let i = 0; i < n; i++) {
    const s = i * channels;
    rgb[i * 3] = data[s]!;
    rgb[i * 3 + 1] = grey ? data[s]! : data[s + 1]!;
    rgb[i * 3 + 2] = grey ? data[s]! : data[s + 2]!;
    if (alpha) alpha[i] = data[s + channels - 1]!;
  }
  return { rgb, alpha };
}

/** The image as interleaved RGBA (alpha 255 when it has none). */
export function toRgba(img: Pick<DecodedImage, 'rgb' | 'alpha' | 'width' | 'height'>): Pixels8 {
  const n = img.width * img.height;
  const data = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    data[i * 4] = img.rgb[i * 3]!;
    data[i * 4 + 1] = img.rgb[i * 3 + 1]!;
    data[i * 4 + 2] = img.rgb[i * 3 + 2]!;
    data[i * 4 + 3] = img.alpha ? img.alpha[i]! : 255;
  }
  return { data, width: img.width, height: img.height, channels: 4 };
}
