import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Rgb8Image } from './tensor-image';

/** uint8 HWC RGB → PNG bytes. */
export async function encodePng(rgb: Uint8Array, width: number, height: number): Promise<Buffer> {
  if (rgb.length !== width * height * 3)
    throw new RangeError(`encodePng: ${rgb.length} bytes for ${width}×${height} RGB`);
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Encodes and writes a PNG file. */
export async function writePng(path: string, img: Rgb8Image): Promise<void> {
  await writeFile(path, await encodePng(img.rgb, img.width, img.height));
}
