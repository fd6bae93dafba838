import type { Readable } from 'node:stream';
import { decodeImage, encodePng } from '@styleclip/imaging';
import { StudioError, badInput, isStudioErrorCode, notFound, toStudioError } from '../errors';
import { isId, newId } from '../ids';
import type { Logger } from '../log';
import type { ModelSetRegistry } from '../model-sets/registry';
import type { ImageRecord, UploadRecord } from '../records';
import type { Storage } from '../storage';
import type { Parameters } from '../parameters/schema';
import type { ImageService } from './images';
import type { PhotoService } from '../photos/service';

export interface UploadTicket {
  uploadId: string;
  method: 'PUT';
  url: string;
  headers: { name: string; value: string }[];
  expiresAt: string;
}

/** Thrown by the byte counter when a body is larger than allowed. */
class BodyTooLarge extends Error {}

/**
 * Photo uploads: a ticket (presigned PUT on S3, the API's own `PUT /uploads/:id` otherwise), then
 * `complete`: validation with `decodeImage` (type from magic bytes, size, dimensions, decompression bombs),
 * deduplication by the sha256 of the bytes, and an UPLOADED image stored as PNG (metadata such as EXIF is
 * dropped) with no latent until an inversion model is configured.
 */
export class UploadService {
  constructor(
    private readonly storage: Storage,
    private readonly models: ModelSetRegistry,
    private readonly images: ImageService,
    private readonly params: Parameters,
    private readonly o: {
      ttlSeconds: number;
      publicUrl: () => string;
      log: Logger;
      /** Starts the inversion of a new upload (its faces), when its model set has an encoder. */
      photos?: PhotoService;
    },
  ) {}

  /** The largest upload in bytes (the parameter schema's, as this deployment set it). */
  private get maxBytes(): number {
    return this.params.createUpload.shape.size.maxValue!;
  }

  private get records() {
    return this.storage.records;
  }

  async create(input: {
    filename?: string | null;
    contentType: string;
    size: number;
    modelSetId?: string | null;
  }): Promise<UploadTicket> {
    const contentType = input.contentType.trim().toLowerCase();
    const accepted: readonly string[] = this.params.createUpload.shape.contentType.options;
    if (!accepted.includes(contentType)) {
      throw new StudioError(
        'UNSUPPORTED_TYPE',
        `content type ${JSON.stringify(input.contentType)} is not accepted; upload ${accepted.filter((t) => t !== 'image/jpg').join(', ')}`,
      );
    }
    const minBytes = this.params.createUpload.shape.size.minValue!;
    if (!Number.isInteger(input.size) || input.size < minBytes)
      throw badInput(`size must be a positive number of bytes, got ${input.size}`);
    if (input.size > this.maxBytes) {
      throw new StudioError(
        'TOO_LARGE',
        `the file is ${input.size} bytes; the limit is ${this.maxBytes} bytes`,
        { maxBytes: this.maxBytes },
      );
    }
    const filename = input.filename?.slice(0, this.params.createUpload.shape.filename.unwrap().maxLength!);
    const set = await this.models.get(input.modelSetId);
    const id = newId();
    const key = `uploads/${id}.bin`;
    const now = Date.now();
    const expiresAt = new Date(now + this.o.ttlSeconds * 1000).toISOString();
    const presigned = await this.storage.blobs.presignPut(key, {
      contentType,
      maxBytes: this.maxBytes,
      expiresIn: this.o.ttlSeconds,
      contentLength: input.size,
    });
    const record: UploadRecord = {
      id,
      state: 'PENDING',
      key,
      contentType,
      size: input.size,
      ...(filename ? { filename } : {}),
      modelSetId: set.id,
      createdAt: new Date(now).toISOString(),
      expiresAt: presigned?.expiresAt.toISOString() ?? expiresAt,
    };
    await this.records.put('upload', id, record);
    if (presigned) {
      return {
        uploadId: id,
        method: 'PUT',
        url: presigned.url,
        headers: Object.entries(presigned.headers)
          .filter(([name]) => name.toLowerCase() !== 'content-length') // set by the HTTP client itself
          .map(([name, value]) => ({ name, value })),
        expiresAt: record.expiresAt,
      };
    }
    return {
      uploadId: id,
      method: 'PUT',
      url: `${this.o.publicUrl()}/uploads/${id}`,
      headers: [{ name: 'content-type', value: contentType }],
      expiresAt: record.expiresAt,
    };
  }

  private async pending(id: string): Promise<UploadRecord> {
    const rec = isId(id) ? (await this.records.get('upload', id))?.value : undefined;
    if (!rec) throw notFound('upload', id);
    return rec;
  }

  /**
   * `PUT /uploads/:id` (filesystem storage): streams the body into storage, refusing more than the ticket's size,
   * and fewer (a cut connection or a client that lied about the size: nothing is kept, the PUT can be retried).
   */
  async receive(id: string, body: Readable, contentLength: number | undefined): Promise<{ bytes: number }> {
    const rec = await this.pending(id);
    if (rec.state !== 'PENDING') throw badInput(`upload ${id} is already ${rec.state.toLowerCase()}`);
    if (Date.parse(rec.expiresAt) < Date.now())
      throw badInput(`upload ${id} expired at ${rec.expiresAt}; create a new one`);
    const limit = Math.min(rec.size, this.maxBytes);
    if (contentLength !== undefined && contentLength > limit) {
      throw new StudioError('TOO_LARGE', `the body is ${contentLength} bytes; this upload allows ${limit}`, {
        maxBytes: limit,
      });
    }
    const short = (got: number) =>
      badInput(`the body is ${got} bytes; this upload was created for ${rec.size} (send the whole file)`, {
        bytes: got,
        expectedBytes: rec.size,
      });
    if (contentLength !== undefined && contentLength < rec.size) throw short(contentLength);
    let received = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of body) {
        received += (chunk as Uint8Array).byteLength;
        if (received > limit) throw new BodyTooLarge();
        yield chunk as Uint8Array;
      }
    }
    try {
      await this.storage.blobs.put(rec.key, counted(), { contentType: rec.contentType });
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        throw new StudioError('TOO_LARGE', `the body is larger than the ${limit} bytes this upload allows`, {
          maxBytes: limit,
        });
      }
      throw e;
    }
    if (received < rec.size) {
      await this.storage.raw.delete(rec.key).catch(() => undefined);
      throw short(received);
    }
    return { bytes: received };
  }

  /** Validates the uploaded bytes and returns the image (the same one for the same bytes). */
  async complete(id: string): Promise<ImageRecord> {
    const rec = await this.pending(id);
    if (rec.state === 'COMPLETED' && rec.imageId) return this.images.require(rec.imageId);
    if (rec.state === 'FAILED') {
      // The refusal as it was first given (records from older releases may hold a GraphQL code).
      const code = rec.error?.code;
      throw new StudioError(
        isStudioErrorCode(code) ? code : code === 'PAYLOAD_TOO_LARGE' ? 'TOO_LARGE' : 'BAD_INPUT',
        `upload ${id} was refused: ${rec.error?.message ?? 'invalid'}`,
      );
    }
    const info = await this.storage.raw.head(rec.key);
    if (!info)
      throw badInput(`nothing was uploaded for upload ${id}; PUT the file to the ticket's URL first`);
    try {
      if (info.size > this.maxBytes || info.size > rec.size) {
        throw new StudioError(
          'TOO_LARGE',
          `the uploaded file is ${info.size} bytes; the limit is ${Math.min(rec.size, this.maxBytes)} bytes`,
        );
      }
      const bytes = await this.storage.raw.get(rec.key);
      if (!bytes) throw badInput(`nothing was uploaded for upload ${id}`);
      const { width, height } = this.params.uploadedImage.shape;
      const decoded = await decodeImage(bytes, {
        maxBytes: this.maxBytes,
        maxWidth: width.maxValue!,
        maxHeight: height.maxValue!,
        maxPixels: width.maxValue! * height.maxValue!,
      });
      const image = await this.store(rec, decoded);
      await this.records.put('upload', id, { ...rec, state: 'COMPLETED', imageId: image.id });
      // A new upload, or one stored before its model set had an encoder: find and invert its faces.
      if (this.o.photos && !(await this.o.photos.get(image.id))) await this.startInversion(image);
      await this.storage.raw
        .delete(rec.key)
        .catch((e) =>
          this.o.log.warn({ err: (e as Error).message, key: rec.key }, 'could not delete raw upload'),
        );
      return image;
    } catch (e) {
      const api = toStudioError(e);
      // A refused file is final (recorded, bytes dropped); a storage outage is not (try again later).
      if (api && api.code !== 'STORAGE_UNAVAILABLE' && api.code !== 'INTERNAL') {
        await this.records
          .put('upload', id, { ...rec, state: 'FAILED', error: { code: api.code, message: api.message } })
          .catch(() => undefined);
        await this.storage.raw.delete(rec.key).catch(() => undefined);
      }
      throw e;
    }
  }

  /** Starts finding and inverting the faces of a new upload; the upload stands whatever happens to that. */
  private async startInversion(image: ImageRecord): Promise<void> {
    try {
      await this.o.photos!.start(image);
    } catch (e) {
      this.o.log.warn({ imageId: image.id, err: (e as Error).message }, 'could not start the inversion');
    }
  }

  private async store(
    rec: UploadRecord,
    decoded: Awaited<ReturnType<typeof decodeImage>>,
  ): Promise<ImageRecord> {
    const existing = (await this.records.get('image-hash', decoded.sha256))?.value;
    if (existing) {
      const image = await this.images.get(existing.imageId);
      if (image) return image;
    }
    const png = await encodePng(decoded.rgb, decoded.width, decoded.height);
    const id = newId();
    const pngRef = await this.storage.putContent('images', png, 'png', id);
    const image: ImageRecord = {
      id,
      source: 'UPLOADED',
      modelSetId: rec.modelSetId,
      png: pngRef,
      width: decoded.width,
      height: decoded.height,
      createdAt: new Date().toISOString(),
      // PENDING: its faces are to be found and inverted (the photo record says how that goes).
      inversionStatus: (await this.o.photos?.canInvert(rec.modelSetId)) ? 'PENDING' : 'NOT_CONFIGURED',
      upload: {
        sha256: decoded.sha256,
        format: decoded.format,
        ...(rec.filename ? { filename: rec.filename } : {}),
      },
    };
    await this.storage.index(this.images.galleryKeys(image));
    await this.records.put('image', image.id, image);
    await this.records.put('image-hash', decoded.sha256, { sha256: decoded.sha256, imageId: image.id });
    return image;
  }
}
