import { EngineError } from '@styleclip/editing';
import { ImageError } from '@styleclip/imaging';
import { StorageError } from '@styleclip/storage';
import { imageRefusal } from './image-refusal';

/**
 * Every way an operation of the product can fail that its caller should understand. Adapters map each to their
 * own vocabulary exhaustively (the API to GraphQL error codes, the CLI to messages), so adding a code here is a
 * type error in every adapter until it says what the code means there.
 */
export const STUDIO_ERROR_CODES = [
  /** The request's parameters are wrong (out of range, unknown mapper, a latent of another generator, …). */
  'BAD_INPUT',
  'NOT_FOUND',
  /** A file is larger than allowed in bytes. */
  'TOO_LARGE',
  /** An image is larger than allowed in pixels (width, height or their product). */
  'TOO_MANY_PIXELS',
  /** A file is not a type we accept. */
  'UNSUPPORTED_TYPE',
  /** A file has the signature of a type we accept but cannot be decoded (damaged, truncated, not really one). */
  'UNDECODABLE',
  /** Storage does not answer; nothing was saved. */
  'STORAGE_UNAVAILABLE',
  /** The job queue (Redis) does not answer; nothing was submitted or changed. */
  'QUEUE_UNAVAILABLE',
  /** An upload cannot be edited until an inversion encoder is configured. */
  'INVERSION_NOT_CONFIGURED',
  /** A photo has no face to edit (none detected, or none that could be aligned). */
  'NO_FACE',
  /** No channel passes β for this text. */
  'NO_CHANNELS',
  /** The model set has no channel-relevance table (or no CLIP). */
  'NO_DIRECTIONS',
  /** Too many jobs, or one is already running on the same model set, or the service is stopping. */
  'BUSY',
  /** A stored record cannot be read (damaged, or written by a newer release); it is left as it is. */
  'RECORD_CORRUPT',
  /** A stored file's bytes do not match the content hash it is stored under (damaged in storage). */
  'BLOB_CORRUPT',
  /** Our bug or an unexpected failure; details go to the logs only. */
  'INTERNAL',
] as const;

export type StudioErrorCode = (typeof STUDIO_ERROR_CODES)[number];

/** An error meant for the caller: a stable code, a message in our words, and optional details (limits, ids). */
export class StudioError extends Error {
  constructor(
    readonly code: StudioErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'StudioError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>): StudioError =>
  new StudioError('BAD_INPUT', message, details);
export const notFound = (what: string, id: string): StudioError =>
  new StudioError('NOT_FOUND', `${what} ${JSON.stringify(id)} does not exist`);

export const isStudioErrorCode = (s: unknown): s is StudioErrorCode =>
  typeof s === 'string' && (STUDIO_ERROR_CODES as readonly string[]).includes(s);

const STORAGE_MESSAGE = 'storage is unavailable; nothing was saved, try again shortly';

const ENGINE_CODES: Record<string, StudioErrorCode> = {
  no_channels: 'NO_CHANNELS',
  no_directions: 'NO_DIRECTIONS',
  no_clip: 'NO_DIRECTIONS',
  bad_parameter: 'BAD_INPUT',
  bad_shape: 'BAD_INPUT',
  bad_input: 'BAD_INPUT',
  unknown_mapper: 'BAD_INPUT',
  // Latent optimization and mapper training: a set without ArcFace for λ_ID > 0, a loss that diverged at these
  // settings, a mapper name taken, too many training latents, a job's checkpoint from other model files.
  no_arcface: 'BAD_INPUT',
  diverged: 'BAD_INPUT',
  conflict: 'BAD_INPUT',
  too_large: 'TOO_LARGE',
  checkpoint_mismatch: 'BAD_INPUT',
  no_face: 'NO_FACE',
  no_face_models: 'INVERSION_NOT_CONFIGURED',
  no_encoder: 'INVERSION_NOT_CONFIGURED',
};

/**
 * The caller-facing form of a known failure of our libraries, or undefined for anything unexpected (to be logged
 * and masked). Storage messages name hosts and paths, and image messages may quote the decoder, so only the code
 * and a message in our words are kept (the original stays as the cause, for logs).
 */
export function toStudioError(e: unknown): StudioError | undefined {
  if (e instanceof StudioError) return e;
  if (e instanceof StorageError) {
    if (e.code === 'unavailable')
      return new StudioError('STORAGE_UNAVAILABLE', STORAGE_MESSAGE, {}, { cause: e });
    if (e.code === 'invalid_key') return new StudioError('BAD_INPUT', 'invalid id', {}, { cause: e });
    if (e.code === 'corrupt' || e.code === 'incompatible_version')
      return new StudioError(
        'RECORD_CORRUPT',
        'a stored record cannot be read (damaged, or written by a newer release); the server log names it',
        {},
        { cause: e },
      );
    if (e.code === 'content_mismatch')
      return new StudioError(
        'BLOB_CORRUPT',
        'a stored file is damaged (its bytes do not match its content hash); the server log names it',
        {},
        { cause: e },
      );
    return undefined;
  }
  if (e instanceof ImageError) return imageRefusal(e);
  if (e instanceof EngineError) {
    const code = ENGINE_CODES[e.code];
    return code ? new StudioError(code, e.message, {}, { cause: e }) : undefined;
  }
  return undefined;
}
