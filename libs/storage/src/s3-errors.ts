import { StorageError } from './errors';
import type { StorageErrorCode } from './errors';

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  errors?: { code?: string }[];
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
]);
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'ThrottlingException',
]);
const DENIED_NAMES = new Set([
  'AccessDenied',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'CredentialsProviderError',
]);

/** Classifies an error thrown by the AWS SDK (or the network under it). */
function classifyS3Error(e: unknown): { code: StorageErrorCode; detail: string } {
  const err = (e ?? {}) as SdkLikeError;
  const status = err.$metadata?.httpStatusCode;
  const name = err.name ?? 'Error';
  const sysCode = err.code ?? err.errors?.find((x) => x.code)?.code;
  const detail = [sysCode ?? name, status && `HTTP ${status}`, err.message].filter(Boolean).join(': ');
  let code: StorageErrorCode = 'internal';
  if ((sysCode && NETWORK_CODES.has(sysCode)) || UNAVAILABLE_NAMES.has(name) || (status ?? 0) >= 500) {
    code = 'unavailable';
  } else if (name === 'NoSuchBucket') code = 'invalid_config';
  else if (name === 'NoSuchKey' || name === 'NotFound' || status === 404) code = 'not_found';
  else if (
    name === 'PreconditionFailed' ||
    name === 'ConditionalRequestConflict' ||
    status === 412 ||
    status === 409
  ) {
    code = 'conflict';
  } else if (DENIED_NAMES.has(name) || status === 403 || status === 401) code = 'denied';
  else if (name === 'EntityTooLarge' || name === 'InvalidArgument' || status === 400)
    code = 'invalid_argument';
  return { code, detail };
}

/** Wraps an SDK error as a StorageError naming the operation, key and store. */
export function s3Error(op: string, key: string, where: string, e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const { code, detail } = classifyS3Error(e);
  const what =
    code === 'unavailable'
      ? 'the storage backend is unavailable'
      : code === 'invalid_config'
        ? 'the bucket does not exist'
        : code === 'denied'
          ? 'access denied (check the credentials and bucket policy)'
          : 'failed';
  return new StorageError(code, `s3 ${op} ${JSON.stringify(key)} (${where}): ${what} (${detail})`, {
    cause: e,
  });
}
