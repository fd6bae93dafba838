import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EngineError } from '@styleclip/editing';
import { ImageError } from '@styleclip/imaging';
import { StorageError } from '@styleclip/storage';
import { ApiError, formatError, toApiError } from './errors';

const format = (e: unknown) => {
  const wrapped = new GraphQLError('wrapped', { path: ['x'], originalError: e as Error });
  return formatError(wrapped.toJSON(), wrapped);
};

describe('errors', () => {
  it('maps library errors to stable codes', () => {
    expect(
      toApiError(new StorageError('unavailable', 'GET http://10.0.0.5:9000/bucket/key failed'))?.code,
    ).toBe('STORAGE_UNAVAILABLE');
    expect(toApiError(new ImageError('unsupported_type', 'gif'))?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(toApiError(new ImageError('too_large', 'big'))?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(toApiError(new ImageError('too_many_pixels', 'big'))?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(toApiError(new ImageError('corrupt', 'bad'))?.code).toBe('BAD_USER_INPUT');
    expect(toApiError(new EngineError('no channels', 'no_channels'))?.code).toBe('NO_CHANNELS');
    expect(toApiError(new EngineError('no table', 'no_directions'))?.code).toBe('NO_DIRECTIONS');
    expect(toApiError(new EngineError('bad', 'bad_parameter'))?.code).toBe('BAD_USER_INPUT');
    expect(toApiError(new StorageError('corrupt', 'x'))).toBeUndefined();
    expect(toApiError(new Error('x'))).toBeUndefined();
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
    expect(corrupt.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
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
