// `npx tsx tools/src/faces-fixture.ts`: writes libs/faces/src/detector/dlib-reference.json, dlib's own output
// (C++, Debian libdlib-dev, built by bench/faces-dlib.ts) on the shared face photos for what faces.json does
// not record: detections with one pyramid_up (the Python binding's `detector(img, 1)`, e4e's get_landmark) with
// their boxes and landmarks. Maintainer use; the tests read the committed file.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildDlibReference, photoToPpm, runDlibReference } from './bench/faces-dlib';

const root = resolve(import.meta.dirname, '..', '..');
const photos = [
  'astronaut',
  'astronaut_mirror_gray',
  'astronaut_rot12',
  'astronaut_wide_small',
  'no_face_cat',
  'two_faces',
];
const dir = join(process.env['STYLECLIP_SHARED'] ?? join(root, '..', 'shared'), 'fixtures', 'faces');
const binary = await buildDlibReference('portable');
const ppms = await Promise.all(photos.map((p) => photoToPpm(join(dir, `${p}.png`))));
const runs = await runDlibReference(binary, ppms, { upsample: 1 });
const out = {
  source:
    'dlib 19.24 (Debian libdlib-dev) via tools/dlib-reference/reference.cpp, g++ -O3: detector(img, 1) with Python-binding semantics (pyramid_up, detect, rect_down), then shape_predictor_68_face_landmarks.dat on each box',
  upsample1: Object.fromEntries(runs.map((r, i) => [photos[i], r.faces])),
};
const path = join(root, 'libs', 'faces', 'src', 'detector', 'dlib-reference.json');
await writeFile(path, JSON.stringify(out) + '\n');
console.log(`wrote ${path}`);
