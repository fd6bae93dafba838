import { basename } from 'node:path';

/**
 * Every failure to read or write a checkpoint. The message starts with the file's name (and the entry inside
 * it when there is one) and says what was found; `file` keeps the full path.
 */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${basename(file) || file}: ${detail}`);
  }
}

/** Hex dump of the first `n` bytes, e.g. "89 50 4E 47". */
export function hexBytes(bytes: Uint8Array, n = 8): string {
  return Array.from(bytes.subarray(0, n), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
