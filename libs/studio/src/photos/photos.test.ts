import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, encodePng, faceMask, pasteBack, type Quad } from '@styleclip/imaging';
import { sharedDir } from '@styleclip/testing';
import { studioConfigFromEnv } from '../config';
import { StudioError } from '../errors';
import { silentLogger } from '../log';
import { createStudio, type Studio } from '../studio';
import { modelsDirWithTiny } from '../testing/models';
import type { ImageRecord } from '../records';
import type { PhotoRecord } from './records';

// The photo pipeline through the product core, on the tiny set (random e4e) and dlib's real models: uploads are
// inverted by INVERT_PHOTO jobs run in this process, edits of their faces are pasted back into the photos.

const fixture = (name: string) => readFileSync(join(sharedDir(), 'fixtures', 'faces', `${name}.png`));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let root: string;
let studio: Studio;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'styleclip-photos-'));
  const models = await modelsDirWithTiny(root, 'link');
  // A second set without an encoder: uploads to it are kept, not inverted.
  await cp(join(models, 'tiny'), join(models, 'noenc'), { recursive: true, dereference: true });
  const manifest = JSON.parse(await readFile(join(models, 'noenc', 'manifest.json'), 'utf8'));
  delete manifest.encoder;
  await writeFile(join(models, 'noenc', 'manifest.json'), JSON.stringify({ ...manifest, id: 'noenc' }));
  const config = studioConfigFromEnv({
    STYLECLIP_MODELS_DIR: models,
    STYLECLIP_STORAGE: 'fs',
    STYLECLIP_DATA_DIR: join(root, 'data'),
    STYLECLIP_JOB_PERSIST_MS: '0',
    STYLECLIP_INTRA_OP_THREADS: '1',
  });
  studio = createStudio(config, { log: silentLogger() });
});

afterAll(async () => {
  await studio?.close(10_000);
  await rm(root, { recursive: true, force: true });
});

async function upload(bytes: Uint8Array, modelSetId?: string): Promise<ImageRecord> {
  const ticket = await studio.uploads.create({
    contentType: 'image/png',
    size: bytes.byteLength,
    modelSetId,
  });
  await studio.uploads.receive(ticket.uploadId, Readable.from([Buffer.from(bytes)]), bytes.byteLength);
  return studio.uploads.complete(ticket.uploadId);
}

/** The photo of an upload once its inversion job has ended. */
async function settled(imageId: string): Promise<PhotoRecord> {
  for (let i = 0; i < 1200; i++) {
    const photo = await studio.photos.get(imageId);
    if (photo && photo.state !== 'PENDING') return photo;
    await sleep(50);
  }
  throw new Error(`photo ${imageId} is still pending`);
}

/** A job once it has ended (the photo record is written before the job's own record says it succeeded). */
async function ended(jobId: string) {
  for (let i = 0; i < 1200; i++) {
    const e = await studio.jobs.get(jobId);
    if (e && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(e.job.state)) return e.job;
    await sleep(50);
  }
  throw new Error(`job ${jobId} is still running`);
}

const engine = () => studio.models.engine();
const blob = async (key: string) => (await studio.storage.blobs.get(key))!;

/** Per pixel of `a` and `b` (same photo size): how many values differ where the mask is 0, and the mean inside. */
function compareWithMask(
  a: { rgb: Uint8Array; width: number; height: number },
  b: { rgb: Uint8Array },
  masks: ReturnType<typeof faceMask>[],
) {
  let changedOutside = 0;
  let inside = 0;
  let sum = 0;
  let max = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const alpha = Math.max(
        ...masks.map((m) => {
          const mx = x - m.x0;
          const my = y - m.y0;
          return mx >= 0 && my >= 0 && mx < m.width && my < m.height ? m.alpha[my * m.width + mx]! : 0;
        }),
      );
      for (let c = 0; c < 3; c++) {
        const i = (y * a.width + x) * 3 + c;
        const d = Math.abs(a.rgb[i]! - b.rgb[i]!);
        if (alpha === 0) changedOutside += d === 0 ? 0 : 1;
        else {
          inside++;
          sum += d;
          max = Math.max(max, d);
        }
      }
    }
  }
  return { changedOutside, inside, mean: sum / Math.max(1, inside), max };
}

const maskOf = (photo: PhotoRecord, index: number) => {
  const f = photo.faces[index]!;
  return faceMask(photo.width, photo.height, { alignment: { quad: f.quad as Quad }, landmarks: f.landmarks });
};

describe('photos', { timeout: 60_000 }, () => {
  let astronaut: ImageRecord;
  let photo: PhotoRecord;

  it('inverts the faces of an upload in a job: boxes, landmarks, aligned crop, W+, reconstruction', async () => {
    const runs = (await engine()).faces.encoderRuns;
    astronaut = await upload(fixture('astronaut'));
    expect(astronaut.inversionStatus).toBe('PENDING');
    photo = await settled(astronaut.id);
    expect(photo.state).toBe('DONE');
    expect(photo.faces).toHaveLength(1);
    const face = photo.faces[0]!;
    expect(face.box).toEqual({ left: 175, top: 76, right: 265, bottom: 166 });
    expect(face.landmarks).toHaveLength(68);
    expect(face.quad).toHaveLength(4);
    expect(face.cached).toBe(false);
    const aligned = await decodeImage(await blob(face.aligned.key));
    const reconstruction = await decodeImage(await blob(face.reconstruction.key));
    expect([aligned.width, reconstruction.width]).toEqual([256, 256]);
    const faceImage = await studio.images.require(face.imageId);
    expect(faceImage).toMatchObject({ source: 'UPLOADED', face: { photoId: photo.id, index: 0 }, width: 64 });
    const latent = await studio.images.getLatent(faceImage.latentId!);
    expect(latent).toMatchObject({ space: 'WPLUS', shape: [1, 10, 64] });
    expect(await studio.photos.inversionStatus(await studio.images.require(astronaut.id))).toBe('DONE');
    expect((await engine()).faces.encoderRuns - runs).toBe(1);
    const job = await ended(photo.jobId!);
    expect(job).toMatchObject({ kind: 'INVERT_PHOTO', state: 'SUCCEEDED' });
    expect(job.result).toMatchObject({ faces: 1, encoded: 1, cacheHits: 0 });
  });

  it('inverts the same photo once: the same bytes give the same image, the same pixels hit the cache', async () => {
    const e = await engine();
    const runs = e.faces.encoderRuns;
    const again = await upload(fixture('astronaut'));
    expect(again.id).toBe(astronaut.id);
    // The same pixels in other bytes: a new upload and a new photo, whose face comes from the cache.
    const decoded = await decodeImage(fixture('astronaut'));
    const reencoded = await encodePng(decoded.rgb, decoded.width, decoded.height);
    expect(Buffer.compare(reencoded, fixture('astronaut'))).not.toBe(0);
    const other = await upload(reencoded);
    expect(other.id).not.toBe(astronaut.id);
    const otherPhoto = await settled(other.id);
    expect(otherPhoto.state).toBe('DONE');
    expect(otherPhoto.faces[0]).toMatchObject({ cached: true, latentId: photo.faces[0]!.latentId });
    expect(otherPhoto.faces[0]!.alignedSha256).toBe(photo.faces[0]!.alignedSha256);
    expect(e.faces.encoderRuns - runs).toBe(0);
    expect((await ended(otherPhoto.jobId!)).result).toMatchObject({ faces: 1, encoded: 0, cacheHits: 1 });
  });

  it('pasting the unedited aligned crop back changes nothing outside the mask and stays within resampling error inside', async () => {
    const face = photo.faces[0]!;
    const crop = await decodeImage(await blob(face.aligned.key));
    const [pasted] = await studio.photos.paste(photo, [
      [{ index: 0, pixels: { data: crop.rgb, width: crop.width, height: crop.height, channels: 3 } }],
    ]);
    const original = await decodeImage(await blob(astronaut.png.key));
    const out = await decodeImage(pasted!.png);
    const d = compareWithMask(original, out, [maskOf(photo, 0)]);
    expect(d.changedOutside).toBe(0);
    expect(d.inside).toBeGreaterThan(10_000);
    // Two bilinear resamplings (the alignment's quad transform, then back): 1.8 levels on average here.
    expect(d.mean).toBeLessThan(4);
    // Exactly what @styleclip/imaging's pasteBack makes of the stored crop, quad and landmarks (its tests bound that
    // round trip by exact arithmetic): the product path adds nothing of its own.
    const direct = pasteBack(
      { data: original.rgb, width: original.width, height: original.height, channels: 3 },
      [
        {
          alignment: { quad: face.quad as Quad },
          landmarks: face.landmarks,
          edited: { data: crop.rgb, width: crop.width, height: crop.height, channels: 3 },
        },
      ],
    );
    expect(Buffer.compare(Buffer.from(direct.data), Buffer.from(out.rgb))).toBe(0);
  });

  it('edits a face with pasteBack: the edited face in the full photo, the rest untouched', async () => {
    const edit = await studio.edits.global({
      imageId: astronaut.id,
      neutral: 'face',
      target: 'smiling face',
      alphas: [3],
      beta: 0.1,
      pasteBack: true,
    });
    expect(edit.photo).toEqual({ photoId: photo.id, faces: [0] });
    expect(edit.results).toHaveLength(1);
    expect(edit.results[0]).toMatchObject({ face: 0, alpha: 3 });
    const result = await studio.images.require(edit.results[0]!.imageId);
    expect(result.face).toEqual({ photoId: photo.id, index: 0 });
    expect(edit.pasted).toHaveLength(1);
    const pastedImage = await studio.images.require(edit.pasted![0]!.imageId);
    expect(pastedImage).toMatchObject({ width: 512, height: 512, pasted: { photoId: photo.id, faces: [0] } });
    const original = await decodeImage(await blob(astronaut.png.key));
    const out = await decodeImage(await blob(pastedImage.png.key));
    const d = compareWithMask(original, out, [maskOf(photo, 0)]);
    expect(d.changedOutside).toBe(0);
    expect(d.mean).toBeGreaterThan(4); // the face did change

    // An edit of that result still pastes back into the original photo (mapper, from the face's own W+ instead).
    const mapper = await studio.edits.mapper({
      imageId: photo.faces[0]!.imageId,
      mapper: 'demo',
      pasteBack: true,
    });
    expect(mapper.pasted).toHaveLength(1);
    expect(mapper.imageId).toBe(photo.faces[0]!.imageId);
    // A pasted-back photo has no latent of its own.
    await expect(
      studio.edits.global({ imageId: pastedImage.id, neutral: 'face', target: 'old face', pasteBack: true }),
    ).rejects.toThrow(/pasted back; it has no latent/);
    // Previews render the face and store nothing; paste-back is for stored edits.
    const preview = await studio.edits.preview({
      imageId: astronaut.id,
      neutral: 'face',
      target: 'old face',
    });
    expect(preview.images[0]).toMatchObject({ width: 64, height: 64 });
    await expect(
      studio.edits.preview({ imageId: astronaut.id, neutral: 'face', target: 'old face', pasteBack: true }),
    ).rejects.toThrow(/previews render the face only/);
  });

  it('edits every face of a group photo with one text, pasted back into one photo per α, within the render budget', async () => {
    const group = await upload(fixture('two_faces'));
    const p = await settled(group.id);
    expect(p.faces.map((f) => f.index)).toEqual([0, 1]);
    const edit = await studio.edits.global({
      imageId: group.id,
      neutral: 'face',
      target: 'face with glasses',
      alphas: [2, 4],
      beta: 0.1,
      pasteBack: true,
    });
    expect(edit.results.map((r) => [r.face, r.alpha])).toEqual([
      [0, 2],
      [0, 4],
      [1, 2],
      [1, 4],
    ]);
    expect(edit.pasted!.map((r) => r.alpha)).toEqual([2, 4]);
    const original = await decodeImage(await blob(group.png.key));
    const out = await decodeImage(
      await blob((await studio.images.require(edit.pasted![1]!.imageId)).png.key),
    );
    const both = compareWithMask(original, out, [maskOf(p, 0), maskOf(p, 1)]);
    expect(both.changedOutside).toBe(0);
    // Each face changed (face 1 alone: its mask region differs from the original).
    for (const i of [0, 1]) expect(compareWithMask(original, out, [maskOf(p, i)]).mean).toBeGreaterThan(1);

    // One face only: the other face stays exactly as it was.
    const one = await studio.edits.global({
      imageId: group.id,
      neutral: 'face',
      target: 'face with glasses',
      alphas: [4],
      beta: 0.1,
      faces: [1],
      pasteBack: true,
    });
    const outOne = await decodeImage(
      await blob((await studio.images.require(one.pasted![0]!.imageId)).png.key),
    );
    expect(compareWithMask(original, outOne, [maskOf(p, 1)]).changedOutside).toBe(0);

    // faces × α is bounded (2 × 9 = 18 renders > 16), and unknown faces are named.
    const tooMuch = await studio.edits
      .global({ imageId: group.id, neutral: 'face', target: 'x', alphas: Array(9).fill(1), pasteBack: true })
      .catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(StudioError);
    expect((tooMuch as StudioError).message).toMatch(/renders \(faces × α\) must be at most 16, got 18/);
    await expect(
      studio.edits.global({ imageId: group.id, neutral: 'face', target: 'x', faces: [5] }),
    ).rejects.toThrow(/has no face 5/);
    await expect(studio.edits.preview({ imageId: group.id, neutral: 'face', target: 'x' })).rejects.toThrow(
      /a preview renders one/,
    );
    const previewOne = await studio.edits.preview({
      imageId: group.id,
      neutral: 'face',
      target: 'x',
      faces: [1],
    });
    expect(previewOne.images).toHaveLength(1);
  });

  it('says clearly when a photo has no face: the photo, the job and edits (NO_FACE)', async () => {
    const cat = await upload(fixture('no_face_cat'));
    const p = await settled(cat.id);
    expect(p.state).toBe('NO_FACE');
    expect(p.error).toMatchObject({ code: 'NO_FACE' });
    expect(p.error!.message).toMatch(/no face was found in the photo/);
    expect(await studio.photos.inversionStatus(cat)).toBe('NO_FACE');
    expect(await ended(p.jobId!)).toMatchObject({ state: 'FAILED', error: { code: 'NO_FACE' } });
    const err = await studio.edits
      .global({ imageId: cat.id, neutral: 'face', target: 'old face' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('NO_FACE');
    // Searching again with a threshold that admits nothing changes nothing.
    const again = await studio.photos.invert({ imageId: cat.id, minScore: 2 });
    expect(again.state).toBe('PENDING');
    expect((await settled(cat.id)).state).toBe('NO_FACE');
  });

  it('reads image and edit records written before photos (v1, migrated)', async () => {
    const v1 = (type: string, id: string, value: unknown) =>
      studio.storage.blobs.put(
        `records/${type}/${id}.json`,
        new TextEncoder().encode(
          JSON.stringify({ schemaVersion: 1, type, id, value, updatedAt: new Date().toISOString() }),
        ),
      );
    const { face: _f, pasted: _p, ...old } = astronaut;
    await v1('image', 'legacyimage0000000001', { ...old, id: 'legacyimage0000000001' });
    const image = await studio.storage.records.get('image', 'legacyimage0000000001');
    expect(image).toMatchObject({ migratedFrom: 1, value: { source: 'UPLOADED' } });
    const edit = {
      id: 'legacyedit00000000001',
      method: 'MAPPER',
      imageId: astronaut.id,
      modelSetId: 'tiny',
      createdAt: new Date().toISOString(),
      mapper: 'demo',
      strength: 1,
      results: [{ imageId: astronaut.id }],
    };
    await v1('edit', edit.id, edit);
    expect(await studio.storage.records.get('edit', edit.id)).toMatchObject({ migratedFrom: 1, value: edit });
  });

  it('keeps uploads to a set without an encoder, and says inversion is not configured', async () => {
    const kept = await upload(fixture('astronaut_mirror_gray'), 'noenc');
    expect(kept.inversionStatus).toBe('NOT_CONFIGURED');
    expect(await studio.photos.get(kept.id)).toBeUndefined();
    expect(await studio.photos.inversionStatus(kept)).toBe('NOT_CONFIGURED');
    const err = await studio.edits
      .global({ imageId: kept.id, neutral: 'face', target: 'old face' })
      .catch((e: unknown) => e);
    expect((err as StudioError).code).toBe('INVERSION_NOT_CONFIGURED');
    const invert = await studio.photos.invert({ imageId: kept.id }).catch((e: unknown) => e);
    expect((invert as StudioError).code).toBe('INVERSION_NOT_CONFIGURED');
    expect((invert as StudioError).message).toMatch(/models import --encoder/);
  });

  it('refuses faces and pasteBack on images that are not uploaded photos', async () => {
    const [generated] = await studio.images.generate({ seeds: [1] });
    await expect(
      studio.edits.global({ imageId: generated!.id, neutral: 'face', target: 'x', pasteBack: true }),
    ).rejects.toThrow(/apply to uploaded photos; image \w+ is generated/);
    await expect(studio.photos.invert({ imageId: generated!.id })).rejects.toThrow(/not an uploaded photo/);
  });

  it('deleting a photo deletes its faces and their edits; a photo sharing the cached inversion keeps working', async () => {
    // The astronaut again with one corner pixel changed: a new photo whose face comes from the cache.
    const decoded = await decodeImage(fixture('astronaut'));
    decoded.rgb[0] = decoded.rgb[0]! ^ 1;
    const copy = await upload(await encodePng(decoded.rgb, decoded.width, decoded.height));
    const copyPhoto = await settled(copy.id);
    expect(copyPhoto.faces[0]).toMatchObject({ cached: true, latentId: photo.faces[0]!.latentId });
    const faceId = copyPhoto.faces[0]!.imageId;
    const edit = await studio.edits.global({ imageId: faceId, neutral: 'a face', target: 'a smiling face' });

    const done = await studio.deletion.deleteImage(copy.id);
    expect(done).toMatchObject({ images: 2 + edit.results.length, edits: 1 });
    expect(await studio.photos.get(copy.id)).toBeUndefined();
    await expect(studio.images.get(faceId)).resolves.toBeUndefined();
    await expect(studio.images.getEdit(edit.id)).resolves.toBeUndefined();
    // The first photo's face shares the latent and render: both still there, and it still edits.
    const kept = (await studio.images.get(photo.faces[0]!.imageId))!;
    expect(await studio.images.getLatent(kept.latentId!)).toBeDefined();
    expect((await blob(kept.png.key)).byteLength).toBeGreaterThan(0);
    const again = await studio.edits.global({ imageId: kept.id, neutral: 'a face', target: 'an old face' });
    expect(again.results).toHaveLength(1);
  });
});
