import { rows, type Array32 } from '@styleclip/latent-math';
import { EngineError } from '../components';
import type { FaceModels } from './face-models';
import { findFaces, type FindFacesOptions, type FoundFaces, type Photo, type PhotoFace } from './find-faces';
import type { FaceInverter, InversionProgress } from './inverter';

export interface InvertedPhoto extends FoundFaces {
  /** W+ of every face [F,L,D], in the order of `faces`. */
  wplus: Array32;
  /** The generator's images of those codes [F,3,S,S]. */
  images: Array32;
  /** pSp's reconstructions at the aligned size [F,3,R,R]. */
  pooled: Array32;
}

/**
 * The whole photo pipeline in one call (the CLI's `invert`): detect every face, align each at the encoder's
 * input size, invert them in batches, reconstruct. No face is an `EngineError` with code `no_face`. (The product
 * core runs the same steps with a cache of inversions in between.)
 */
export async function invertPhoto(
  photo: Photo,
  inverter: FaceInverter,
  models: FaceModels,
  o: Omit<FindFacesOptions, 'alignSize'> & {
    signal?: AbortSignal;
    onProgress?: (p: InversionProgress) => void;
  },
): Promise<InvertedPhoto> {
  const found = findFaces(photo, models, { ...o, alignSize: inverter.inputSize });
  if (found.faces.length === 0) throw new EngineError(noFaceMessage(found), 'no_face');
  const wplus = await inverter.encode(
    found.faces.map((f) => f.alignment.image),
    o,
  );
  return { ...found, wplus, ...(await inverter.reconstruct(wplus)) };
}

/** Why a photo has no face to edit, in words. */
export function noFaceMessage(found: Pick<FoundFaces, 'unaligned' | 'upsample'>): string {
  if (found.unaligned.length > 0) {
    return (
      `no face could be aligned: ${found.unaligned.length} detected, but ${found.unaligned[0]!.reason}; ` +
      'use a photo where the face is larger and fully inside the frame'
    );
  }
  return (
    'no face was found in the photo: the detector (dlib, frontal faces) needs a face seen from the front, ' +
    `upright, at least ${found.upsample > 0 ? 40 : 80} pixels wide`
  );
}

/** Row `i` of a batch of latents, [1,L,D]. */
export const latentRow = (wplus: Array32, i: number): Array32 => rows(wplus, i, i + 1);

export type { PhotoFace };
