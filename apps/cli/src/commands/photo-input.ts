import { join } from 'node:path';
import {
  EngineError,
  invertPhoto,
  loadFaceModels,
  pasteFaces,
  type Engine,
  type InvertedPhoto,
  type Photo,
} from '@styleclip/editing';
import { writePng } from '@styleclip/imaging';
import type { Array32 } from '@styleclip/latent-math';
import { CliError } from '../errors';
import { checkFlag, numberFlag, P } from '../parameters';
import { friendly, readPhoto } from './faces';

/** The flags of every command that takes a photo (`invert`, `edit … --photo`). */
export interface PhotoFlags {
  photo: string;
  predictor?: string;
  maxFaces: string;
  minScore: string;
}

/** A photo read, its faces found, aligned and inverted with the set's encoder (the product's pipeline). */
export async function invertPhotoFile(
  engine: Engine,
  o: PhotoFlags,
): Promise<{ photo: Photo; inverted: InvertedPhoto }> {
  const maxFaces = checkFlag(P.invertPhoto, 'maxFaces', '--max-faces', Number(o.maxFaces));
  const minScore = numberFlag(P.invertPhoto, 'minScore', '--min-score', o.minScore);
  if (!engine.faces.available) {
    throw new CliError(
      `model set ${engine.manifest.id} has no encoder; import one with "styleclip models import --encoder e4e.pt"`,
    );
  }
  const photo = await readPhoto(o.photo);
  const models = await friendly(() => loadFaceModels({ predictor: o.predictor }));
  try {
    return { photo, inverted: await invertPhoto(photo, engine.faces, models, { maxFaces, minScore }) };
  } catch (e) {
    if (e instanceof EngineError && e.code === 'no_face') throw new CliError(`${o.photo}: ${e.message}`);
    throw e;
  }
}

/** `--face N|all`: the faces to edit, by index among the faces found. */
export function selectFaces(text: string, count: number): number[] {
  if (text === 'all') return Array.from({ length: count }, (_, i) => i);
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n >= count) {
    throw new CliError(
      `--face must be "all" or a face index from 0 to ${count - 1} (${count} face${count === 1 ? '' : 's'} found), got "${text}"`,
    );
  }
  return [n];
}

/**
 * Writes the photo with edited faces pasted back (one PNG): `edits[i]` is image `row` of face `faces[i]`'s
 * rendered batch.
 */
export async function writePasted(
  path: string,
  photo: Photo,
  inverted: InvertedPhoto,
  edits: { face: number; images: Array32; row: number }[],
  cropSize: number,
): Promise<void> {
  const out = pasteFaces(
    photo,
    edits.map((e) => {
      const f = inverted.faces[e.face]!;
      return {
        placement: { quad: f.alignment.quad, landmarks: f.landmarks },
        images: e.images,
        index: e.row,
      };
    }),
    { cropSize },
  );
  await writePng(path, out);
}

/** Where the outputs of face `i` of a photo go. */
export const faceDir = (out: string, i: number): string => join(out, `face${i}`);

/** The option lines every photo command shares (defaults from the parameter schema). */
export const PHOTO_OPTION_HELP = {
  predictor: 'dlib landmark model (default: $STYLECLIP_FACE_PREDICTOR or Debian libdlib-data)',
  maxFaces: 'most faces to invert (the best detections)',
  minScore: "detections scoring below this are not taken for faces (dlib's confidence)",
};
