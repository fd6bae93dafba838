import { dirname } from 'node:path';
import { mkdir, readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  detectFaces,
  FaceInputError,
  FaceModelError,
  loadFaceDetector,
  loadShapePredictor,
  MAX_UPSAMPLE,
  type Face,
} from '@styleclip/faces';
import {
  alignFace,
  decodeImage,
  DEFAULT_LIMITS,
  E4E_ALIGNMENT,
  FFHQ_ALIGNMENT,
  ImageError,
  writePng,
  type DecodedImage,
} from '@styleclip/imaging';
import { CliError, parseNumber } from '../errors';

/** Alignment presets by `--size`: e4e's (256, transform 256) and FFHQ's (1024, transform 4096). */
const ALIGN_SIZES: Record<string, { outputSize: number; transformSize: number }> = {
  '256': E4E_ALIGNMENT,
  '1024': FFHQ_ALIGNMENT,
};

/** Errors of the face libraries become CLI errors (message only, exit code 1). */
export async function friendly<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof FaceModelError || e instanceof FaceInputError || e instanceof ImageError)
      throw new CliError(e.message);
    if (e instanceof RangeError) throw new CliError(e.message);
    throw e;
  }
}

/** A photo file, size-checked before it is read, decoded as uploads are (png, jpeg, webp). */
export async function readPhoto(path: string): Promise<DecodedImage> {
  const size = await stat(path).then(
    (s) => s.size,
    () => {
      throw new CliError(`cannot read the photo ${path}`);
    },
  );
  if (size > DEFAULT_LIMITS.maxBytes)
    throw new CliError(`the photo ${path} is ${size} bytes, over the limit of ${DEFAULT_LIMITS.maxBytes}`);
  return friendly(async () => decodeImage(await readFile(path)));
}

const parseUpsample = (text: string) => parseNumber('--upsample', text, 0, MAX_UPSAMPLE);

async function detect(
  photo: DecodedImage,
  o: { predictor?: string; upsample: string; adjustThreshold: string },
): Promise<Face[]> {
  const upsample = parseUpsample(o.upsample);
  if (!Number.isInteger(upsample)) throw new CliError(`--upsample must be an integer, got "${o.upsample}"`);
  const adjustThreshold = parseNumber('--adjust-threshold', o.adjustThreshold, -10, 10);
  return friendly(async () => {
    const [detector, predictor] = await Promise.all([loadFaceDetector(), loadShapePredictor(o.predictor)]);
    return detectFaces(photo, { detector, predictor }, { upsample, adjustThreshold });
  });
}

/** LM.json: 68 [x, y] pairs (floats allowed), e.g. dlib's landmarks or another detector's. */
async function readLandmarks(path: string): Promise<number[][]> {
  const size = await stat(path).then(
    (s) => s.size,
    () => {
      throw new CliError(`cannot read the landmarks ${path}`);
    },
  );
  if (size > 1_000_000) throw new CliError(`${path} is ${size} bytes: a landmarks file is 68 [x, y] pairs`);
  let lm: unknown;
  try {
    lm = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new CliError(`${path} is not JSON: ${(e as Error).message}`);
  }
  const ok =
    Array.isArray(lm) &&
    lm.length === 68 &&
    lm.every(
      (p) =>
        Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v)),
    );
  if (!ok) throw new CliError(`${path} must hold 68 [x, y] pairs of finite numbers (iBUG 68 order)`);
  return lm as number[][];
}

export function registerFaces(program: Command): void {
  const faces = program
    .command('faces')
    .description("find faces (dlib's HOG detector, 68 landmarks) and align them (FFHQ/e4e)");

  faces
    .command('detect')
    .description(
      'detect faces and their 68 landmarks; prints JSON {width, height, faces: [{box, score, landmarks}]}',
    )
    .requiredOption('--photo <file>', 'photo (png, jpeg or webp)')
    .option(
      '--predictor <file>',
      'dlib shape_predictor_68_face_landmarks.dat (default: $STYLECLIP_FACE_PREDICTOR or Debian libdlib-data)',
    )
    .option(
      '--upsample <n>',
      "times the photo is doubled before detecting (dlib's pyramid_up; e4e uses 1)",
      '1',
    )
    .option('--adjust-threshold <t>', "added to the detector's thresholds (dlib's adjust_threshold)", '0')
    .action(async (o: { photo: string; predictor?: string; upsample: string; adjustThreshold: string }) => {
      const photo = await readPhoto(o.photo);
      const found = await detect(photo, o);
      const out = {
        width: photo.width,
        height: photo.height,
        faces: found.map((f) => ({ box: f.box, score: f.score, landmarks: f.landmarks })),
      };
      console.log(JSON.stringify(out));
    });

  faces
    .command('align')
    .description('align one face as FFHQ/e4e do and write it as PNG; prints JSON {out, size, face, quad}')
    .requiredOption('--photo <file>', 'photo (png, jpeg or webp)')
    .requiredOption('--out <file>', 'aligned image to write (PNG)')
    .option('--size <n>', '256 (e4e: transform 256) or 1024 (FFHQ: transform 4096, LANCZOS to 1024)', '256')
    .option(
      '--face <n>',
      "which detected face in dlib's order (best score first); -1 is the last, e4e's get_landmark choice",
      '0',
    )
    .option(
      '--predictor <file>',
      'dlib landmark model (default: $STYLECLIP_FACE_PREDICTOR or Debian libdlib-data)',
    )
    .option('--landmarks <file>', 'align from these 68 [x, y] landmarks (JSON) instead of detecting')
    .option('--upsample <n>', "times the photo is doubled before detecting (dlib's pyramid_up)", '1')
    .action(
      async (o: {
        photo: string;
        out: string;
        size: string;
        face: string;
        predictor?: string;
        landmarks?: string;
        upsample: string;
      }) => {
        const preset = ALIGN_SIZES[o.size];
        if (!preset) throw new CliError(`--size must be 256 or 1024, got "${o.size}"`);
        if (o.landmarks && o.predictor)
          throw new CliError('give either --landmarks or --predictor, not both');
        if (o.landmarks && o.face !== '0')
          throw new CliError('--face picks a detected face; it does not apply to --landmarks');
        const photo = await readPhoto(o.photo);
        let landmarks: number[][];
        let face: number | null = null;
        if (o.landmarks) {
          landmarks = await readLandmarks(o.landmarks);
        } else {
          const found = await detect(photo, { ...o, adjustThreshold: '0' });
          if (found.length === 0) throw new CliError(`no face found in ${o.photo}`);
          const n = found.length;
          const asked = parseNumber('--face', o.face, -n, n - 1);
          if (!Number.isInteger(asked)) throw new CliError(`--face must be an integer, got "${o.face}"`);
          face = asked < 0 ? n + asked : asked;
          landmarks = found[face]!.landmarks;
        }
        const aligned = await friendly(async () =>
          alignFace(
            { data: photo.rgb, width: photo.width, height: photo.height, channels: 3 },
            landmarks,
            preset,
          ),
        );
        await mkdir(dirname(o.out), { recursive: true });
        await writePng(o.out, {
          rgb: aligned.image.data,
          width: aligned.image.width,
          height: aligned.image.height,
        });
        console.log(JSON.stringify({ out: o.out, size: aligned.outputSize, face, quad: aligned.quad }));
      },
    );
}
