import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ErrorCode } from '@styleclip/api-contract';
import { isStudioErrorCode, toStudioError, type StudioErrorCode } from '@styleclip/studio';

/** HTTP status that goes with each code (REST endpoints, and GraphQL errors raised before execution). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  PAYLOAD_TOO_LARGE: 413,
  IMAGE_TOO_MANY_PIXELS: 413,
  IMAGE_UNDECODABLE: 422,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RECORD_CORRUPT: 500,
  BLOB_CORRUPT: 500,
  STORAGE_UNAVAILABLE: 503,
  QUEUE_UNAVAILABLE: 503,
  INVERSION_NOT_CONFIGURED: 422,
  NO_CHANNELS: 422,
  NO_DIRECTIONS: 422,
  NO_FACE: 422,
  JOB_LIMIT_REACHED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

/** An error whose message is meant for the client, with a stable code. */
export class ApiError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
    options: { cause?: unknown; httpStatus?: number; headers?: Record<string, string> } = {},
  ) {
    // Apollo reads `extensions.http` (status, and headers as a Map) for the HTTP response, then drops it.
    const http = {
      ...(options.httpStatus !== undefined ? { status: options.httpStatus } : {}),
      ...(options.headers ? { headers: new Map(Object.entries(options.headers)) } : {}),
    };
    super(message, {
      extensions: {
        code,
        ...extra,
        ...(Object.keys(http).length ? { http } : {}),
      },
      ...(options.cause instanceof Error ? { originalError: options.cause } : {}),
    });
    this.name = 'ApiError';
  }
}

/**
 * The GraphQL code of every studio error code. A `Record` over the union: a code added to the core without a
 * GraphQL meaning here does not compile.
 */
export const GRAPHQL_CODE: Record<StudioErrorCode, ErrorCode> = {
  BAD_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  TOO_MANY_PIXELS: 'IMAGE_TOO_MANY_PIXELS',
  UNSUPPORTED_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UNDECODABLE: 'IMAGE_UNDECODABLE',
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
  QUEUE_UNAVAILABLE: 'QUEUE_UNAVAILABLE',
  INVERSION_NOT_CONFIGURED: 'INVERSION_NOT_CONFIGURED',
  NO_CHANNELS: 'NO_CHANNELS',
  NO_DIRECTIONS: 'NO_DIRECTIONS',
  NO_FACE: 'NO_FACE',
  BUSY: 'JOB_LIMIT_REACHED',
  RECORD_CORRUPT: 'RECORD_CORRUPT',
  BLOB_CORRUPT: 'BLOB_CORRUPT',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** The GraphQL code of a code stored in a record (studio codes; older records stored GraphQL codes). */
export const graphqlCodeOf = (code: string): string => (isStudioErrorCode(code) ? GRAPHQL_CODE[code] : code);

/**
 * The client-facing form of a known failure (our own, or one of our libraries' the core knows), or undefined
 * for anything unexpected (which is then masked and logged).
 */
export function toApiError(e: unknown): ApiError | undefined {
  if (e instanceof ApiError) return e;
  const studio = toStudioError(e);
  if (!studio || studio.code === 'INTERNAL') return undefined;
  return new ApiError(GRAPHQL_CODE[studio.code], studio.message, studio.details, { cause: studio });
}

/** Finds our error (or a library error we know) behind GraphQL's wrappers. */
export function rootCause(error: unknown): unknown {
  let e: unknown = error;
  for (let i = 0; i < 5 && e instanceof GraphQLError && !(e instanceof ApiError) && e.originalError; i++) {
    e = e.originalError;
  }
  return e;
}

/** Codes Apollo Server itself produces that we pass through (or rename to ours). */
const APOLLO_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  OPERATION_RESOLUTION_FAILURE: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_FOUND: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_SUPPORTED: 'BAD_REQUEST',
};

export const INTERNAL_MESSAGE = 'internal server error';

/**
 * What the client may see of an error: our code and message, or undefined when the error is unexpected
 * (it is then masked as INTERNAL_SERVER_ERROR and logged with its stack).
 */
export function classifyError(
  error: unknown,
): { code: ErrorCode; message: string; extensions: Record<string, unknown> } | undefined {
  const known = toApiError(rootCause(error));
  if (known) {
    const { http: _http, code: _code, ...extensions } = (known.extensions ?? {}) as Record<string, unknown>;
    return { code: known.code, message: known.message, extensions };
  }
  // Apollo's own request errors (parse, validation, variables, …): a GraphQLError carrying one of its codes.
  if (error instanceof GraphQLError) {
    const mapped = APOLLO_CODES[String(error.extensions?.code ?? '')];
    const cause = error.originalError;
    if (mapped && (cause === undefined || cause instanceof GraphQLError))
      return { code: mapped, message: error.message, extensions: {} };
  }
  return undefined;
}

/**
 * Apollo's `formatError`: every error leaves with a code of the schema's ErrorCode; unexpected errors are
 * masked (no message, no stack, no internals). `requestId` is added per request (see plugins).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const c = classifyError(error);
  const base = {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (!c) return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  return { ...base, message: c.message, extensions: { code: c.code, ...c.extensions } };
}

/** The JSON body of a REST error response (and of GraphQL errors raised before Apollo runs). */
export function restErrorBody(
  code: ErrorCode,
  message: string,
  requestId: string,
  extra: Record<string, unknown> = {},
) {
  return { error: { code, message, requestId, ...extra } };
}

export function graphqlErrorBody(
  code: ErrorCode,
  message: string,
  requestId: string,
  extra: Record<string, unknown> = {},
) {
  return { errors: [{ message, extensions: { code, requestId, ...extra } }] };
}
