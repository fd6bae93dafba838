/** Why an image was refused; stable strings an API can return to clients. */
export type ImageErrorCode = 'unsupported_type' | 'too_large' | 'too_many_pixels' | 'corrupt';

/** A refused or unreadable image. `code` is stable; `message` says what was wrong and with which limits. */
export class ImageError extends Error {
  constructor(
    readonly code: ImageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImageError';
  }
}
