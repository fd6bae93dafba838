import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { checkFile, contentTypeOf, uploadErrorMessage } from './upload';

describe('upload checks', () => {
  it('takes the content type from the browser, else from the extension', () => {
    expect(contentTypeOf({ name: 'a.PNG', type: '' })).toBe('image/png');
    expect(contentTypeOf({ name: 'a.jpg', type: 'image/jpeg' })).toBe('image/jpeg');
    expect(contentTypeOf({ name: 'a.gif', type: '' })).toBe('application/octet-stream');
  });

  it('refuses other types, empty and oversized files before uploading', () => {
    expect(checkFile({ name: 'a.gif', type: 'image/gif', size: 10 })).toMatch(/not a PNG, JPEG or WebP/);
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 0 })).toMatch(/empty/);
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 21 * 1024 * 1024 })).toMatch(/up to 20 MB/);
    expect(checkFile({ name: 'a.webp', type: 'image/webp', size: 1000 })).toBeNull();
  });

  it('words the API refusals for the file', () => {
    const corrupt = new ApiError('BAD_USER_INPUT', 'x', 'the image is corrupt: cannot decode PNG');
    expect(uploadErrorMessage(corrupt, 'f.png')).toMatch(/could not be read as an image/);
    const pixels = new ApiError('PAYLOAD_TOO_LARGE', 'x', 'image is 5000×5000 pixels; at most 4096×4096');
    expect(uploadErrorMessage(pixels, 'f.png')).toMatch(/too large in pixels/);
    const bytes = new ApiError('PAYLOAD_TOO_LARGE', 'x', 'upload exceeds 20971520 bytes');
    expect(uploadErrorMessage(bytes, 'f.png')).toMatch(/up to 20 MB/);
    const type = new ApiError('UNSUPPORTED_MEDIA_TYPE', 'x', 'image/gif');
    expect(uploadErrorMessage(type, 'f.gif')).toMatch(/not a PNG, JPEG or WebP/);
  });
});
