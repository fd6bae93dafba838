/** Why an image was refused; stable strings an API can return to clients. */
export type ImageErrorCode = 'unsupported_type' | 'too_large' | 'too_many_pixels' | 'corrupt';

/** What a refusal measured, so callers can word it themselves (the message may quote the decoder). */
export interface ImageErrorDetails {
  format?: string;
  bytes?: number;
  maxBytes?: number;
  width?: number;
  height?: number;
  maxWidth?: number;
  maxHeight?: number;
  maxPixels?: number;
}

/**
 * A refused or unreadable image. `code` is stable; `message` says what was wrong and with which limits (for
 * logs: it may quote the decoder); `details` holds the figures.
 */
export class ImageError extends Error {
  constructor(
    readonly code: ImageErrorCode,
    message: string,
    readonly details: ImageErrorDetails = {},
  ) {
    super(message);
    this.name = 'ImageError';
  }
}
