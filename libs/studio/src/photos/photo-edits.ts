import type { Engine } from '@styleclip/editing';
import type { Array32 } from '@styleclip/latent-math';
import { StudioError, badInput } from '../errors';
import { newId } from '../ids';
import type { ModelSetRegistry } from '../model-sets/registry';
import { defaultOf, parseField, parseParameters } from '../parameters/parse';
import type { Parameters } from '../parameters/schema';
import type { EditRecord, ImageRecord } from '../records';
import { INDEX, type Storage } from '../storage';
import type { EditGlobalInput, EditMapperInput } from '../services/edits';
import type { ImageService, PreparedImage } from '../services/images';
import type { PhotoFaceRecord, PhotoRecord } from './records';
import type { PhotoService } from './service';

/** What an edit of a photo changes: faces of one photo, each through its own image's latent. */
export interface PhotoEditTarget {
  /** The image the request named (the photo, or one face or an edit of one): the edit is listed under it. */
  base: ImageRecord;
  photo: PhotoRecord;
  /** The faces edited and the images whose latents are edited (a face's inversion, or an edit result of it). */
  faces: { face: PhotoFaceRecord; image: ImageRecord }[];
  pasteBack: boolean;
}

/** One face's edit: its rendered images (one per α, or one for a mapper) and their latents. */
interface FaceResult {
  images: Array32;
  latent: { space: 'S' | 'WPLUS'; rows: Array32 };
}

type Channel = NonNullable<EditRecord['topChannels']>[number];

/**
 * Edits of faces of uploaded photos: one face (its image, or an edit of it) or several faces of a photo with the
 * same text or mapper in one request (faces × α renders, bounded by `parameters.photoEdit.renders`), and with
 * `pasteBack` the photo with every edited face pasted back, one per α. Results carry the face they are of, so an
 * edit of an edit still pastes back into the original photo.
 */
export class PhotoEdits {
  constructor(
    private readonly storage: Storage,
    private readonly models: ModelSetRegistry,
    private readonly images: ImageService,
    private readonly photos: PhotoService,
    private readonly params: Parameters,
  ) {}

  /**
   * The photo faces an edit request is about, or undefined when it is an ordinary edit (a generated image, or an
   * upload that is not inverted: the ordinary path explains). `faces` and `pasteBack` are refused elsewhere.
   */
  async target(input: {
    imageId: string;
    faces?: readonly number[] | null;
    pasteBack?: boolean | null;
  }): Promise<PhotoEditTarget | undefined> {
    const asked = (input.faces ?? undefined) !== undefined || input.pasteBack === true;
    const faces = parseField(this.params.editGlobal, 'faces', input.faces ?? undefined);
    const pasteBack = input.pasteBack === true;
    const base = await this.images.require(input.imageId);
    if (base.pasted) {
      throw badInput(
        `image ${base.id} is photo ${base.pasted.photoId} with edited faces pasted back; it has no latent. ` +
          'Edit the photo, or one of the edit results (the faces)',
      );
    }
    if (base.face) {
      const photo = await this.done(base.face.photoId);
      const index = base.face.index;
      if (faces && (faces.length !== 1 || faces[0] !== index)) {
        throw badInput(
          `image ${base.id} is face ${index} of photo ${photo.id}; to edit other faces, edit the photo (image ${photo.imageId})`,
        );
      }
      const face = photo.faces.find((f) => f.index === index);
      if (!face) throw new StudioError('INTERNAL', `photo ${photo.id} lost face ${index}`);
      return { base, photo, faces: [{ face, image: base }], pasteBack };
    }
    const photo = base.source === 'UPLOADED' ? await this.photos.get(base.id) : undefined;
    if (!photo) {
      if (asked && base.source !== 'UPLOADED') {
        throw badInput(
          `faces and pasteBack apply to uploaded photos; image ${base.id} is ${base.source.toLowerCase()}`,
        );
      }
      return undefined;
    }
    await this.done(photo.id);
    return { base, photo, faces: await this.photos.faceImages(photo, faces), pasteBack };
  }

  /** The photo, if its faces are ready; otherwise why they are not, as the caller's error. */
  private async done(photoId: string): Promise<PhotoRecord> {
    const photo = await this.photos.require(photoId);
    switch (photo.state) {
      case 'DONE':
        return photo;
      case 'PENDING':
        throw badInput(
          `the faces of photo ${photo.id} are still being found and inverted${photo.jobId ? ` (job ${photo.jobId})` : ''}; edit them when it is done`,
        );
      case 'NO_FACE':
        throw new StudioError('NO_FACE', photo.error?.message ?? `no face was found in photo ${photo.id}`);
      case 'FAILED':
        throw badInput(
          `inverting photo ${photo.id} failed (${photo.error?.message ?? 'unknown'}); start it again with invertPhoto`,
        );
    }
  }

  /** The face image a preview renders (previews show one face and store nothing). */
  async previewImageId(input: EditGlobalInput | EditMapperInput): Promise<string | undefined> {
    const t = await this.target(input);
    if (!t) return undefined;
    if (t.pasteBack)
      throw badInput('previews render the face only; store the edit with pasteBack to get the photo back');
    if (t.faces.length !== 1) {
      throw badInput(
        `photo ${t.photo.id} has ${t.faces.length} faces; a preview renders one: pick it with faces: [index]`,
      );
    }
    return t.faces[0]!.image.id;
  }

  private checkRenders(renders: number): void {
    parseField(this.params.photoEdit, 'renders', renders, 'renders (faces × α)');
  }

  async global(input: EditGlobalInput, t: PhotoEditTarget): Promise<EditRecord> {
    const p = parseParameters(this.params.editGlobal, {
      neutral: input.neutral,
      target: input.target,
      alphas: input.alphas,
      beta: input.beta,
      autoBeta: input.autoBeta,
    });
    this.checkRenders(t.faces.length * p.alphas.length);
    const engine = await this.models.engine(t.base.modelSetId);
    const edits = await Promise.all(
      t.faces.map(async ({ image }) => {
        const { array, record } = await this.images.latentArray(image, engine);
        return engine.edit.global({
          latent: record.space === 'S' ? { s: array } : { wplus: array },
          text: { neutral: p.neutral, target: p.target },
          alphas: p.alphas,
          beta: p.autoBeta ? 'auto' : p.beta,
          topK: defaultOf(this.params.textDirection, 'top'),
        });
      }),
    );
    // The channels depend on the text and β only, so every face has the same.
    const first = edits[0]!;
    const topChannels: Channel[] = first.top.map((c) => ({
      layer: c.layer,
      channel: c.channel,
      weight: c.weight,
      ...(c.layerName ? { layerName: c.layerName } : {}),
    }));
    const edit: EditRecord = {
      id: newId(),
      method: 'GLOBAL',
      imageId: t.base.id,
      modelSetId: t.base.modelSetId,
      createdAt: new Date().toISOString(),
      neutral: p.neutral,
      target: p.target,
      alphas: [...p.alphas],
      beta: first.beta,
      autoBeta: p.autoBeta,
      channels: first.kept,
      topChannels,
      ...(first.truncatedPrompts.length ? { truncatedPrompts: first.truncatedPrompts } : {}),
      results: [],
    };
    const results = edits.map((r) => ({ images: r.images, latent: { space: 'S' as const, rows: r.s } }));
    return this.commit(edit, t, engine, results, p.alphas);
  }

  async mapper(input: EditMapperInput, t: PhotoEditTarget): Promise<EditRecord> {
    const { strength } = parseParameters(this.params.editMapper, { strength: input.strength });
    this.checkRenders(t.faces.length);
    const engine = await this.models.engine(t.base.modelSetId);
    const mappers = Object.keys(engine.manifest.mappers);
    if (!mappers.includes(input.mapper)) {
      throw badInput(
        `model set ${t.base.modelSetId} has no mapper ${JSON.stringify(input.mapper)}${mappers.length ? ` (it has: ${mappers.join(', ')})` : ' (it has none)'}`,
      );
    }
    const results = await Promise.all(
      t.faces.map(async ({ image }) => {
        const { array, record } = await this.images.latentArray(image, engine);
        if (record.space !== 'WPLUS') {
          throw badInput(
            `mapper edits need a W+ latent; image ${image.id} has an S latent (a global-edit result). Edit the face's inversion instead`,
          );
        }
        const r = await engine.edit.mapper({ wplus: array, mapper: input.mapper, strength });
        return { images: r.images, latent: { space: 'WPLUS' as const, rows: r.wplus } };
      }),
    );
    const edit: EditRecord = {
      id: newId(),
      method: 'MAPPER',
      imageId: t.base.id,
      modelSetId: t.base.modelSetId,
      createdAt: new Date().toISOString(),
      mapper: input.mapper,
      strength,
      results: [],
    };
    return this.commit(edit, t, engine, results, undefined);
  }

  /**
   * Stores the face results (face-major: every α of the first face, then the next face), the pasted-back photos
   * (one per α), the index entries, and the edit record last: until it exists nothing of the edit is listed.
   */
  private async commit(
    edit: EditRecord,
    t: PhotoEditTarget,
    engine: Engine,
    perFace: readonly FaceResult[],
    alphas: readonly number[] | undefined,
  ): Promise<EditRecord> {
    const generatorSha256 = engine.manifest.generator.models.synthesis.sha256;
    const perOutput = perFace[0]!.images.shape[0]!;
    const items = t.faces.flatMap((f, fi) =>
      Array.from({ length: perOutput }, (_, a) => ({ face: f.face.index, fi, a, id: newId() })),
    );
    const prepared: PreparedImage[] = await Promise.all(
      items.map((it) =>
        this.images.prepare({
          source: 'EDITED',
          modelSetId: t.base.modelSetId,
          generatorSha256,
          images: perFace[it.fi]!.images,
          index: it.a,
          latent: perFace[it.fi]!.latent,
          fields: {
            parentEditId: edit.id,
            ...(alphas ? { alpha: alphas[it.a]! } : {}),
            face: { photoId: t.photo.id, index: it.face },
          },
          now: edit.createdAt,
          id: it.id,
        }),
      ),
    );
    const faceIndexes = t.faces.map((f) => f.face.index);
    const pasted: ImageRecord[] = [];
    if (t.pasteBack) {
      const outputs = Array.from({ length: perOutput }, (_, a) =>
        t.faces.map((f, fi) => ({ index: f.face.index, images: perFace[fi]!.images, row: a })),
      );
      const photos = await this.photos.paste(t.photo, outputs);
      for (const [a, p] of photos.entries()) {
        const id = newId();
        pasted.push({
          id,
          source: 'EDITED',
          modelSetId: t.base.modelSetId,
          // The pasted photo holds its PNG (deletion counts holders, see Storage.putContent).
          png: await this.storage.putContent('images', p.png, 'png', id),
          width: p.width,
          height: p.height,
          createdAt: edit.createdAt,
          parentEditId: edit.id,
          ...(alphas ? { alpha: alphas[a]! } : {}),
          pasted: { photoId: t.photo.id, faces: faceIndexes },
        });
      }
    }
    const method = edit.method === 'GLOBAL' ? 'global' : 'mapper';
    await Promise.all([
      this.images.putRecords([...prepared, ...pasted.map((image) => ({ image }))]),
      this.storage.index([
        INDEX.edits(t.base.id) + edit.id,
        `${INDEX.methods(method)}${t.base.id}.${edit.id}`,
        ...prepared.flatMap((p) => this.images.galleryKeys(p.image)),
        ...pasted.flatMap((image) => this.images.galleryKeys(image)),
      ]),
    ]);
    const committed: EditRecord = {
      ...edit,
      photo: { photoId: t.photo.id, faces: faceIndexes },
      results: prepared.map((p, i) => ({
        imageId: p.image.id,
        face: items[i]!.face,
        ...(alphas ? { alpha: alphas[items[i]!.a]! } : {}),
      })),
      ...(t.pasteBack
        ? {
            pasted: pasted.map((image, a) => ({
              imageId: image.id,
              ...(alphas ? { alpha: alphas[a]! } : {}),
            })),
          }
        : {}),
    };
    await this.storage.records.put('edit', committed.id, committed);
    return committed;
  }
}
