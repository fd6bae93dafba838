import { createHash } from 'node:crypto';
import { StorageError } from './errors';
import { validateKey } from './keys';

/** Lower-case hex SHA-256 of the bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const KIND = /^[a-z0-9][a-z0-9-]{0,39}$/;
const EXT = /^[a-z0-9]{1,10}$/;

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
