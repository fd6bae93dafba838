/**
 * Every failure this library reports is a `StorageError` with a stable `code` that callers can branch on
 * (and map to API error codes); the message says what failed and where, `cause` keeps the original error.
 */
export type StorageErrorCode =
  /** The backend could not be reached or did not answer in time (connection refused, timeout, 5xx). */
  | 'unavailable'
  /** The key or record does not exist (only for operations that require it). */
  | 'not_found'
  /** A conditional write lost (`ifNoneMatch: '*'` on an existing key), or the key clashes with a folder. */
  | 'conflict'
  /** A key, prefix, record id or type name is not allowed. */
  | 'invalid_key'
  /** A value or option passed by the caller is not valid (e.g. a record that fails its validator). */
  | 'invalid_argument'
  /** The storage configuration is invalid, or the backend says it does not fit (e.g. no such bucket). */
  | 'invalid_config'
  /** The backend refused the credentials or the operation. */
  | 'denied'
  /** Stored data cannot be read as what it should be (bad JSON, fails validation, failed migration). */
  | 'corrupt'
  /** A content-addressed blob's bytes do not hash to the hash its key names (damaged in storage). */
  | 'content_mismatch'
  /** A record was written by a newer schema version than this build knows, or a migration is missing. */
  | 'incompatible_version'
  /** Anything else the backend reported. */
  | 'internal';

export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

export const isStorageError = (e: unknown, code?: StorageErrorCode): e is StorageError =>
  e instanceof StorageError && (code === undefined || e.code === code);
