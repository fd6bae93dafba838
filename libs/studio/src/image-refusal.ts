import type { ImageError } from '@styleclip/imaging';
import { StudioError, type StudioErrorCode } from './errors';

const ACCEPTED = 'a PNG, JPEG or WebP image';

const CODES: Record<ImageError['code'], StudioErrorCode> = {
  unsupported_type: 'UNSUPPORTED_TYPE',
  too_large: 'TOO_LARGE',
  too_many_pixels: 'TOO_MANY_PIXELS',
  corrupt: 'UNDECODABLE',
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * An image refusal in our words, from the error's code and figures, never its message (which may quote the
 * decoder, libvips): bytes and pixels are distinct codes, each naming the limit. The original is the cause.
 */
export function imageRefusal(e: ImageError): StudioError {
  const d = e.details;
  const code = CODES[e.code];
  let message: string;
  switch (e.code) {
    case 'unsupported_type':
      message = `the file is not ${ACCEPTED}`;
      break;
    case 'too_large':
      message =
        d.bytes !== undefined && d.maxBytes !== undefined
          ? `the file is ${d.bytes} bytes (${mb(d.bytes)}); the limit is ${d.maxBytes} bytes (${mb(d.maxBytes)})`
          : 'the file is larger than the upload limit';
      break;
    case 'too_many_pixels': {
      const limit =
        d.maxWidth !== undefined && d.maxHeight !== undefined
          ? `at most ${d.maxWidth}×${d.maxHeight} pixels are accepted`
          : 'it is over the pixel limit';
      message =
        d.width !== undefined && d.height !== undefined
          ? `the image is ${d.width}×${d.height} pixels; ${limit}`
          : `the image is too large in pixels; ${limit}`;
      break;
    }
    case 'corrupt':
      message = `the file cannot be decoded as ${d.format ? `a ${d.format.toUpperCase()} image` : ACCEPTED}: it is damaged, truncated or not really one`;
      break;
  }
  // The figures go along (e.g. as GraphQL extensions), so clients can word the refusal themselves.
  return new StudioError(code, message, { ...d }, { cause: e });
}
