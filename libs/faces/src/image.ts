import { FaceInputError } from './errors';

/** An 8-bit RGB photo, interleaved row-major (the `rgb`, `width`, `height` of @styleclip/imaging's decodeImage). */
export interface RgbImage {
  rgb: Uint8Array;
  width: number;
  height: number;
}

export function checkRgbImage(img: RgbImage, what = 'image'): void {
  const { width, height, rgb } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new FaceInputError(`${what}: size must be positive integers, got ${width}×${height}`);
  }
  if (!(rgb instanceof Uint8Array) || rgb.length !== width * height * 3) {
    throw new FaceInputError(
      `${what}: expected ${width * height * 3} RGB bytes for ${width}×${height}, got ${rgb?.length}`,
    );
  }
}
