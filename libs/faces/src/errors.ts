/** What went wrong with a model file (dlib `.dat`, detector header or serialized detector). */
export type FaceModelErrorCode =
  /** The file does not exist or cannot be read. */
  | 'not_found'
  /** Larger than the limit for its kind, or it declares more data than it holds. */
  | 'too_large'
  /** Not dlib's format, truncated, or inconsistent (bad sizes, indices, versions, checksums). */
  | 'malformed'
  /** A valid dlib object of a kind or version this reader does not handle. */
  | 'unsupported';

/** A model file was refused. The message names the file and the field that failed. */
export class FaceModelError extends Error {
  override readonly name = 'FaceModelError';
  constructor(
    readonly code: FaceModelErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A photo or request the detector refuses (bad pixel buffer, too many pixels after upsampling, bad options). */
export class FaceInputError extends Error {
  override readonly name = 'FaceInputError';
}
