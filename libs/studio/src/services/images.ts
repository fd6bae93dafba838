import { encodeNpy, makeTensor, readNpy, toFloat32 } from '@styleclip/checkpoints';
import type { Engine } from '@styleclip/editing';
import { encodePng, tensorToRgb8 } from '@styleclip/imaging';
import { array32, rows, type Array32 } from '@styleclip/latent-math';
import type { DamagedRecords } from '../damaged-records';
import { StudioError, badInput, notFound } from '../errors';
import { isId, newId } from '../ids';
import { parseParameters } from '../parameters/parse';
import type { Parameters } from '../parameters/schema';
import type { ModelSetRegistry } from '../model-sets/registry';
import type { EditRecord, ImageRecord, LatentRecord } from '../records';
import { INDEX, type Storage } from '../storage';
import { paginate, pageArgs, type Connection } from './connections';

export type ImageSource = ImageRecord['source'];
export type LatentSpace = LatentRecord['space'];

/** An image ready to be stored: blobs written, records not yet. */
export interface PreparedImage {
  image: ImageRecord;
  latent?: LatentRecord;
}

export interface GalleryFilter {
  method?: 'GLOBAL' | 'MAPPER' | 'OPTIMIZE' | null;
  source?: ImageSource | null;
}

const GALLERY_BUCKET: Record<ImageSource, 'generated' | 'uploaded' | 'edited'> = {
  GENERATED: 'generated',
  UPLOADED: 'uploaded',
  EDITED: 'edited',
};

/** Images and their latents: generation, storage, lookup, the gallery. */
export class ImageService {
  constructor(
    private readonly storage: Storage,
    private readonly models: ModelSetRegistry,
    private readonly params: Parameters,
    private readonly damaged: DamagedRecords,
  ) {}

  private get records() {
    return this.storage.records;
  }

  /** An image (undefined when there is none); RECORD_CORRUPT when its record cannot be read. */
  async get(id: string): Promise<ImageRecord | undefined> {
    if (!isId(id)) return undefined;
    return this.damaged.read('image', id, async () => (await this.records.get('image', id))?.value);
  }

  /** An edit record (undefined when there is none); RECORD_CORRUPT when it cannot be read. */
  async getEdit(id: string): Promise<EditRecord | undefined> {
    if (!isId(id)) return undefined;
    return this.damaged.read('edit', id, async () => (await this.records.get('edit', id))?.value);
  }

  async require(id: string): Promise<ImageRecord> {
    const image = await this.get(id);
    if (!image) throw notFound('image', id);
    return image;
  }

  async getLatent(id: string): Promise<LatentRecord | undefined> {
    if (!/^[0-9a-f]{64}$/.test(id)) return undefined;
    return this.damaged.read('latent', id, async () => (await this.records.get('latent', id))?.value);
  }

  /** The latent of an image as an array, checked against the engine it is about to be used with. */
  async latentArray(image: ImageRecord, engine: Engine): Promise<{ record: LatentRecord; array: Array32 }> {
    if (!image.latentId) {
      if (image.source === 'UPLOADED') {
        throw new StudioError(
          'INVERSION_NOT_CONFIGURED',
          `image ${image.id} is an upload without a latent: editing a photo needs its inversion, and inversion (e4e) ` +
            'is not configured; the upload is kept and can be edited once inversion is available',
        );
      }
      throw new StudioError('INTERNAL', `image ${image.id} has no latent`);
    }
    const record = await this.getLatent(image.latentId);
    if (!record) throw await this.lost(image, `latent ${image.latentId}`);
    const generator = engine.manifest.generator.models.synthesis.sha256;
    if (record.generatorSha256 !== generator) {
      throw badInput(
        `image ${image.id} was made with another generator than model set ${engine.manifest.id} has now; its latent cannot be edited here`,
      );
    }
    const bytes = await this.storage.blobs.get(record.npy.key);
    if (!bytes) throw await this.lost(image, `latent blob ${record.npy.key}`);
    const t = await readNpy(bytes);
    return { record, array: array32(t.shape, toFloat32(t)) };
  }

  /**
   * What to throw when something an image refers to is missing: NOT_FOUND when the image itself was deleted
   * meanwhile (a concurrent delete), else an internal failure (data lost from storage; logged, masked).
   */
  private async lost(image: ImageRecord, what: string): Promise<Error> {
    if (!(await this.get(image.id))) return notFound('image', image.id);
    return new Error(`${what} of image ${image.id} is missing from storage`);
  }

  /**
   * Writes the PNG and latent blobs of image `index` of a batch [N,3,H,W] with its latent row, and returns the
   * records to store (not stored yet: the caller commits them in its order).
   */
  async prepare(o: {
    source: ImageSource;
    modelSetId: string;
    generatorSha256: string;
    images: Array32;
    index: number;
    latent?: { space: LatentSpace; rows: Array32 };
    fields?: Partial<ImageRecord>;
    now: string;
    /** The new image's id (default: a new one); give ids in creation order when preparing a batch in parallel. */
    id?: string;
  }): Promise<PreparedImage> {
    const rgb = tensorToRgb8(o.images.data, o.images.shape, { index: o.index });
    const png = await encodePng(rgb.rgb, rgb.width, rgb.height);
    let npy: { bytes: Uint8Array; shape: number[] } | undefined;
    if (o.latent) {
      const row = rows(o.latent.rows, o.index, o.index + 1);
      const shape = [...row.shape];
      npy = { bytes: encodeNpy(makeTensor('float32', shape, row.data)), shape };
    }
    const id = o.id ?? newId();
    // The image holds both blobs (reference markers first: deletion counts holders).
    const [pngRef, npyRef] = await Promise.all([
      this.storage.putContent('images', png, 'png', id),
      npy ? this.storage.putContent('latents', npy.bytes, 'npy', id) : undefined,
    ]);
    const latent: LatentRecord | undefined =
      o.latent && npy && npyRef
        ? {
            id: npyRef.sha256,
            space: o.latent.space,
            shape: npy.shape,
            npy: npyRef,
            modelSetId: o.modelSetId,
            generatorSha256: o.generatorSha256,
            createdAt: o.now,
          }
        : undefined;
    const image: ImageRecord = {
      ...o.fields,
      id,
      source: o.source,
      modelSetId: o.modelSetId,
      png: pngRef,
      width: rgb.width,
      height: rgb.height,
      createdAt: o.now,
      ...(latent ? { latentId: latent.id } : {}),
    };
    return { image, ...(latent ? { latent } : {}) };
  }

  /**
   * Stores the latent and image records of images that are not visible yet (edit results: they become visible
   * with the edit record the caller writes last), all at once.
   */
  async putRecords(prepared: readonly PreparedImage[]): Promise<void> {
    await Promise.all(
      prepared.flatMap((p) => [
        ...(p.latent ? [this.records.put('latent', p.latent.id, p.latent)] : []),
        this.records.put('image', p.image.id, p.image),
      ]),
    );
  }

  /** Gallery index entries of a new image. */
  galleryKeys(image: ImageRecord): string[] {
    const keys = [INDEX.images(GALLERY_BUCKET[image.source]) + image.id];
    if (image.source !== 'EDITED') keys.push(INDEX.images('base') + image.id);
    return keys;
  }

  /** seeds → images with their W+ latents (seeds per call and ψ as the parameter schema allows). */
  async generate(input: {
    modelSetId?: string | null;
    seeds: readonly number[];
    truncation?: number | null;
  }): Promise<ImageRecord[]> {
    const { seeds, truncation } = parseParameters(this.params.generateImages, {
      seeds: input.seeds,
      truncation: input.truncation,
    });
    const set = await this.models.get(input.modelSetId);
    const engine = await this.models.engine(set.id);
    const batch = await engine.generate(seeds, truncation);
    const now = new Date().toISOString();
    const generatorSha256 = engine.manifest.generator.models.synthesis.sha256;
    const ids = seeds.map(() => newId());
    // Blobs first (PNG and W+ .npy), then latent records, index entries, and the image records last.
    const prepared = await Promise.all(
      seeds.map((seed, i) =>
        this.prepare({
          source: 'GENERATED',
          modelSetId: set.id,
          generatorSha256,
          images: batch.images,
          index: i,
          latent: { space: 'WPLUS', rows: batch.wplus },
          fields: { seed, truncation },
          now,
          id: ids[i]!,
        }),
      ),
    );
    await Promise.all([
      ...prepared.flatMap((p) => (p.latent ? [this.records.put('latent', p.latent.id, p.latent)] : [])),
      this.storage.index(prepared.flatMap((p) => this.galleryKeys(p.image))),
    ]);
    await Promise.all(prepared.map((p) => this.records.put('image', p.image.id, p.image)));
    return prepared.map((p) => p.image);
  }

  /** Whether an EDITED image's edit was committed (an edit that failed half-way leaves orphans, never shown). */
  private async committed(image: ImageRecord): Promise<boolean> {
    if (image.source !== 'EDITED' || !image.parentEditId) return true;
    return (await this.getEdit(image.parentEditId)) !== undefined;
  }

  /** The gallery, newest first. */
  async gallery(
    first: number | null | undefined,
    after: string | null | undefined,
    filter: GalleryFilter | null | undefined,
  ): Promise<Connection<ImageRecord>> {
    const args = pageArgs(this.params.pages, 'images', first, after);
    const source = filter?.source ?? undefined;
    if (filter?.method) {
      // index/methods/<m>/<imageId>.<editId>: several entries per image; continue after all of an image's.
      const prefix = INDEX.methods(
        filter.method === 'GLOBAL' ? 'global' : filter.method === 'MAPPER' ? 'mapper' : 'optimize',
      );
      return paginate({
        ...args,
        list: (a, limit) => this.storage.listIndex(prefix, a, limit),
        resumeAfter: (cursor) => `${cursor}.${'z'.repeat(21)}`,
        resolve: async (name) => {
          const [imageId, editId] = name.split('.');
          if (!isId(imageId) || !isId(editId)) return undefined;
          const [image, edit] = await Promise.all([this.get(imageId), this.getEdit(editId)]);
          if (!image || !edit || (source && image.source !== source) || !(await this.committed(image)))
            return undefined;
          return { cursor: image.id, node: image };
        },
      });
    }
    const prefix = INDEX.images(source ? GALLERY_BUCKET[source] : 'base');
    return paginate({
      ...args,
      list: (a, limit) => this.storage.listIndex(prefix, a, limit),
      resolve: async (name) => {
        const image = await this.get(name);
        if (!image || !(await this.committed(image))) return undefined;
        return { cursor: image.id, node: image };
      },
    });
  }

  /** Edits of an image, newest first. */
  async editsOf(
    imageId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<EditRecord>> {
    const args = pageArgs(this.params.pages, 'edits', first, after);
    const prefix = INDEX.edits(imageId);
    return paginate({
      ...args,
      list: (a, limit) => this.storage.listIndex(prefix, a, limit),
      resolve: async (name) => {
        const edit = await this.getEdit(name);
        return edit ? { cursor: edit.id, node: edit } : undefined;
      },
    });
  }
}
