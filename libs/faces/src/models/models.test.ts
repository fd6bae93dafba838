import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaceModelError } from '../errors';
import { DEBIAN_DETECTOR_HEADER_PATH, DEBIAN_PREDICTOR_PATH, MAX_PREDICTOR_FILE_BYTES } from '../limits';
import { loadPhoto } from '../test-fixtures';
import { serializedDetectorFromHeader } from './detector-header';
import { parseFhogDetector } from './detector-model';
import { loadFaceDetector, loadShapePredictor } from './load';
import { parseShapePredictor } from './shape-predictor-model';

const tmp = mkdtempSync(join(tmpdir(), 'faces-models-'));
const predictorBytes = readFileSync(DEBIAN_PREDICTOR_PATH);
const detectorBytes = serializedDetectorFromHeader(
  readFileSync(DEBIAN_DETECTOR_HEADER_PATH, 'latin1'),
  'header',
);

describe("dlib's model files", () => {
  it('reads the 68-point landmark model: 15 cascades of 500 depth-4 trees over 500 feature pixels', () => {
    const m = parseShapePredictor(predictorBytes, 'predictor');
    expect(m.numParts).toBe(68);
    expect(m.cascades).toHaveLength(15);
    for (const c of m.cascades) {
      expect(c.numTrees).toBe(500);
      expect(c.idx1.length).toBe(500 * 15);
      expect(c.anchor.length).toBe(500);
      expect(c.leafValues.length).toBe(500 * 16 * 136);
    }
  });

  it("reads the frontal detector: 5 sub-detectors of 31 planes × 10×10 cells, dlib's NMS thresholds", () => {
    const d = parseFhogDetector(detectorBytes, 'detector');
    expect(d.weights).toHaveLength(5);
    expect([d.cellSize, d.windowWidth, d.windowHeight, d.padding, d.filterWidth, d.filterHeight]).toEqual([
      8, 80, 80, 0, 10, 10,
    ]);
    expect(d.weights.every((w) => w.length === 31 * 100 + 1)).toBe(true);
    expect(d.iouThresh).toBeCloseTo(0.33, 2);
  });

  it('loads a detector from a file written by dlib serialize() and it detects like the header one', async () => {
    const file = join(tmp, 'detector.svm');
    writeFileSync(file, detectorBytes);
    const fromFile = await loadFaceDetector(file);
    const fromHeader = await loadFaceDetector(DEBIAN_DETECTOR_HEADER_PATH);
    const img = await loadPhoto('astronaut');
    expect(fromFile.detect(img)).toEqual(fromHeader.detect(img));
  });

  it('refuses truncated files at any point with a clear error', () => {
    for (const n of [0, 1, 5, 1000, 123_457, 50_000_000, predictorBytes.length - 1]) {
      expect(() => parseShapePredictor(predictorBytes.subarray(0, n), 'sp.dat'), `${n} bytes`).toThrow(
        /sp\.dat: .*(unexpected end of file|bytes are left|not a dlib landmark model)/,
      );
    }
    for (const n of [0, 3, 100, 20_000, detectorBytes.length - 1]) {
      expect(() => parseFhogDetector(detectorBytes.subarray(0, n), 'det'), `${n} bytes`).toThrow(
        FaceModelError,
      );
    }
  });

  it('refuses other files and inconsistent models', () => {
    expect(() => parseShapePredictor(detectorBytes, 'x')).toThrow(/shape_predictor version 2 \(expected 1\)/);
    expect(() => parseFhogDetector(predictorBytes.subarray(0, 100_000), 'x')).toThrow(
      /object_detector version 1|scan_fhog_pyramid|x:/,
    );
    expect(() => parseShapePredictor(new TextEncoder().encode('<!DOCTYPE html> not a model'), 'x')).toThrow(
      FaceModelError,
    );
    // A trailing byte means the layout was misread.
    expect(() => parseShapePredictor(Buffer.concat([predictorBytes, Buffer.from([0])]), 'x')).toThrow(
      /1 unread bytes/,
    );
    // A hostile count: the first cascade claims 2^40 trees.
    const hostile = Buffer.from(predictorBytes.subarray(0, 2000));
    const at = hostile.indexOf(Buffer.from([0x01, 0x0f, 0x02, 0xf4, 0x01]));
    expect(at).toBeGreaterThan(0); // "15 cascades, 500 trees"
    Buffer.from([0x06, 0, 0, 0, 0, 0, 1]).copy(hostile, at + 2);
    expect(() => parseShapePredictor(hostile, 'x')).toThrow(/exceeds the limit|bytes are left/);
  });

  it('explains a missing or oversized file before reading it', async () => {
    await expect(loadShapePredictor(join(tmp, 'nope.dat'))).rejects.toThrow(
      /no landmark model at .*nope\.dat.*libdlib-data.*--predictor/,
    );
    await expect(loadFaceDetector(join(tmp, 'nope.h'))).rejects.toThrow(/no face detector at .*libdlib-dev/);
    const huge = join(tmp, 'huge.dat');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_PREDICTOR_FILE_BYTES + 1); // sparse: nothing is allocated
    await expect(loadShapePredictor(huge)).rejects.toMatchObject({ code: 'too_large' });
  });

  it('loads each model once per path', async () => {
    expect(await loadShapePredictor()).toBe(await loadShapePredictor(DEBIAN_PREDICTOR_PATH));
  });
});
