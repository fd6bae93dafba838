import { createHash } from 'node:crypto';
import { encodeNpy, makeTensor, readNpy, toFloat32 } from '@styleclip/checkpoints';
import {
  findFaces,
  loadFaceModels,
  noFaceMessage,
  pasteFaces,
  type EditedFace,
  type Engine,
  type FaceModelPaths,
  type PhotoFace,
} from '@styleclip/editing';
import { decodeImage, encodePng, tensorToRgb8, type Pixels8, type Quad } from '@styleclip/imaging';
import { array32, concatRows, rows, type Array32 } from '@styleclip/latent-math';
import { StudioError, badInput, notFound, toStudioError } from '../errors';
import { isId, newId } from '../ids';
import type { Logger } from '../log';
import type { ModelSetRegistry } from '../model-sets/registry';
import { parseParameters } from '../parameters/parse';
import type { Parameters, ParametersOf } from '../parameters/schema';
import type { BlobRef, ImageRecord, LatentRecord } from '../records';
import { INDEX, type Storage } from '../storage';
import { isStorageError } from '@styleclip/storage';
import type { ImageService } from '../services/images';
import type { JobQueue } from '../jobs/queue';
import type { InversionRecord, PhotoFaceRecord, PhotoRecord } from './records';

export type InvertPhotoSettings = ParametersOf<'invertPhoto'>;

/** The name of the job kind that finds and inverts the faces of a photo (a GraphQL JobKind). */
export const INVERT_PHOTO = 'INVERT_PHOTO';

/** What an INVERT_PHOTO job reports as its result. */
export interface InvertPhotoResult {
  photoId: string;
  faces: number;
  detected: number;
  /** Faces whose W+ came from the inversion cache. */
  cacheHits: number;
  /** Faces that went through the encoder. */
  encoded: number;
}

/** How a running inversion reports (the job's progress). */
export interface InversionReport {
  signal?: AbortSignal;
  progress?: (phase: string, done: number, total: number, progress: number) => void;
  jobId?: string;
}

/** A face edit to paste back: aligned pixels, or image `row` of a generated batch [N,3,S,S]. */
export type FaceEdit = { index: number; pixels: Pixels8 } | { index: number; images: Array32; row: number };

/** sha256 of an aligned face's pixels and size: with the encoder's sha256, the key of its inversion. */
export function alignedSha256(p: Pixels8): string {
  return createHash('sha256').update(`${p.width}x${p.height}x${p.channels}:`).update(p.data).digest('hex');
}

/** The inversion cache key: one encoder, one aligned face. */
export const inversionKey = (alignedSha: string, encoderSha: string): string =>
  createHash('sha256').update(`${alignedSha}:${encoderSha}`).digest('hex');

/**
 * Photos: an uploaded image's faces found (dlib), aligned, inverted (e4e) and reconstructed by the INVERT_PHOTO
 * job, each face becoming an editable image with a W+ latent; and edited faces pasted back into the photo.
 * Inversions are cached by content (aligned pixels × encoder), so a face never goes through the encoder twice.
 */
export class PhotoService {
  /** Since this process started: faces encoded, faces served by the cache. */
  readonly counters = { encoded: 0, cacheHits: 0 };

  constructor(
    private readonly storage: Storage,
    private readonly models: ModelSetRegistry,
    private readonly images: ImageService,
    private readonly params: Parameters,
    private readonly o: { faces: FaceModelPaths; log: Logger; jobs: () => JobQueue },
  ) {}

  private get records() {
    return this.storage.records;
  }

  /**
   * A photo. Its record is rewritten while its job runs and read meanwhile (by API servers on other machines too),
   * so a read that meets a storage hiccup or a half-written record (a store without atomic overwrites, like
   * s3rver) is tried once more.
   */
  async get(id: string): Promise<PhotoRecord | undefined> {
    if (!isId(id)) return undefined;
    try {
      return (await this.records.get('photo', id))?.value;
    } catch (e) {
      if (!isStorageError(e, 'unavailable') && !isStorageError(e, 'corrupt')) throw e;
      await new Promise((r) => setTimeout(r, 200));
      return (await this.records.get('photo', id))?.value;
    }
  }

  async require(id: string): Promise<PhotoRecord> {
    const photo = await this.get(id);
    if (!photo) throw notFound('photo', id);
    return photo;
  }

  /** The photo an image belongs to: its own (an upload), or the one it is a face of (faces and their edits). */
  async of(image: ImageRecord): Promise<PhotoRecord | undefined> {
    if (image.face) return this.get(image.face.photoId);
    if (image.pasted) return this.get(image.pasted.photoId);
    return image.source === 'UPLOADED' ? this.get(image.id) : undefined;
  }

  /** Whether uploads to a model set can be inverted (it has an encoder). */
  async canInvert(modelSetId: string): Promise<boolean> {
    return (await this.models.get(modelSetId)).manifest.encoder !== undefined;
  }

  /**
   * After an upload is stored: when the set has an encoder, marks the photo PENDING and submits its inversion
   * job; returns the photo (undefined without an encoder: the upload stays NOT_CONFIGURED). A job that cannot be
   * submitted (queue full or down) leaves the photo FAILED with the reason: the upload itself succeeded, and
   * `invert` starts it again.
   */
  async start(image: ImageRecord): Promise<PhotoRecord | undefined> {
    if (!(await this.canInvert(image.modelSetId))) return undefined;
    return this.submit(image, parseParameters(this.params.invertPhoto, {}), false);
  }

  /** Starts (or starts again) the inversion of an uploaded photo, with the given detection settings. */
  async invert(input: {
    imageId: string;
    maxFaces?: number | null;
    minScore?: number | null;
  }): Promise<PhotoRecord> {
    const settings = parseParameters(this.params.invertPhoto, {
      maxFaces: input.maxFaces,
      minScore: input.minScore,
    });
    const image = await this.images.require(input.imageId);
    if (image.source !== 'UPLOADED' || image.face) {
      throw badInput(
        `image ${image.id} is not an uploaded photo${image.face ? ` (it is face ${image.face.index} of photo ${image.face.photoId})` : ''}; only uploads are inverted`,
      );
    }
    if (!(await this.canInvert(image.modelSetId))) {
      throw new StudioError(
        'INVERSION_NOT_CONFIGURED',
        `model set ${image.modelSetId} has no encoder; import one with "models import --encoder e4e.pt"`,
      );
    }
    const current = await this.get(image.id);
    if (current?.state === 'PENDING' && current.jobId) {
      const job = await this.o.jobs().get(current.jobId);
      if (job && job.job.state !== 'FAILED' && job.job.state !== 'CANCELLED' && job.job.state !== 'SUCCEEDED')
        return current;
    }
    return this.submit(image, settings, true);
  }

  private async submit(
    image: ImageRecord,
    settings: InvertPhotoSettings,
    throwOnRefusal: boolean,
  ): Promise<PhotoRecord> {
    const pending: PhotoRecord = {
      id: image.id,
      imageId: image.id,
      modelSetId: image.modelSetId,
      width: image.width,
      height: image.height,
      state: 'PENDING',
      settings,
      faces: [],
      createdAt: new Date().toISOString(),
    };
    // The records first: the job may start (and end) before `submit` returns.
    await this.records.put('photo', pending.id, pending);
    try {
      await this.o.jobs().submit(INVERT_PHOTO, image.modelSetId, { imageId: image.id, ...settings });
      return pending;
    } catch (e) {
      const known = toStudioError(e);
      const error = { code: known?.code ?? 'INTERNAL', message: known?.message ?? 'the job could not start' };
      this.o.log.warn({ imageId: image.id, err: (e as Error).message }, 'could not submit the inversion');
      const failed: PhotoRecord = { ...pending, state: 'FAILED', error };
      await this.records.put('photo', failed.id, failed).catch(() => undefined);
      if (throwOnRefusal) throw e;
      return failed;
    }
  }

  /**
   * Where an image's inversion stands: for an upload, its photo's state (the photo record is the live one; image
   * records are written once); otherwise what the image record says.
   */
  async inversionStatus(image: ImageRecord): Promise<ImageRecord['inversionStatus']> {
    if (image.source !== 'UPLOADED' || image.face) return image.inversionStatus;
    const photo = await this.get(image.id);
    // PENDING without a photo: the inversion could not start (storage); `invert` starts it.
    if (!photo) return image.inversionStatus === 'PENDING' ? 'FAILED' : image.inversionStatus;
    return photo.state;
  }

  /**
   * The INVERT_PHOTO job: detect and align every face (dlib, FFHQ/e4e alignment at the encoder's input size),
   * look each aligned face up in the inversion cache, encode the others in batches, reconstruct them, and store
   * a face image per face; the photo record (written last) makes the faces visible. No face: the photo says
   * NO_FACE and the job fails with that code.
   */
  async run(
    imageId: string,
    settings: InvertPhotoSettings,
    r: InversionReport = {},
  ): Promise<InvertPhotoResult> {
    const image = await this.images.require(imageId);
    const engine = await this.models.engine(image.modelSetId);
    if (!engine.faces.available) {
      throw new StudioError('INVERSION_NOT_CONFIGURED', `model set ${image.modelSetId} has no encoder`);
    }
    const base: PhotoRecord = {
      id: image.id,
      imageId: image.id,
      modelSetId: image.modelSetId,
      width: image.width,
      height: image.height,
      state: 'PENDING',
      ...(r.jobId ? { jobId: r.jobId } : {}),
      settings,
      faces: [],
      encoderSha256: engine.faces.encoderSha256,
      generatorSha256: engine.manifest.generator.models.synthesis.sha256,
      createdAt: (await this.get(image.id))?.createdAt ?? new Date().toISOString(),
    };
    await this.records.put('photo', base.id, base);
    try {
      return await this.invertFaces(image, engine, base, settings, r);
    } catch (e) {
      const known = toStudioError(e);
      const permanent = known && known.code !== 'STORAGE_UNAVAILABLE' && known.code !== 'INTERNAL';
      if (permanent) {
        const state = known.code === 'NO_FACE' ? 'NO_FACE' : 'FAILED';
        await this.records.put('photo', base.id, {
          ...base,
          state,
          error: { code: known.code, message: known.message },
        });
      }
      throw e;
    }
  }

  private async invertFaces(
    image: ImageRecord,
    engine: Engine,
    base: PhotoRecord,
    settings: InvertPhotoSettings,
    r: InversionReport,
  ): Promise<InvertPhotoResult> {
    const report = r.progress ?? (() => undefined);
    report('detect', 0, 1, 0);
    const photo = await this.decodePhoto(image);
    const faceModels = await loadFaceModels(this.o.faces);
    r.signal?.throwIfAborted();
    const found = findFaces(photo, faceModels, { ...settings, alignSize: engine.faces.inputSize });
    // The message is shown to the user as it is (the photo's page already says which photo).
    if (found.faces.length === 0) throw new StudioError('NO_FACE', noFaceMessage(found));
    const n = found.faces.length;
    report('invert', 0, n, 0.15);

    const encoderSha = engine.faces.encoderSha256;
    const generatorSha = engine.manifest.generator.models.synthesis.sha256;
    const hashes = found.faces.map((f) => alignedSha256(f.alignment.image));
    const keys = hashes.map((h) => inversionKey(h, encoderSha));
    const cached = await Promise.all(keys.map(async (k) => (await this.records.get('inversion', k))?.value));
    // Faces of the cache whose renders were made by another generator are rendered again (no encoding).
    const usable = cached.map((c) => (c && c.generatorSha256 === generatorSha ? c : undefined));
    const toEncode = found.faces.filter((_, i) => !cached[i]);
    const now = new Date().toISOString();

    const encoded = toEncode.length
      ? await engine.faces.encode(
          toEncode.map((f) => f.alignment.image),
          {
            ...(r.signal ? { signal: r.signal } : {}),
            onProgress: (p) => report('invert', p.done, n, 0.15 + (0.6 * p.done) / n),
          },
        )
      : undefined;
    this.counters.encoded += toEncode.length;
    this.counters.cacheHits += n - toEncode.length;

    // W+ of every face that needs new renders: the encoded ones, and cached ones of another generator.
    const wplusOf = new Map<number, Array32>();
    toEncode.forEach((f, j) => wplusOf.set(f.index, rows(encoded!, j, j + 1)));
    for (const [i, c] of cached.entries())
      if (c && !usable[i]) wplusOf.set(i, await this.latentArray(c.latentId));
    report('reconstruct', 0, n, 0.75);
    const inversions = new Map<number, InversionRecord>();
    if (wplusOf.size > 0) {
      const order = [...wplusOf.keys()];
      const wplus = concatRows(order.map((i) => wplusOf.get(i)!));
      const { images, pooled } = await engine.faces.reconstruct(wplus);
      await Promise.all(
        order.map(async (i, j) => {
          // The inversion (the cache entry) holds its blobs, so deleting a face image that shares them keeps
          // them for the cache (deletion counts holders, see Storage.putContent).
          const holder = `inversion-${keys[i]!}`;
          const [latent, render, reconstruction] = await Promise.all([
            this.putLatent(rows(wplus, j, j + 1), image.modelSetId, generatorSha, now, holder),
            this.putPng(images, j, holder),
            this.putPng(pooled, j, holder),
          ]);
          const inv: InversionRecord = {
            alignedSha256: hashes[i]!,
            encoderSha256: encoderSha,
            latentId: latent.id,
            generatorSha256: generatorSha,
            render,
            reconstruction,
            createdAt: now,
          };
          await this.records.put('inversion', keys[i]!, inv);
          inversions.set(i, inv);
        }),
      );
    }
    for (const [i, c] of usable.entries()) if (c) inversions.set(i, c);

    report('store', 0, n, 0.9);
    const g = engine.manifest.generator.config.size;
    const faces: PhotoFaceRecord[] = await Promise.all(
      found.faces.map(async (f) => {
        const inv = inversions.get(f.index)!;
        const aligned = await this.storage.putContent(
          'images',
          await encodePng(f.alignment.image.data, f.alignment.image.width, f.alignment.image.height),
          'png',
          `photo-${base.id}`,
        );
        const faceId = newId();
        // The face image holds its render and latent like any image (markers before the record).
        await this.storage.index([INDEX.refs(inv.render.sha256) + faceId, INDEX.refs(inv.latentId) + faceId]);
        const faceImage: ImageRecord = {
          id: faceId,
          source: 'UPLOADED',
          modelSetId: image.modelSetId,
          png: inv.render,
          width: g,
          height: g,
          createdAt: now,
          latentId: inv.latentId,
          inversionStatus: 'DONE',
          face: { photoId: base.id, index: f.index },
        };
        await this.records.put('image', faceImage.id, faceImage);
        return faceRecord(f, {
          aligned,
          alignedSha: hashes[f.index]!,
          image: faceImage,
          inv,
          cached: !!cached[f.index],
        });
      }),
    );
    const done: PhotoRecord = {
      ...base,
      state: 'DONE',
      faces,
      detected: found.detected,
      settings: { ...settings, upsample: found.upsample },
    };
    await this.records.put('photo', done.id, done);
    report('done', n, n, 1);
    return {
      photoId: done.id,
      faces: n,
      detected: found.detected,
      cacheHits: n - toEncode.length,
      encoded: toEncode.length,
    };
  }

  private async decodePhoto(image: ImageRecord) {
    const bytes = await this.storage.blobs.get(image.png.key);
    if (!bytes) throw new Error(`the PNG of image ${image.id} is missing (${image.png.key})`);
    return decodeImage(bytes);
  }

  private async latentArray(latentId: string): Promise<Array32> {
    const rec = await this.images.getLatent(latentId);
    const bytes = rec ? await this.storage.blobs.get(rec.npy.key) : undefined;
    if (!rec || !bytes) throw new Error(`latent ${latentId} of the inversion cache is missing`);
    const t = await readNpy(bytes);
    return array32(t.shape, toFloat32(t));
  }

  private async putLatent(
    row: Array32,
    modelSetId: string,
    generatorSha256: string,
    now: string,
    holder: string,
  ): Promise<LatentRecord> {
    const shape = [...row.shape];
    const npy = await this.storage.putContent(
      'latents',
      encodeNpy(makeTensor('float32', shape, row.data)),
      'npy',
      holder,
    );
    const latent: LatentRecord = {
      id: npy.sha256,
      space: 'WPLUS',
      shape,
      npy,
      modelSetId,
      generatorSha256,
      createdAt: now,
    };
    await this.records.put('latent', latent.id, latent);
    return latent;
  }

  private async putPng(images: Array32, index: number, holder: string): Promise<BlobRef> {
    const rgb = tensorToRgb8(images.data, images.shape, { index });
    return this.storage.putContent('images', await encodePng(rgb.rgb, rgb.width, rgb.height), 'png', holder);
  }

  /** The face images of a photo, by face index (every face when `indexes` is absent). */
  async faceImages(
    photo: PhotoRecord,
    indexes?: readonly number[],
  ): Promise<{ face: PhotoFaceRecord; image: ImageRecord }[]> {
    const want = indexes ?? photo.faces.map((f) => f.index);
    return Promise.all(
      want.map(async (i) => {
        const face = photo.faces.find((f) => f.index === i);
        if (!face) {
          throw badInput(
            `photo ${photo.id} has no face ${i} (it has ${photo.faces.length}: ${photo.faces.map((f) => f.index).join(', ')})`,
          );
        }
        return { face, image: await this.images.require(face.imageId) };
      }),
    );
  }

  /**
   * Photos with edited faces pasted back at full resolution (the inverse of each alignment, blended by a
   * feathered mask around the landmarks), one per output (e.g. one per α), as PNG bytes. Pixels outside every
   * mask are the photo's own.
   */
  async paste(
    photo: PhotoRecord,
    outputs: readonly (readonly FaceEdit[])[],
  ): Promise<{ png: Uint8Array; width: number; height: number }[]> {
    const [image, engine] = await Promise.all([
      this.images.require(photo.imageId),
      this.models.engine(photo.modelSetId),
    ]);
    const decoded = await this.decodePhoto(image);
    return Promise.all(
      outputs.map(async (edits) => {
        const faces: EditedFace[] = edits.map((e) => {
          const face = photo.faces.find((f) => f.index === e.index);
          if (!face) throw badInput(`photo ${photo.id} has no face ${e.index}`);
          const placement = { quad: face.quad as Quad, landmarks: face.landmarks };
          return 'pixels' in e
            ? { placement, pixels: e.pixels }
            : { placement, images: e.images, index: e.row };
        });
        const out = pasteFaces(decoded, faces, { cropSize: engine.faces.inputSize });
        return { png: await encodePng(out.rgb, out.width, out.height), width: out.width, height: out.height };
      }),
    );
  }
}

function faceRecord(
  f: PhotoFace,
  o: { aligned: BlobRef; alignedSha: string; image: ImageRecord; inv: InversionRecord; cached: boolean },
): PhotoFaceRecord {
  return {
    index: f.index,
    box: { ...f.box },
    score: f.score,
    landmarks: f.landmarks.map((p) => [p[0], p[1]]),
    quad: f.alignment.quad.map((p) => [p[0], p[1]]),
    aligned: o.aligned,
    alignedSha256: o.alignedSha,
    imageId: o.image.id,
    latentId: o.inv.latentId,
    reconstruction: o.inv.reconstruction,
    cached: o.cached,
  };
}
