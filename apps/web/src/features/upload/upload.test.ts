import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import {
  checkFile,
  contentTypeOf,
  describeLimits,
  formatLimitBytes,
  uploadErrorMessage,
  uploadLimitsOf,
  type UploadLimits,
} from './upload';

const LIMITS: UploadLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxWidth: 4096,
  maxHeight: 4096,
  contentTypes: ['image/png', 'image/jpeg', 'image/jpg', 'image/webp'],
};

describe('upload checks', () => {
  it('takes the content type from the browser, else from the extension', () => {
    expect(contentTypeOf({ name: 'a.PNG', type: '' })).toBe('image/png');
    expect(contentTypeOf({ name: 'a.jpg', type: 'image/jpeg' })).toBe('image/jpeg');
    expect(contentTypeOf({ name: 'a.gif', type: '' })).toBe('application/octet-stream');
  });

  it("refuses other types, empty and oversized files before uploading, by the API's limits", () => {
    expect(checkFile({ name: 'a.gif', type: 'image/gif', size: 10 }, LIMITS)).toMatch(
      /not a PNG, JPEG or WebP/,
    );
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 0 }, LIMITS)).toMatch(/empty/);
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 21 * 1024 * 1024 }, LIMITS)).toBe(
      '“a.png” is 21 MB; images up to 20 MB are accepted.',
    );
    expect(checkFile({ name: 'a.webp', type: 'image/webp', size: 1000 }, LIMITS)).toBeNull();
    // A deployment with a smaller limit: the same file is refused with that limit named.
    const small = { ...LIMITS, maxBytes: 512 * 1024 };
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 600 * 1024 }, small)).toBe(
      '“a.png” is 600 KB; images up to 512 KB are accepted.',
    );
    // Limits not loaded yet: only an empty file is refused here, the API checks the rest.
    expect(checkFile({ name: 'a.gif', type: 'image/gif', size: 10 }, undefined)).toBeNull();
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 0 }, undefined)).toMatch(/empty/);
  });

  it('reads the limits from the parameters query and says them', () => {
    const limits = uploadLimitsOf({
      parameters: {
        createUpload: { size: { max: 3 * 1024 * 1024 }, contentType: { values: ['image/png'] } },
        uploadedImage: { width: { max: 2000 }, height: { max: 1000 } },
      },
    });
    expect(limits).toEqual({
      maxBytes: 3 * 1024 * 1024,
      maxWidth: 2000,
      maxHeight: 1000,
      contentTypes: ['image/png'],
    });
    expect(describeLimits(limits)).toBe('A face photo: PNG, JPEG or WebP, up to 3 MB and 2000×1000 pixels.');
    expect(describeLimits(undefined)).toBe('A face photo: PNG, JPEG or WebP.');
    expect(uploadLimitsOf(undefined)).toBeUndefined();
    expect(formatLimitBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });

  it('words the API refusals by their code and figures, never by the message text', () => {
    // A damaged PNG whose decoder message mentions dimensions is still "could not be read" (the old defect).
    const corrupt = new ApiError('IMAGE_UNDECODABLE', 'x', 'PNG: 5000x5000 dimensions, too large chunk', {
      format: 'png',
    });
    expect(uploadErrorMessage(corrupt, 'f.png')).toMatch(/“f\.png” could not be read as an image/);
    const pixels = new ApiError('IMAGE_TOO_MANY_PIXELS', 'x', 'anything', {
      width: 5000,
      height: 4000,
      maxWidth: 4096,
      maxHeight: 4096,
    });
    expect(uploadErrorMessage(pixels, 'f.png')).toBe(
      '“f.png” is 5000×4000 pixels; images up to 4096×4096 pixels are accepted.',
    );
    const bytes = new ApiError('PAYLOAD_TOO_LARGE', 'x', 'the image is 5000×5000 pixels', {
      maxBytes: 1024 * 1024,
    });
    expect(uploadErrorMessage(bytes, 'f.png')).toBe('“f.png” is too large: images up to 1 MB are accepted.');
    expect(uploadErrorMessage(new ApiError('PAYLOAD_TOO_LARGE', 'x'), 'f.png')).toBe(
      '“f.png” is too large to upload.',
    );
    const type = new ApiError('UNSUPPORTED_MEDIA_TYPE', 'x', 'image/gif');
    expect(uploadErrorMessage(type, 'f.gif')).toMatch(/not a PNG, JPEG or WebP/);
    const other = new ApiError('BAD_USER_INPUT', 'Some values were not accepted.', 'the image is corrupt');
    expect(uploadErrorMessage(other, 'f.png')).toBe('Some values were not accepted.');
  });
});
