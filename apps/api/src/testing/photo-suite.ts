import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDir } from '@styleclip/testing';
import type { ApiServer } from '../server';
import { upload, EDIT_GLOBAL } from './api-suite';
import { codeOf, type GqlClient } from './client';
import { clientOf, createTestEnv, type Backend, type TestEnv } from './env';
import { settledPhoto, type ApiPhoto } from './photos';

const fixture = (name: string) => readFileSync(join(sharedDir(), 'fixtures', 'faces', `${name}.png`));

/** The same pixels in other bytes: a tEXt chunk inserted after IHDR. */
function withTextChunk(png: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from('tEXtComment\0another file, the same pixels', 'latin1')]);
  const chunk = Buffer.alloc(body.length + 8);
  chunk.writeUInt32BE(body.length - 4, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body) >>> 0, 4 + body.length);
  const ihdrEnd = 8 + 4 + 4 + 13 + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

/** Width and height of a PNG served at `url` (its IHDR). */
async function pngSize(url: string): Promise<[number, number]> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

const EDIT_PHOTO = `mutation($id: ID!, $alphas: [Float!]!, $faces: [Int!], $pasteBack: Boolean) {
  editGlobal(input: { imageId: $id, neutral: "a face", target: "a smiling face", alphas: $alphas, beta: 0.1,
                      faces: $faces, pasteBack: $pasteBack }) {
    id faces
    image { id }
    results { alpha face image { id width face { index } photo { id } } }
    pastedBack { alpha image { id url width height source photo { id } } }
  }
}`;

const MAPPER_PHOTO = `mutation($id: ID!, $faces: [Int!]) {
  editMapper(input: { imageId: $id, mapper: "demo", faces: $faces, pasteBack: true }) {
    faces
    results { face image { id } }
    pastedBack { image { width height } }
  }
}`;

interface PhotoEdit {
  id: string;
  faces: number[] | null;
  image: { id: string };
  results: { alpha: number | null; face: number | null; image: { id: string; width: number } }[];
  pastedBack: {
    alpha: number | null;
    image: { id: string; url: string; width: number; height: number; source: string; photo: { id: string } };
  }[];
}

async function uploadPhoto(c: GqlClient, bytes: Uint8Array): Promise<ApiPhoto> {
  const up = await upload(c, bytes);
  const image = up.complete!.data!.completeUpload;
  expect(image.inversionStatus).toBe('PENDING');
  return settledPhoto(c, image.id);
}

/** Photos over HTTP: uploads inverted by a job, faces as editable images, edits pasted back, errors. */
export function photoSuite(backend: Backend): void {
  describe(`photos over HTTP, ${backend} storage`, () => {
    let env: TestEnv;
    let server: ApiServer;
    let c: GqlClient;

    beforeAll(async () => {
      env = await createTestEnv(backend);
      server = await env.start('photos');
      await server.warm;
      c = clientOf(server);
    });
    afterAll(async () => {
      await env?.dispose();
    });

    let astronaut: ApiPhoto;

    it('inverts an upload: boxes, landmarks, quad, aligned crop and reconstruction URLs, the face as an image', async () => {
      astronaut = await uploadPhoto(c, fixture('astronaut'));
      expect(astronaut).toMatchObject({ state: 'DONE', width: 512, height: 512, maxFaces: 8, detected: 1 });
      expect(astronaut.job).toMatchObject({ kind: 'INVERT_PHOTO', state: 'SUCCEEDED', progress: 1 });
      expect(astronaut.job!.result).toMatchObject({ faces: 1, encoded: 1, cacheHits: 0 });
      expect(astronaut.image.inversionStatus).toBe('DONE');
      const [face] = astronaut.faces;
      expect(face!.box).toEqual({ left: 175, top: 76, right: 265, bottom: 166 });
      expect(face!.landmarks).toHaveLength(68);
      expect(face!.quad).toHaveLength(4);
      expect(face!.cached).toBe(false);
      expect(await pngSize(face!.alignedUrl)).toEqual([256, 256]);
      expect(await pngSize(face!.reconstructionUrl)).toEqual([256, 256]);
      expect(face!.image).toMatchObject({
        source: 'UPLOADED',
        width: 64,
        latent: { space: 'WPLUS', shape: [1, 10, 64] },
        face: { index: 0 },
        photo: { id: astronaut.id },
      });
      // The upload links to its photo.
      const linked = await c.ok<{ image: { photo: { id: string; state: string } } }>(
        `query($id: ID!) { image(id: $id) { photo { id state } } }`,
        { id: astronaut.id },
      );
      expect(linked.image.photo).toEqual({ id: astronaut.id, state: 'DONE' });
    });

    it('inverts the same photo once: other bytes with the same pixels come from the cache', async () => {
      const again = await uploadPhoto(c, withTextChunk(fixture('astronaut')));
      expect(again.id).not.toBe(astronaut.id);
      expect(again.job!.result).toMatchObject({ faces: 1, encoded: 0, cacheHits: 1 });
      expect(again.faces[0]).toMatchObject({ cached: true });
      expect(again.faces[0]!.image.latent.id).toBe(astronaut.faces[0]!.image.latent.id);
    });

    it('edits a face with pasteBack: the pasted-back photo at full size', async () => {
      const r = await c.ok<{ editGlobal: PhotoEdit }>(EDIT_PHOTO, {
        id: astronaut.id,
        alphas: [3],
        pasteBack: true,
      });
      const e = r.editGlobal;
      expect(e.faces).toEqual([0]);
      expect(e.image.id).toBe(astronaut.id);
      expect(e.results).toHaveLength(1);
      expect(e.results[0]).toMatchObject({ alpha: 3, face: 0, image: { width: 64, face: { index: 0 } } });
      expect(e.pastedBack).toHaveLength(1);
      expect(e.pastedBack[0]!.image).toMatchObject({
        width: 512,
        height: 512,
        source: 'EDITED',
        photo: { id: astronaut.id },
      });
      expect(await pngSize(e.pastedBack[0]!.image.url)).toEqual([512, 512]);
      // Without pasteBack, an edit of a face has no pasted-back photo; the face image itself can be edited too.
      const plain = await c.ok<{ editGlobal: PhotoEdit }>(EDIT_PHOTO, {
        id: astronaut.faces[0]!.image.id,
        alphas: [1],
      });
      expect(plain.editGlobal.pastedBack).toEqual([]);
      expect(plain.editGlobal.results[0]!.face).toBe(0);
      // The ordinary edit query still works on a face image (the editor's).
      const ordinary = await c.ok<{ editGlobal: { results: unknown[] } }>(EDIT_GLOBAL, {
        id: astronaut.faces[0]!.image.id,
        alphas: [1, 2],
        target: 'an old face',
      });
      expect(ordinary.editGlobal.results).toHaveLength(2);
    });

    it('edits all faces of a group photo in one request, or one, pasted back into one photo', async () => {
      const group = await uploadPhoto(c, fixture('two_faces'));
      expect(group.faces.map((f) => f.index)).toEqual([0, 1]);
      const all = (
        await c.ok<{ editGlobal: PhotoEdit }>(EDIT_PHOTO, { id: group.id, alphas: [2], pasteBack: true })
      ).editGlobal;
      expect(all.faces).toEqual([0, 1]);
      expect(all.results.map((x) => x.face)).toEqual([0, 1]);
      expect(all.pastedBack).toHaveLength(1);
      expect(await pngSize(all.pastedBack[0]!.image.url)).toEqual([1100, 560]);
      const mapper = await c.ok<{
        editMapper: { faces: number[]; results: { face: number }[]; pastedBack: unknown[] };
      }>(MAPPER_PHOTO, { id: group.id, faces: [1] });
      expect(mapper.editMapper).toMatchObject({ faces: [1], results: [{ face: 1 }] });
      expect(mapper.editMapper.pastedBack).toHaveLength(1);
      // faces × α is the request's work: 2 faces × 9 α = 18 renders is over the budget.
      const tooMuch = await c.gql(EDIT_PHOTO, { id: group.id, alphas: Array(9).fill(1), pasteBack: true });
      expect(codeOf(tooMuch)).toBe('BAD_USER_INPUT');
      expect(tooMuch.errors![0]!.message).toMatch(/renders \(faces × α\) must be at most 16, got 18/);
      expect(codeOf(await c.gql(EDIT_PHOTO, { id: group.id, alphas: [1], faces: [7] }))).toBe(
        'BAD_USER_INPUT',
      );
    });

    it('refuses what does not apply, with clear errors', async () => {
      const gen = await c.ok<{ generateImages: { id: string }[] }>(
        `mutation { generateImages(input: { seeds: [5] }) { id } }`,
      );
      const id = gen.generateImages[0]!.id;
      const paste = await c.gql(EDIT_PHOTO, { id, alphas: [1], pasteBack: true });
      expect(codeOf(paste)).toBe('BAD_USER_INPUT');
      expect(paste.errors![0]!.message).toMatch(/apply to uploaded photos/);
      const invert = await c.gql(`mutation($id: ID!) { invertPhoto(input: { imageId: $id }) { id } }`, {
        id,
      });
      expect(codeOf(invert)).toBe('BAD_USER_INPUT');
      const tooMany = await c.gql(
        `mutation($id: ID!) { invertPhoto(input: { imageId: $id, maxFaces: 99 }) { id } }`,
        {
          id: astronaut.id,
        },
      );
      expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
      expect(tooMany.errors![0]!.message).toMatch(/maxFaces must be at most 16/);
      expect((await c.ok<{ photo: null }>(`{ photo(id: "aaaaaaaaaaaaaaaaaaaa") { id } }`)).photo).toBeNull();
    });

    it('inverts a photo again on request (invertPhoto), from the cache', async () => {
      const r = await c.ok<{ invertPhoto: { id: string; state: string; maxFaces: number } }>(
        `mutation($id: ID!) { invertPhoto(input: { imageId: $id, maxFaces: 1, minScore: 0.5 }) { id state maxFaces } }`,
        { id: astronaut.id },
      );
      expect(r.invertPhoto).toEqual({ id: astronaut.id, state: 'PENDING', maxFaces: 1 });
      const done = await settledPhoto(c, astronaut.id);
      expect(done).toMatchObject({ state: 'DONE', maxFaces: 1, minScore: 0.5 });
      expect(done.job!.result).toMatchObject({ encoded: 0, cacheHits: 1 });
      const params = await c.ok<{
        parameters: { invertPhoto: { maxFaces: { max: number; default: number } } };
      }>(`{ parameters { invertPhoto { maxFaces { max default } } photoEdit { renders { max } } } }`);
      expect(params.parameters.invertPhoto.maxFaces).toEqual({ max: 16, default: 8 });
    });
  });
}
