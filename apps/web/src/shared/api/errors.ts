// API errors carry a stable `extensions.code`; this maps each to a message a person can act on. Server messages
// are shown only for codes whose messages are written for users (invalid input, refused uploads).

/**
 * The API's codes (`enum ErrorCode` of the schema; errors.test.ts checks the two lists are the same) plus the two
 * this app adds for the transport.
 */
export type ApiErrorCode =
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'PAYLOAD_TOO_LARGE'
  | 'IMAGE_TOO_MANY_PIXELS'
  | 'IMAGE_UNDECODABLE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RECORD_CORRUPT'
  | 'BLOB_CORRUPT'
  | 'STORAGE_UNAVAILABLE'
  | 'QUEUE_UNAVAILABLE'
  | 'INVERSION_NOT_CONFIGURED'
  | 'NO_CHANNELS'
  | 'NO_DIRECTIONS'
  | 'NO_FACE'
  | 'JOB_LIMIT_REACHED'
  | 'INTERNAL_SERVER_ERROR'
  /** The API (or this app's proxy to it) could not be reached. */
  | 'SERVICE_UNREACHABLE'
  /** Anything else, including a response that is not GraphQL. */
  | 'UNKNOWN';

export const UNREACHABLE_MESSAGE = 'The editing service is not reachable — retrying…';

const MESSAGES: Record<ApiErrorCode, string> = {
  GRAPHQL_PARSE_FAILED: 'This version of the app does not match the service. Reload the page and try again.',
  GRAPHQL_VALIDATION_FAILED:
    'This version of the app does not match the service. Reload the page and try again.',
  BAD_REQUEST: 'The request was not understood. Reload the page and try again.',
  BAD_USER_INPUT: 'Some of the values were not accepted. Check them and try again.',
  NOT_FOUND: 'This item does not exist (any more).',
  UNAUTHENTICATED: 'This action needs an API key. Add yours in Settings and try again.',
  FORBIDDEN:
    'Your API key is not allowed to do this (only the key that started a job, or an admin key, can cancel it).',
  RATE_LIMITED: 'Too many requests right now. Wait a few seconds and try again.',
  QUERY_TOO_COMPLEX: 'That request asked for too much at once. Try a smaller page.',
  PAYLOAD_TOO_LARGE: 'The file is too large.',
  IMAGE_TOO_MANY_PIXELS: 'The image is too large in pixels.',
  IMAGE_UNDECODABLE:
    'The file could not be read as an image: it looks damaged or is not really a PNG, JPEG or WebP.',
  UNSUPPORTED_MEDIA_TYPE: 'This file type is not supported: upload a PNG, JPEG or WebP image.',
  RECORD_CORRUPT: 'This item is damaged in storage and cannot be shown.',
  BLOB_CORRUPT:
    'A stored file of this item is damaged and cannot be used until it is restored. Please tell the operator.',
  STORAGE_UNAVAILABLE: 'Image storage is unavailable for a moment. Please try again shortly.',
  QUEUE_UNAVAILABLE: 'The job queue is unavailable for a moment. Please try again shortly.',
  INVERSION_NOT_CONFIGURED:
    'Uploaded photos cannot be edited yet: this service has no inversion model configured. Your upload is kept and becomes editable once one is.',
  NO_CHANNELS: 'No style channel passes this β. Lower β or turn on auto β.',
  NO_DIRECTIONS:
    'This model set has no precomputed directions yet. Precompute them on the model set page, then try again.',
  NO_FACE:
    'No face was found in this photo: the face detector needs a face seen from the front and upright. Try another photo.',
  JOB_LIMIT_REACHED: 'Too many jobs are running. Try again when one has finished.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Please try again.',
  SERVICE_UNREACHABLE: 'The editing service is not reachable. Please try again in a moment.',
  UNKNOWN: 'Something went wrong. Please try again.',
};

/** Every code this app knows, with a message for each. */
export const API_ERROR_CODES = Object.keys(MESSAGES) as readonly ApiErrorCode[];

/** The codes the transport adds (not the API's). */
export const TRANSPORT_ERROR_CODES: readonly ApiErrorCode[] = ['SERVICE_UNREACHABLE', 'UNKNOWN'];

/** Codes whose server message is meant for users and is more precise than ours. */
const SHOW_SERVER_MESSAGE = new Set<ApiErrorCode>([
  'BAD_USER_INPUT',
  'NO_FACE',
  'PAYLOAD_TOO_LARGE',
  'IMAGE_TOO_MANY_PIXELS',
  'UNSUPPORTED_MEDIA_TYPE',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
]);

export interface GraphQLErrorPayload {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown; [key: string]: unknown };
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    /** What to show a person. */
    readonly userMessage: string,
    /** The server's message, for logs (may be technical). */
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }

  get retryable(): boolean {
    return (
      this.code === 'SERVICE_UNREACHABLE' ||
      this.code === 'STORAGE_UNAVAILABLE' ||
      this.code === 'QUEUE_UNAVAILABLE'
    );
  }
}

function knownCode(code: unknown): ApiErrorCode {
  return typeof code === 'string' && code in MESSAGES ? (code as ApiErrorCode) : 'UNKNOWN';
}

/** The message for a code; `serverMessage` is used where the API's wording is written for users. */
export function messageFor(code: ApiErrorCode, serverMessage?: string): string {
  if (serverMessage && SHOW_SERVER_MESSAGE.has(code) && serverMessage.length <= 300)
    return sentence(serverMessage);
  return MESSAGES[code];
}

function sentence(s: string): string {
  const t = s.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/** The first GraphQL error of a response as an ApiError. */
export function fromGraphQLErrors(errors: readonly GraphQLErrorPayload[]): ApiError {
  const first = errors[0] ?? {};
  const code = knownCode(first.extensions?.code);
  const serverMessage = typeof first.message === 'string' ? first.message : undefined;
  return new ApiError(code, messageFor(code, serverMessage), serverMessage, first.extensions ?? {});
}

export function unreachable(detail?: string): ApiError {
  return new ApiError('SERVICE_UNREACHABLE', MESSAGES.SERVICE_UNREACHABLE, detail);
}

/** Any thrown value as a message for a person. */
export function userMessage(error: unknown): string {
  if (error instanceof ApiError) return error.userMessage;
  return MESSAGES.UNKNOWN;
}
