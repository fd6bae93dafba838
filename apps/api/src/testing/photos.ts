import type { GqlClient } from './client';

// Reading photos over the API in tests: the fields of a photo and its faces, and waiting for its inversion job.

export const PHOTO_FIELDS = `
  id state width height detected maxFaces minScore
  error { code message }
  job { id kind state progress phase result }
  image { id url inversionStatus }
  faces {
    index score cached alignedUrl reconstructionUrl
    box { left top right bottom }
    landmarks { x y }
    quad { x y }
    image { id width height source latent { id space shape } face { index } photo { id } }
  }`;

export const PHOTO = `query($id: ID!) { photo(id: $id) { ${PHOTO_FIELDS} } }`;

export interface ApiPhoto {
  id: string;
  state: 'PENDING' | 'DONE' | 'NO_FACE' | 'FAILED';
  width: number;
  height: number;
  detected: number | null;
  maxFaces: number;
  minScore: number;
  error: { code: string; message: string } | null;
  job: { id: string; kind: string; state: string; progress: number; phase: string; result: unknown } | null;
  image: { id: string; url: string; inversionStatus: string };
  faces: {
    index: number;
    score: number;
    cached: boolean;
    alignedUrl: string;
    reconstructionUrl: string;
    box: { left: number; top: number; right: number; bottom: number };
    landmarks: { x: number; y: number }[];
    quad: { x: number; y: number }[];
    image: {
      id: string;
      width: number;
      height: number;
      source: string;
      latent: { id: string; space: string; shape: number[] };
      face: { index: number };
      photo: { id: string };
    };
  }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The photo of an upload once its inversion job has ended (the job too). */
export async function settledPhoto(c: GqlClient, id: string, timeoutMs = 60_000): Promise<ApiPhoto> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { photo } = await c.ok<{ photo: ApiPhoto | null }>(PHOTO, { id });
    const jobEnded = !photo?.job || ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(photo.job.state);
    if (photo && photo.state !== 'PENDING' && jobEnded) return photo;
    if (Date.now() > until) throw new Error(`photo ${id} is still ${photo?.state ?? 'missing'}`);
    await sleep(100);
  }
}
