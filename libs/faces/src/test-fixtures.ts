// Shared by the tests: the real-photo fixtures (shared/fixtures/faces) and the models, loaded once per file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImage } from '@styleclip/imaging';
import { sharedDir } from '@styleclip/testing';
import type { RgbImage } from './image';
import { loadFaceDetector, loadShapePredictor } from './models/load';

export const PHOTOS = [
  'astronaut',
  'astronaut_mirror_gray',
  'astronaut_rot12',
  'astronaut_wide_small',
  'no_face_cat',
  'two_faces',
] as const;
export type PhotoName = (typeof PHOTOS)[number];

export const facesDir = (): string => join(sharedDir(), 'fixtures', 'faces');

interface DlibRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** shared/fixtures/faces/faces.json (written by dlib itself). */
export interface FacesJson {
  images: Record<
    PhotoName,
    {
      width: number;
      height: number;
      faces: (DlibRect & { landmarks: [number, number][] })[];
      upsample0: (DlibRect & { score: number; detector: number })[];
      upsample1_scores: { score: number; detector: number }[];
    }
  >;
  aligned: Record<string, { face_used: number; aligned: string }>;
}

export const facesJson = (): FacesJson => JSON.parse(readFileSync(join(facesDir(), 'faces.json'), 'utf8'));

export async function loadPhoto(name: string): Promise<RgbImage> {
  return decodeImage(readFileSync(join(facesDir(), `${name}.png`)));
}

export async function models() {
  return { detector: await loadFaceDetector(), predictor: await loadShapePredictor() };
}

export const box = (r: DlibRect): DlibRect => ({
  left: r.left,
  top: r.top,
  right: r.right,
  bottom: r.bottom,
});
