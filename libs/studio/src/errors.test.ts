import { describe, expect, it } from 'vitest';
import { EngineError } from '@styleclip/editing';
import { ImageError } from '@styleclip/imaging';
import { StorageError } from '@styleclip/storage';
import { StudioError, toStudioError } from './errors';

describe('toStudioError', () => {
  it("maps our libraries' errors to stable codes, hiding storage internals", () => {
    const storage = toStudioError(
      new StorageError('unavailable', 'GET http://10.0.0.5:9000/bucket/key failed'),
    );
    expect(storage?.code).toBe('STORAGE_UNAVAILABLE');
    expect(storage?.message).not.toMatch(/10\.0\.0\.5/);
    expect(toStudioError(new StorageError('invalid_key', 'bad'))?.code).toBe('BAD_INPUT');
    expect(toStudioError(new ImageError('unsupported_type', 'gif'))?.code).toBe('UNSUPPORTED_TYPE');
    expect(toStudioError(new ImageError('too_large', 'big'))?.code).toBe('TOO_LARGE');
    expect(toStudioError(new ImageError('too_many_pixels', 'big'))?.code).toBe('TOO_LARGE');
    expect(toStudioError(new ImageError('corrupt', 'bad'))?.code).toBe('BAD_INPUT');
    expect(toStudioError(new EngineError('no channels', 'no_channels'))?.code).toBe('NO_CHANNELS');
    expect(toStudioError(new EngineError('no table', 'no_directions'))?.code).toBe('NO_DIRECTIONS');
    expect(toStudioError(new EngineError('no clip', 'no_clip'))?.code).toBe('NO_DIRECTIONS');
    expect(toStudioError(new EngineError('bad', 'bad_parameter'))?.code).toBe('BAD_INPUT');
    const own = new StudioError('BUSY', 'wait');
    expect(toStudioError(own)).toBe(own);
  });

  it('leaves anything unexpected unmapped (to be logged and masked)', () => {
    expect(toStudioError(new StorageError('corrupt', 'x'))).toBeUndefined();
    expect(toStudioError(new EngineError('?', 'something_new'))).toBeUndefined();
    expect(toStudioError(new Error('x'))).toBeUndefined();
  });
});
