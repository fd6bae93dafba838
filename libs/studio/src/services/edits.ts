import type { Engine } from '@styleclip/editing';
import { encodePng, tensorToRgb8 } from '@styleclip/imaging';
import type { Array32 } from '@styleclip/latent-math';
import { badInput, notFound } from '../errors';
import { newId } from '../ids';
import { defaultOf, parseParameters } from '../parameters/parse';
import type { Parameters } from '../parameters/schema';
import type { ModelSetRegistry } from '../model-sets/registry';
import type { EditRecord, ImageRecord } from '../records';
import { INDEX, type Storage } from '../storage';
import type { DeletionService } from './deletion';
import type { ImageService, PreparedImage } from './images';
import type { PhotoEdits } from '../photos/photo-edits';

export interface EditGlobalInput {
  imageId: string;
  neutral: string;
  target: string;
  alphas?: readonly number[] | null;
  beta?: number | null;
  autoBeta?: boolean | null;
  /** Faces of an uploaded photo to edit (default all); `pasteBack`: also the photo with them pasted back. */
  faces?: readonly number[] | null;
  pasteBack?: boolean | null;
}

export interface EditMapperInput {
  imageId: string;
  mapper: string;
  strength?: number | null;
  faces?: readonly number[] | null;
  pasteBack?: boolean | null;
}

export interface PreviewImage {
  alpha: number;
  width: number;
  height: number;
  dataUrl: string;
}

export interface GlobalEditPreview {
  channels: number;
  beta: number;
  autoBeta: boolean;
  topChannels: Channel[];
  images: PreviewImage[];
}

export interface MapperEditPreview {
  strength: number;
  images: PreviewImage[];
}

type Channel = NonNullable<EditRecord['topChannels']>[number];

/**
 * Global-direction and mapper edits: each result is stored as an EDITED image with its latent. Both can also be
 * previewed (rendered, nothing stored).
 */
export class EditService {
  constructor(
    private readonly storage: Storage,
    private readonly models: ModelSetRegistry,
    private readonly images: ImageService,
    private readonly params: Parameters,
    private readonly deletion: DeletionService,
    /** Edits of faces of uploaded photos (`src/photos/`): several faces at once, paste-back. */
    private readonly photos?: PhotoEdits,
  ) {}

  /** An edit (undefined when there is none); RECORD_CORRUPT when its record cannot be read. */
  get(id: string): Promise<EditRecord | undefined> {
    return this.images.getEdit(id);
  }

  private async open(imageId: string): Promise<{ image: ImageRecord; engine: Engine }> {
    const image = await this.images.require(imageId);
    return { image, engine: await this.models.engine(image.modelSetId) };
  }

  /**
   * Validates the input and runs the global edit on the image's latent (W+ or S): shared by `global`, which
   * stores the results, and `preview`, which stores nothing.
   */
  private async renderGlobal(input: EditGlobalInput, resolution?: number) {
    const { neutral, target, alphas, beta, autoBeta } = parseParameters(this.params.editGlobal, {
      neutral: input.neutral,
      target: input.target,
      alphas: input.alphas,
      beta: input.beta,
      autoBeta: input.autoBeta,
    });
    const { image, engine } = await this.open(input.imageId);
    const { array, record } = await this.images.latentArray(image, engine);
    const latent = record.space === 'S' ? { s: array } : { wplus: array };
    const r = await engine.edit.global({
      latent,
      text: { neutral, target },
      alphas,
      beta: autoBeta ? 'auto' : beta,
      topK: defaultOf(this.params.textDirection, 'top'),
      ...(resolution !== undefined ? { resolution } : {}),
    });
    const topChannels: Channel[] = r.top.map((t) => ({
      layer: t.layer,
      channel: t.channel,
      weight: t.weight,
      ...(t.layerName ? { layerName: t.layerName } : {}),
    }));
    return { image, engine, r, autoBeta, topChannels, text: { neutral, target }, alphas };
  }

  async global(input: EditGlobalInput): Promise<EditRecord> {
    const photo = await this.photos?.target(input);
    if (photo) return this.photos!.global(input, photo);
    const { image, engine, r, autoBeta, topChannels, text, alphas } = await this.renderGlobal(input);
    const edit: EditRecord = {
      id: newId(),
      method: 'GLOBAL',
      imageId: image.id,
      modelSetId: image.modelSetId,
      createdAt: new Date().toISOString(),
      neutral: text.neutral,
      target: text.target,
      alphas: [...alphas],
      beta: r.beta,
      autoBeta,
      channels: r.kept,
      topChannels,
      ...(r.truncatedPrompts.length ? { truncatedPrompts: r.truncatedPrompts } : {}),
      results: [],
    };
    return this.commit(edit, image, engine, r.images, { space: 'S', rows: r.s }, alphas);
  }

  /**
   * The same edit as `global`, rendered but not stored: nothing is written (the base image and its latent are
   * only read). The images come back as PNG data URLs, one per α.
   */
  async preview(input: EditGlobalInput, resolution?: number): Promise<GlobalEditPreview> {
    const face = await this.photos?.previewImageId(input);
    if (face) input = { ...input, imageId: face };
    const { r, autoBeta, topChannels, alphas } = await this.renderGlobal(input, resolution);
    const images = await previewImages(r.images, alphas);
    return { channels: r.kept, beta: r.beta, autoBeta, topChannels, images };
  }

  /**
   * Validates the input (strength, known mapper, W+ latent) and runs the mapper on the image's latent: shared by
   * `mapper`, which stores the result, and `previewMapper`, which stores nothing.
   */
  private async renderMapper(input: EditMapperInput, resolution?: number) {
    const { strength } = parseParameters(this.params.editMapper, { strength: input.strength });
    const opened = await this.open(input.imageId);
    const image = opened.image;
    let engine = opened.engine;
    if (!engine.manifest.mappers[input.mapper]) {
      // A mapper a job just trained on another machine may not be installed here yet: install what was published.
      await this.models.refresh(image.modelSetId);
      engine = await this.models.engine(image.modelSetId);
    }
    const mappers = Object.keys(engine.manifest.mappers);
    if (!mappers.includes(input.mapper)) {
      throw badInput(
        `model set ${image.modelSetId} has no mapper ${JSON.stringify(input.mapper)}${mappers.length ? ` (it has: ${mappers.join(', ')})` : ' (it has none)'}`,
      );
    }
    const { array, record } = await this.images.latentArray(image, engine);
    if (record.space !== 'WPLUS') {
      throw badInput(
        `mapper edits need a W+ latent; image ${image.id} has an S latent (it is a global-edit result). ` +
          'Apply the mapper to a generated image or a mapper result, or edit this one with global directions',
      );
    }
    const r = await engine.edit.mapper({
      wplus: array,
      mapper: input.mapper,
      strength,
      ...(resolution !== undefined ? { resolution } : {}),
    });
    return { image, engine, r, strength };
  }

  async mapper(input: EditMapperInput): Promise<EditRecord> {
    const photo = await this.photos?.target(input);
    if (photo) return this.photos!.mapper(input, photo);
    const { image, engine, r, strength } = await this.renderMapper(input);
    const edit: EditRecord = {
      id: newId(),
      method: 'MAPPER',
      imageId: image.id,
      modelSetId: image.modelSetId,
      createdAt: new Date().toISOString(),
      mapper: input.mapper,
      strength,
      results: [],
    };
    return this.commit(edit, image, engine, r.images, { space: 'WPLUS', rows: r.wplus }, undefined);
  }

  /**
   * The same edit as `mapper`, rendered but not stored: nothing is written. The one image comes back as a PNG
   * data URL (its `alpha` is the strength).
   */
  async previewMapper(input: EditMapperInput, resolution?: number): Promise<MapperEditPreview> {
    const face = await this.photos?.previewImageId(input);
    if (face) input = { ...input, imageId: face };
    const { r, strength } = await this.renderMapper(input, resolution);
    return { strength, images: await previewImages(r.images, [strength]) };
  }

  private commit(
    edit: EditRecord,
    base: ImageRecord,
    engine: Engine,
    images: Array32,
    latent: { space: 'S' | 'WPLUS'; rows: Array32 },
    alphas: readonly number[] | undefined,
  ): Promise<EditRecord> {
    return this.store(edit, base, engine.manifest.generator.models.synthesis.sha256, images, latent, {
      ...(alphas ? { alphas } : {}),
    });
  }

  /**
   * Stores an edit's results (blobs, latent and image records), the index entries, and the edit record last:
   * until it exists the edit and its images are not listed anywhere. Also how jobs whose result is an edit
   * (latent optimization) store it; `ids` fixes the result images' ids, so storing the same edit again (a job
   * run again after a crash) writes the same records instead of new ones.
   */
  async store(
    edit: EditRecord,
    base: ImageRecord,
    generatorSha256: string,
    images: Array32,
    latent: { space: 'S' | 'WPLUS'; rows: Array32 },
    o: { alphas?: readonly number[]; ids?: readonly string[] } = {},
  ): Promise<EditRecord> {
    const n = images.shape[0]!;
    const alphas = o.alphas;
    const ids = o.ids ?? Array.from({ length: n }, () => newId());
    if (ids.length !== n) throw new Error(`${ids.length} result ids for ${n} results`);
    const prepared: PreparedImage[] = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        this.images.prepare({
          source: 'EDITED',
          modelSetId: base.modelSetId,
          generatorSha256,
          images,
          index: i,
          latent,
          fields: {
            parentEditId: edit.id,
            ...(alphas ? { alpha: alphas[i]! } : {}),
            ...(base.seed !== undefined ? { seed: base.seed } : {}),
            ...(base.truncation !== undefined ? { truncation: base.truncation } : {}),
          },
          now: edit.createdAt,
          id: ids[i]!,
        }),
      ),
    );
    // Result records and index entries together: none of them is visible before the edit record exists.
    const method = METHOD_INDEX[edit.method];
    await Promise.all([
      this.images.putRecords(prepared),
      this.storage.index([
        INDEX.edits(base.id) + edit.id,
        `${INDEX.methods(method)}${base.id}.${edit.id}`,
        ...prepared.flatMap((p) => this.images.galleryKeys(p.image)),
      ]),
    ]);
    const committed: EditRecord = {
      ...edit,
      results: prepared.map((p, i) => ({ imageId: p.image.id, ...(alphas ? { alpha: alphas[i]! } : {}) })),
    };
    await this.storage.records.put('edit', committed.id, committed);
    // The base image may have been deleted while this edit ran (after the deleter swept its edits): an edit never
    // outlives its image, so it removes itself (see DeletionService).
    const baseStill = await this.images.get(base.id).then(Boolean, () => true);
    if (!baseStill) {
      await this.deletion.deleteEdit(committed.id).catch(() => undefined);
      throw notFound('image', base.id);
    }
    return committed;
  }
}

/** The index folder of each edit method (images having an edit of that method). */
const METHOD_INDEX = { GLOBAL: 'global', MAPPER: 'mapper', OPTIMIZE: 'optimize' } as const satisfies Record<
  EditRecord['method'],
  string
>;

/** Rendered images as PNG data URLs, one per value (α, or a mapper's strength), in the order given. */
async function previewImages(images: Array32, values: readonly number[]): Promise<PreviewImage[]> {
  return Promise.all(
    values.map(async (alpha, index) => {
      const rgb = tensorToRgb8(images.data, images.shape, { index });
      const png = await encodePng(rgb.rgb, rgb.width, rgb.height);
      return {
        alpha,
        width: rgb.width,
        height: rgb.height,
        dataUrl: `data:image/png;base64,${Buffer.from(png).toString('base64')}`,
      };
    }),
  );
}
