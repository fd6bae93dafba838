import { StorageError } from './errors';

/** Longest key accepted (S3 allows 1024 bytes including the store prefix; keep well below). */
export const MAX_KEY_LENGTH = 512;

const KEY_CHARS = /^[A-Za-z0-9/_.-]*$/;

const describe = (key: unknown): string => {
  const s = JSON.stringify(key);
  return s === undefined ? String(key) : s.length > 100 ? `${s.slice(0, 100)}…` : s;
};

/**
 * Checks a blob key and returns it. Keys are `/`-separated segments of `[A-Za-z0-9_.-]`, at most
 * {@link MAX_KEY_LENGTH} characters, with no leading or trailing `/`, no empty segment and no segment starting
 * with `.` (so `.`/`..` can never escape the store, and hidden names stay free for the filesystem store's
 * temporary and sidecar files).
 */
export function validateKey(key: unknown, what = 'key'): string {
  const bad = (why: string): never => {
    throw new StorageError('invalid_key', `invalid ${what} ${describe(key)}: ${why}`);
  };
  if (typeof key !== 'string') return bad('expected a string');
  if (key.length === 0) return bad('must not be empty');
  if (key.length > MAX_KEY_LENGTH) return bad(`longer than ${MAX_KEY_LENGTH} characters (${key.length})`);
  if (!KEY_CHARS.test(key)) return bad('only A-Z a-z 0-9 / _ . - are allowed');
  if (key.startsWith('/')) return bad('must not start with "/"');
  if (key.endsWith('/')) return bad('must not end with "/"');
  for (const segment of key.split('/')) {
    if (segment === '') return bad('empty path segment ("//")');
    if (segment.startsWith('.'))
      return bad(`segment "${segment}" starts with "." (no ".", ".." or hidden names)`);
  }
  return key;
}

/**
 * Checks a listing prefix: empty, or a key-shaped string that may end with `/` or in the middle of a segment
 * (`records/im` lists `records/image/…`).
 */
export function validatePrefix(prefix: unknown): string {
  if (prefix === '') return '';
  if (typeof prefix !== 'string') {
    throw new StorageError('invalid_key', `invalid prefix ${describe(prefix)}: expected a string`);
  }
  validateKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix, 'prefix');
  return prefix;
}
