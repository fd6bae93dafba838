import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignFace, decodeImage } from '@styleclip/imaging';
import { detectFaces } from './faces';
import reference from './detector/dlib-reference.json';
import { box, facesDir, facesJson, loadPhoto, models, PHOTOS } from './test-fixtures';

// Against dlib itself on the real photos of shared/fixtures/faces: faces.json (dlib 19.24 C++) and
// detector/dlib-reference.json (the same dlib through tools/dlib-reference, for what faces.json does not
// record: boxes and landmarks with one pyramid_up, the Python binding's detector(img, 1)). Our port runs
// dlib's float arithmetic operation for operation, so boxes, landmarks and even the scores come out equal.

const SCORE_TOLERANCE = 1e-9;

/** Landmark points differing from dlib's, and the largest difference (pixels). */
function landmarkDiff(got: [number, number][], want: [number, number][]) {
  expect(got).toHaveLength(want.length);
  let points = 0;
  let max = 0;
  got.forEach(([x, y], i) => {
    const d = Math.max(Math.abs(x - want[i]![0]), Math.abs(y - want[i]![1]));
    if (d) points++;
    max = Math.max(max, d);
  });
  return { points, max };
}

describe('dlib parity on every photo of shared/fixtures/faces', async () => {
  const fx = facesJson();
  const m = await models();
  const photos = Object.fromEntries(
    await Promise.all(PHOTOS.map(async (p) => [p, await loadPhoto(p)] as const)),
  );

  it('detector without upsampling: the same detections (boxes, sub-detectors, scores) as dlib.run(img, 0, 0)', () => {
    for (const name of PHOTOS) {
      const got = m.detector.detect(photos[name]!, { upsample: 0 });
      const want = fx.images[name].upsample0;
      expect(
        got.map((d) => d.box),
        name,
      ).toEqual(want.map(box));
      expect(
        got.map((d) => d.detector),
        name,
      ).toEqual(want.map((d) => d.detector));
      got.forEach((d, i) =>
        expect(Math.abs(d.score - want[i]!.score), name).toBeLessThanOrEqual(SCORE_TOLERANCE),
      );
    }
  });

  it("with one pyramid_up (e4e's detector(img, 1)): dlib's boxes, scores and landmarks", () => {
    let points = 0;
    for (const name of PHOTOS) {
      const got = detectFaces(photos[name]!, m, { upsample: 1 });
      const want = reference.upsample1[name] as {
        score: number;
        detector: number;
        landmarks: [number, number][];
      }[];
      expect(
        got.map((d) => d.box),
        name,
      ).toEqual(want.map((d) => box(d as never)));
      expect(
        got.map((d) => d.detector),
        name,
      ).toEqual(fx.images[name].upsample1_scores.map((d) => d.detector));
      got.forEach((d, i) => {
        expect(Math.abs(d.score - fx.images[name].upsample1_scores[i]!.score), name).toBeLessThanOrEqual(
          SCORE_TOLERANCE,
        );
        const diff = landmarkDiff(d.landmarks, want[i]!.landmarks);
        expect(diff.max, name).toBeLessThanOrEqual(1);
        points += diff.points;
      });
    }
    expect(points).toBe(0); // measured: no landmark differs from dlib's
  });

  it("faces.json's faces (C++ detector(img, 1), i.e. adjust_threshold 1): same boxes and landmarks", () => {
    let points = 0;
    for (const name of PHOTOS) {
      const got = detectFaces(photos[name]!, m, { upsample: 0, adjustThreshold: 1 });
      const want = fx.images[name].faces;
      expect(
        got.map((d) => d.box),
        name,
      ).toEqual(want.map(box));
      got.forEach((d, i) => {
        const diff = landmarkDiff(d.landmarks, want[i]!.landmarks);
        expect(diff.max, name).toBeLessThanOrEqual(1);
        points += diff.points;
      });
    }
    expect(points).toBe(0);
  });

  it('photos without a face give an empty list', () => {
    expect(m.detector.detect(photos['no_face_cat']!, { upsample: 1 })).toEqual([]);
    expect(m.detector.detect(photos['no_face_cat']!, { upsample: 0 })).toEqual([]);
    // 12° is too much for the frontal sub-detectors once upsampled (dlib agrees).
    expect(m.detector.detect(photos['astronaut_rot12']!, { adjustThreshold: 1 })).toEqual([]);
  });

  it('aligns like the official align_face: within mean 0.05 and 99th percentile 1 level of *.aligned256.png', async () => {
    for (const [name, a] of Object.entries(fx.aligned)) {
      // faces.json's landmarks came from C++ detector(img, 1) = adjust_threshold 1; get_landmark keeps the last face.
      const faces = detectFaces(photos[name]!, m, { upsample: 0, adjustThreshold: 1 });
      expect(faces.length - 1, name).toBe(a.face_used);
      const aligned = alignFace(
        { data: photos[name]!.rgb, width: photos[name]!.width, height: photos[name]!.height, channels: 3 },
        faces.at(-1)!.landmarks,
      );
      const want = await decodeImage(readFileSync(join(facesDir(), a.aligned)));
      const diffs = Array.from(aligned.image.data, (v, i) => Math.abs(v - want.rgb[i]!)).sort(
        (x, y) => x - y,
      );
      const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
      expect(mean, name).toBeLessThanOrEqual(0.05);
      expect(diffs[Math.floor(diffs.length * 0.99)], name).toBeLessThanOrEqual(1);
    }
  });
});
