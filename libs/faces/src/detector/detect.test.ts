import { describe, expect, it } from 'vitest';
import { FaceInputError } from '../errors';
import { MAX_DETECTION_PIXELS } from '../limits';
import { models } from '../test-fixtures';
import { fhogToImage, fhogWindowSize, imageToFhog } from './fhog-geometry';
import { rectDown2, rectDown6, rectUp6 } from './pyramid';
import { centeredRect } from './rectangle';

describe('detector inputs', () => {
  it('refuses bad pixel buffers, options and photos over the pixel budget, with clear errors', async () => {
    const { detector } = await models();
    const img = { rgb: new Uint8Array(30 * 20 * 3), width: 30, height: 20 };
    expect(() => detector.detect({ ...img, rgb: new Uint8Array(10) })).toThrow(
      /expected 1800 RGB bytes for 30×20/,
    );
    expect(() => detector.detect({ ...img, width: 0 })).toThrow(FaceInputError);
    expect(() => detector.detect(img, { upsample: 1.5 })).toThrow(/upsample must be an integer in 0…4/);
    expect(() => detector.detect(img, { upsample: -1 })).toThrow(/upsample/);
    expect(() => detector.detect(img, { adjustThreshold: NaN })).toThrow(/adjustThreshold must be finite/);
    const side = Math.ceil(Math.sqrt(MAX_DETECTION_PIXELS / 4)) + 1;
    const big = { rgb: new Uint8Array(side * side * 3), width: side, height: side };
    expect(() => detector.detect(big, { upsample: 1 })).toThrow(
      /over the detector's limit .* use a smaller upsample/,
    );
  });

  it('finds nothing in tiny and blank photos', async () => {
    const { detector } = await models();
    expect(detector.detect({ rgb: new Uint8Array(3), width: 1, height: 1 }, { upsample: 2 })).toEqual([]);
    expect(
      detector.detect({ rgb: new Uint8Array(200 * 100 * 3).fill(128), width: 200, height: 100 }),
    ).toEqual([]);
  });
});

describe("dlib's geometry", () => {
  it('maps FHOG cells and pyramid levels like dlib', () => {
    expect(fhogWindowSize(80, 80, 8, 0)).toEqual({ width: 10, height: 10 });
    expect(imageToFhog(centeredRect(0, 0, 80, 80), 8)).toEqual({ left: -6, top: -6, right: 3, bottom: 3 });
    // A detection at cell (c, r) = (20, 10) of a 10×10 filter is an 80-pixel box.
    expect(fhogToImage(centeredRect(20, 10, 10, 10), 8, 10, 10)).toEqual({
      left: 101,
      top: 21,
      right: 173,
      bottom: 93,
    });
    expect(rectDown6({ left: 0, top: 0, right: 511, bottom: 511 })).toEqual({
      left: 0,
      top: 0,
      right: 426,
      bottom: 426,
    });
    expect(rectUp6({ left: 101, top: 21, right: 173, bottom: 93 }, 2)).toEqual({
      left: 146,
      top: 31,
      right: 250,
      bottom: 135,
    });
    expect(rectDown2({ left: 354, top: 164, right: 533, bottom: 343 }, 1)).toEqual({
      left: 176,
      top: 81,
      right: 265,
      bottom: 171,
    });
  });
});
