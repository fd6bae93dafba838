import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { STUDIO_ERROR_CODES, StudioError } from '@styleclip/studio';
import { StorageError } from '@styleclip/studio/testing';
import { ApiError, formatError, GRAPHQL_CODE, HTTP_STATUS, toApiError } from './errors';

const format = (e: unknown) => {
  const wrapped = new GraphQLError('wrapped', { path: ['x'], originalError: e as Error });
  return formatError(wrapped.toJSON(), wrapped);
};

describe('errors', () => {
  it("maps every code of the core to a GraphQL code with an HTTP status, and the core's errors to it", () => {
    for (const code of STUDIO_ERROR_CODES)
      expect(HTTP_STATUS[GRAPHQL_CODE[code]], code).toBeGreaterThanOrEqual(400);
    expect(toApiError(new StudioError('BAD_INPUT', 'no'))?.code).toBe('BAD_USER_INPUT');
    expect(toApiError(new StudioError('TOO_LARGE', 'big'))?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(toApiError(new StudioError('BUSY', 'wait'))?.code).toBe('JOB_LIMIT_REACHED');
    expect(toApiError(new StudioError('QUEUE_UNAVAILABLE', 'later'))?.code).toBe('QUEUE_UNAVAILABLE');
    // Library errors go through the core's mapping (libs/studio errors.test.ts has the rest).
    expect(
      toApiError(new StorageError('unavailable', 'GET http://10.0.0.5:9000/bucket/key failed'))?.code,
    ).toBe('STORAGE_UNAVAILABLE');
    expect(toApiError(new StudioError('INTERNAL', 'our bug'))).toBeUndefined();
    expect(toApiError(new StorageError('corrupt', 'x'))?.code).toBe('RECORD_CORRUPT');
    expect(toApiError(new StorageError('content_mismatch', 'x'))?.code).toBe('BLOB_CORRUPT');
    expect(toApiError(new StudioError('TOO_MANY_PIXELS', 'wide'))?.code).toBe('IMAGE_TOO_MANY_PIXELS');
    expect(toApiError(new StudioError('UNDECODABLE', 'damaged'))?.code).toBe('IMAGE_UNDECODABLE');
    expect(toApiError(new StorageError('internal', 'x'))).toBeUndefined();
    expect(toApiError(new Error('x'))).toBeUndefined();
  });

  it('keeps the details of a refusal as extensions (the problems of a parameter check)', () => {
    const f = format(new StudioError('BAD_INPUT', 'a; b', { problems: ['a', 'b'] }));
    expect(f).toEqual({
      path: ['x'],
      message: 'a; b',
      extensions: { code: 'BAD_USER_INPUT', problems: ['a', 'b'] },
    });
  });

  it('never leaks storage internals or unexpected messages', () => {
    const storage = format(
      new StorageError('unavailable', 'connect ECONNREFUSED 10.0.0.5:9000 (s3://bucket/records/x)'),
    );
    expect(storage.extensions).toEqual({ code: 'STORAGE_UNAVAILABLE' });
    expect(storage.message).not.toMatch(/10\.0\.0\.5|bucket/);
    const boom = format(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect(boom).toEqual({
      path: ['x'],
      message: 'internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    const corrupt = format(new StorageError('corrupt', 'record records/image/x.json is corrupt'));
    expect(corrupt.extensions).toEqual({ code: 'RECORD_CORRUPT' });
    expect(corrupt.message).not.toMatch(/records\//);
  });

  it('keeps our messages and extra extensions, drops the http extension', () => {
    const f = format(
      new ApiError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 3 }, { httpStatus: 429 }),
    );
    expect(f).toEqual({
      path: ['x'],
      message: 'slow down',
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3 },
    });
  });
});
