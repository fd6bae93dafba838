// `npm run bench -- --suite faces`: detection + landmarks per photo (the shared face photos, one pyramid_up as
// e4e does), @styleclip/faces against dlib's own C++ (tools/dlib-reference) in the same run, interleaved.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectFaces, DEFAULT_UPSAMPLE, loadFaceDetector, loadShapePredictor } from '@styleclip/faces';
import { decodeImage } from '@styleclip/imaging';
import { buildDlibReference, photoToPpm, runDlibReference, type DlibBuild } from './faces-dlib';

export const FACE_PHOTOS = [
  'astronaut',
  'astronaut_mirror_gray',
  'astronaut_rot12',
  'astronaut_wide_small',
  'no_face_cat',
  'two_faces',
];

export interface FaceBenchRow {
  photo: string;
  size: string;
  faces: number;
  /** Median ms of detection + landmarks. */
  jsMs: number;
  dlibMs: Partial<Record<DlibBuild, number>>;
  /** Same boxes and landmarks as dlib. */
  same: boolean;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Times both sides `rounds` times, alternating (JS: `runs` timed runs per photo after one warm-up; dlib: the
 * same in one process per build), and reports per-photo medians over all samples. Model loading is not timed
 * on either side (it is reported apart).
 */
export async function benchFaces(
  photosDir: string,
  o: { runs: number; rounds: number; builds: DlibBuild[] },
): Promise<{ rows: FaceBenchRow[]; loadMs: number }> {
  const t0 = performance.now();
  const models = { detector: await loadFaceDetector(), predictor: await loadShapePredictor() };
  const loadMs = performance.now() - t0;
  const files = FACE_PHOTOS.map((p) => join(photosDir, `${p}.png`));
  const photos = await Promise.all(files.map(async (f) => decodeImage(await readFile(f))));
  const ppms = await Promise.all(files.map(photoToPpm));
  const binaries = Object.fromEntries(
    await Promise.all(o.builds.map(async (b) => [b, await buildDlibReference(b)] as const)),
  );
  const js: number[][] = photos.map(() => []);
  const dlib: Record<string, number[][]> = Object.fromEntries(o.builds.map((b) => [b, photos.map(() => [])]));
  const found = photos.map((p) => detectFaces(p, models, { upsample: DEFAULT_UPSAMPLE }));
  let reference: Awaited<ReturnType<typeof runDlibReference>> = [];
  for (let round = 0; round < o.rounds; round++) {
    photos.forEach((photo, i) => {
      detectFaces(photo, models, { upsample: DEFAULT_UPSAMPLE });
      for (let r = 0; r < o.runs; r++) {
        const start = performance.now();
        detectFaces(photo, models, { upsample: DEFAULT_UPSAMPLE });
        js[i]!.push(performance.now() - start);
      }
    });
    for (const b of o.builds) {
      reference = await runDlibReference(binaries[b]!, ppms, {
        upsample: DEFAULT_UPSAMPLE,
        repeat: o.runs,
        warmup: 1,
      });
      reference.forEach((run, i) => dlib[b]![i]!.push(...run.ms));
    }
  }
  const rows = FACE_PHOTOS.map((name, i) => {
    const ours = found[i]!.map((f) => ({ box: f.box, landmarks: f.landmarks }));
    const theirs = reference[i]!.faces.map((f) => ({
      box: { left: f.left, top: f.top, right: f.right, bottom: f.bottom },
      landmarks: f.landmarks,
    }));
    return {
      photo: name,
      size: `${photos[i]!.width}×${photos[i]!.height}`,
      faces: found[i]!.length,
      jsMs: median(js[i]!),
      dlibMs: Object.fromEntries(o.builds.map((b) => [b, median(dlib[b]![i]!)])),
      same: JSON.stringify(ours) === JSON.stringify(theirs),
    };
  });
  return { rows, loadMs };
}

/** Table rows: per photo, ours against both dlib builds. */
export function facesTable(rows: FaceBenchRow[]): Record<string, string | number>[] {
  const ratio = (ours: number, theirs?: number) => (theirs ? `${(ours / theirs).toFixed(2)}×` : '');
  return rows.map((r) => ({
    photo: r.photo,
    size: r.size,
    faces: r.faces,
    'same as dlib': r.same ? 'yes' : 'NO',
    'ours ms': r.jsMs,
    'dlib -O3 ms': r.dlibMs.portable ?? '',
    'ours/dlib': ratio(r.jsMs, r.dlibMs.portable),
    'dlib native ms': r.dlibMs.native ?? '',
    'ours/native': ratio(r.jsMs, r.dlibMs.native),
  }));
}
