import { StorageError } from './errors';
import type { BlobBody, ListOptions } from './blob-store';

/** Wraps an error thrown by the caller's body stream, so stores rethrow it as is (it is not a storage error). */
class BodySourceFailure {
  constructor(readonly error: unknown) {}
}

/** Rethrows the caller's own stream error unwrapped; everything else goes through `wrap`. */
export function rethrow(e: unknown, wrap: (e: unknown) => unknown): never {
  throw e instanceof BodySourceFailure ? e.error : wrap(e);
}

/**
 * Iterates a body as chunks (a `Uint8Array` is one chunk). Errors thrown by the body's own stream come out
 * wrapped in `BodySourceFailure`; chunks that are not bytes are refused.
 */
export async function* chunksOf(body: BlobBody): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  const it = (body as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  let finished = false;
  try {
    while (true) {
      let next: IteratorResult<unknown>;
      try {
        next = await it.next();
      } catch (e) {
        finished = true;
        throw new BodySourceFailure(e);
      }
      if (next.done) {
        finished = true;
        return;
      }
      if (!(next.value instanceof Uint8Array)) {
        throw new StorageError(
          'invalid_argument',
          `body stream yielded a ${typeof next.value}, expected bytes`,
        );
      }
      yield next.value;
    }
  } finally {
    if (!finished) await it.return?.()?.catch(() => undefined);
  }
}

export const isBytes = (body: BlobBody): body is Uint8Array => body instanceof Uint8Array;

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  bin: 'application/octet-stream',
  npy: 'application/octet-stream',
  onnx: 'application/octet-stream',
};

/** The content type implied by a key's extension (`application/octet-stream` when unknown). */
export function contentTypeForKey(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return (dot > 0 && TYPES[name.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}

/** Checks a content type enough to store it in a header. */
export function validateContentType(contentType: string): string {
  if (!/^[\x21-\x7e][\x20-\x7e]{0,254}$/.test(contentType) || !contentType.includes('/')) {
    throw new StorageError('invalid_argument', `invalid content type ${JSON.stringify(contentType)}`);
  }
  return contentType;
}

export const MAX_PAGE = 1000;

/** Validated page size. */
export function pageLimit(options: ListOptions | undefined): number {
  const limit = options?.limit ?? MAX_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new StorageError(
      'invalid_argument',
      `list limit must be an integer in 1…${MAX_PAGE}, got ${limit}`,
    );
  }
  return limit;
}

/** Validated presign lifetime in seconds (S3 allows up to 7 days). */
export function expirySeconds(expiresIn: number): number {
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > 7 * 24 * 3600) {
    throw new StorageError(
      'invalid_argument',
      `expiresIn must be whole seconds in 1…604800, got ${expiresIn}`,
    );
  }
  return expiresIn;
}
