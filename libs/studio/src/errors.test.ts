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
    expect(toStudioError(new ImageError('too_many_pixels', 'big'))?.code).toBe('TOO_MANY_PIXELS');
    expect(toStudioError(new ImageError('corrupt', 'bad'))?.code).toBe('UNDECODABLE');
    expect(toStudioError(new EngineError('no channels', 'no_channels'))?.code).toBe('NO_CHANNELS');
    expect(toStudioError(new EngineError('no table', 'no_directions'))?.code).toBe('NO_DIRECTIONS');
    expect(toStudioError(new EngineError('no clip', 'no_clip'))?.code).toBe('NO_DIRECTIONS');
    expect(toStudioError(new EngineError('bad', 'bad_parameter'))?.code).toBe('BAD_INPUT');
    const own = new StudioError('BUSY', 'wait');
    expect(toStudioError(own)).toBe(own);
  });

  it('words image refusals itself: bytes and pixels apart, no decoder internals, the figures as details', () => {
    const bytes = toStudioError(
      new ImageError('too_large', 'image is 30000000 bytes', { bytes: 30_000_000, maxBytes: 20_971_520 }),
    )!;
    expect(bytes.code).toBe('TOO_LARGE');
    expect(bytes.message).toBe('the file is 30000000 bytes (28.6 MB); the limit is 20971520 bytes (20.0 MB)');
    const pixels = toStudioError(
      new ImageError('too_many_pixels', 'png image: Input image exceeds pixel limit', {
        width: 5000,
        height: 5000,
        maxWidth: 4096,
        maxHeight: 4096,
      }),
    )!;
    expect(pixels.code).toBe('TOO_MANY_PIXELS');
    expect(pixels.message).toBe('the image is 5000×5000 pixels; at most 4096×4096 pixels are accepted');
    expect(pixels.details).toMatchObject({ width: 5000, maxWidth: 4096 });
    const vips = 'cannot decode the png image (8×8): VipsForeignLoad: libspng read error';
    const damaged = toStudioError(new ImageError('corrupt', vips, { format: 'png' }))!;
    expect(damaged.code).toBe('UNDECODABLE');
    expect(damaged.message).toBe(
      'the file cannot be decoded as a PNG image: it is damaged, truncated or not really one',
    );
    expect(damaged.message).not.toMatch(/vips|spng/i);
  });

  it('maps damaged stored data to its own codes, without storage paths', () => {
    const record = toStudioError(new StorageError('corrupt', 'record records/image/x.json is corrupt'))!;
    expect(record.code).toBe('RECORD_CORRUPT');
    expect(record.message).not.toMatch(/records\//);
    expect(toStudioError(new StorageError('incompatible_version', 'newer'))?.code).toBe('RECORD_CORRUPT');
    const blob = toStudioError(
      new StorageError('content_mismatch', 'blob "blobs/latents/ab/cd.npy" is damaged'),
    )!;
    expect(blob.code).toBe('BLOB_CORRUPT');
    expect(blob.message).not.toMatch(/blobs\//);
  });

  it('leaves anything unexpected unmapped (to be logged and masked)', () => {
    expect(toStudioError(new StorageError('internal', 'x'))).toBeUndefined();
    expect(toStudioError(new EngineError('?', 'something_new'))).toBeUndefined();
    expect(toStudioError(new Error('x'))).toBeUndefined();
  });
});
