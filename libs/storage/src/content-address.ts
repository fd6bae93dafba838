import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { StorageError } from './errors';
import { validateKey } from './keys';

/** Lower-case hex SHA-256 of the bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const KIND = /^[a-z0-9][a-z0-9-]{0,39}$/;
const EXT = /^[a-z0-9]{1,10}$/;
const unanchored = (re: RegExp): string => re.source.slice(1, -1);
/** `blobs/<kind>/<hash[0:2]>/<hash[2:]>.<ext>`, capturing the two halves of the hash. */
const CONTENT_KEY = new RegExp(
  `^blobs/${unanchored(KIND)}/([0-9a-f]{2})/([0-9a-f]{62})\\.${unanchored(EXT)}$`,
);

/**
 * The key of content-addressed bytes: `blobs/<kind>/<hash[0:2]>/<hash[2:]>.<ext>`
 * (e.g. `blobs/images/ab/cdef….png`). The two-character fan-out keeps folders and listings small.
 */
export function contentKey(kind: string, hash: string, ext: string): string {
  if (!KIND.test(kind)) {
    throw new StorageError('invalid_key', `content kind ${JSON.stringify(kind)} must match ${KIND.source}`);
  }
  if (!/^[0-9a-f]{64}$/.test(hash)) {
    throw new StorageError(
      'invalid_key',
      `content hash ${JSON.stringify(hash)} is not a lower-case sha256 hex digest`,
    );
  }
  const e = ext.startsWith('.') ? ext.slice(1) : ext;
  if (!EXT.test(e)) {
    throw new StorageError(
      'invalid_key',
      `content extension ${JSON.stringify(ext)} must match ${EXT.source}`,
    );
  }
  return validateKey(`blobs/${kind}/${hash.slice(0, 2)}/${hash.slice(2)}.${e}`);
}

/** The sha256 hex a content key names, or undefined when `key` is not a content key. */
export function contentHashOfKey(key: string): string | undefined {
  const m = CONTENT_KEY.exec(key);
  return m ? m[1]! + m[2]! : undefined;
}

function mismatch(key: string, where: string, expected: string, actual: string): StorageError {
  return new StorageError(
    'content_mismatch',
    `${where}: blob ${JSON.stringify(key)} is damaged: its bytes hash to sha256 ${actual}, its key names ` +
      `${expected} (restore the blob from a backup, or delete it and what refers to it)`,
  );
}

/**
 * Checks bytes read from storage at `key` (`where` names the store for messages): a content key's bytes must
 * hash to the hash the key names, else a StorageError `content_mismatch`. Other keys pass unchecked. Every
 * BlobStore calls this in `get`, so nothing above the store (a cache, a decoder) ever sees damaged content.
 */
export function verifyContent(key: string, where: string, bytes: Uint8Array): Uint8Array {
  const expected = contentHashOfKey(key);
  if (expected === undefined) return bytes;
  const actual = sha256Hex(bytes);
  if (actual !== expected) throw mismatch(key, where, expected, actual);
  return bytes;
}

/**
 * `verifyContent` for `getStream`: the bytes pass through as they come, hashed on the way; a content key's
 * stream ends with a `content_mismatch` error instead of its normal end when the hash differs (a consumer
 * sees the error before it could take the bytes as complete). Errors of `source` pass through.
 */
export function verifiedStream(key: string, where: string, source: Readable): Readable {
  const expected = contentHashOfKey(key);
  if (expected === undefined) return source;
  const hash = createHash('sha256');
  const checked = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      done(actual === expected ? null : mismatch(key, where, expected, actual));
    },
  });
  source.on('error', (e) => checked.destroy(e));
  checked.on('close', () => {
    if (!source.readableEnded) source.destroy();
  });
  return source.pipe(checked);
}
