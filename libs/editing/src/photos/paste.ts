import { pasteBack, type PasteOptions, type Pixels8, type Quad } from '@styleclip/imaging';
import type { Array32 } from '@styleclip/latent-math';
import { EngineError } from '../components';
import type { Photo } from './find-faces';
import { pooledPixels } from './pool';

/** Where a face came from in its photo: enough to put an edit of it back. */
export interface FacePlacement {
  /** The aligned face's footprint in the photo (`FaceAlignment.quad`). */
  quad: Quad;
  /** Its landmarks in photo pixels (they shape the blending mask). */
  landmarks: readonly (readonly [number, number])[];
}

/**
 * An edited face: aligned pixels (any size; e.g. the aligned crop itself), or image `index` of a generator batch
 * [N,3,S,S] (resampled to the size of the face in the photo, see `pasteSizeFor`).
 */
export type EditedFace =
  | { placement: FacePlacement; pixels: Pixels8 }
  | { placement: FacePlacement; images: Array32; index: number };

/** Side in photo pixels of a face's footprint (its quad's top edge). */
export const footprintSide = (quad: Quad): number =>
  Math.hypot(quad[3][0] - quad[0][0], quad[3][1] - quad[0][1]);

/**
 * The size a generated face is resampled to before it is pasted: the face's side in the photo, at least the
 * aligned crop's size and at most the generator's. pSp's `face_pool` brings every reconstruction to the crop size
 * (256); a face that covers more pixels of the photo than that gets the generator's extra detail instead of a
 * 256² image stretched over it, and a smaller one is averaged down first (bilinear sampling alone would alias).
 * A generator smaller than the crop (the tiny preset) is brought up to the crop size, as `face_pool` does.
 */
export function pasteSizeFor(quad: Quad, generatorSize: number, cropSize: number): number {
  if (generatorSize <= cropSize) return cropSize;
  return Math.min(generatorSize, Math.max(cropSize, Math.ceil(footprintSide(quad))));
}

/**
 * Puts edited faces back into the full-resolution photo (`pasteBack` of @styleclip/imaging: the inverse of
 * each alignment's quad map, blended by a feathered mask around the landmarks). Pixels outside every mask are
 * the photo's own, exactly. Faces are pasted in the order given.
 */
export function pasteFaces(
  photo: Photo,
  faces: readonly EditedFace[],
  o: { cropSize: number } & PasteOptions,
): Photo {
  if (faces.length === 0) throw new EngineError('paste-back: no faces to paste', 'bad_parameter');
  const { cropSize, ...options } = o;
  const out = pasteBack(
    { data: photo.rgb, width: photo.width, height: photo.height, channels: 3 },
    faces.map((f) => {
      let edited: Pixels8;
      if ('pixels' in f) edited = f.pixels;
      else {
        const s = f.images.shape[2]!;
        edited = pooledPixels(f.images, f.index, pasteSizeFor(f.placement.quad, s, cropSize));
      }
      return { alignment: { quad: f.placement.quad }, landmarks: f.placement.landmarks, edited };
    }),
    options,
  );
  return { rgb: out.data, width: out.width, height: out.height };
}
