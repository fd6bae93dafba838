import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { StorageError } from './errors';
import { validateKey, validatePrefix } from './keys';
import { createS3Client, type S3ConnectionOptions } from './s3-client';
import { s3Error } from './s3-errors';

export interface S3ObjectsOptions extends S3ConnectionOptions {
  bucket: string;
}

/** What HEAD says about an object. */
export interface ObjectInfo {
  size: number;
  etag: string;
  /** User metadata (`x-amz-meta-*`), names in lower case. */
  metadata: Record<string, string>;
}

/** The smallest part S3 accepts (every part but the last). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
/** S3's largest part number. */
export const MAX_PARTS = 10_000;

/**
 * The S3 operations a bulk transfer needs beyond `BlobStore`: user metadata, ranged reads from an offset, and
 * multipart uploads driven by the caller (who keeps the upload id and part ETags, so an interrupted upload can
 * continue later where it stopped). Keys are full object keys in the bucket, validated like blob keys. Every failure
 * is a StorageError naming the operation, the object and the endpoint.
 */
export class S3Objects {
  readonly bucket: string;
  readonly description: string;
  private readonly client: S3Client;

  constructor(options: S3ObjectsOptions) {
    this.bucket = options.bucket;
    this.description = `s3://${this.bucket}${options.endpoint ? ` at ${options.endpoint}` : ''}`;
    this.client = createS3Client(options);
  }

  /** `s3://bucket/key`, for messages. */
  url(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }

  private fail(op: string, key: string, e: unknown): StorageError {
    return s3Error(op, key, this.description, e);
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const out = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: validateKey(key) }),
      );
      return { size: out.ContentLength ?? 0, etag: out.ETag ?? '', metadata: lowerKeys(out.Metadata) };
    } catch (e) {
      const err = this.fail('head', key, e);
      if (err.code === 'not_found') return undefined;
      throw err;
    }
  }

  /** The whole object (refused beyond `maxBytes`, before reading it), or undefined when missing. */
  async get(key: string, o: { maxBytes: number }): Promise<Uint8Array | undefined> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: validateKey(key) }),
      );
      const size = out.ContentLength ?? 0;
      if (size > o.maxBytes) {
        (out.Body as Readable | undefined)?.destroy();
        throw new StorageError(
          'invalid_argument',
          `s3 get ${JSON.stringify(key)} (${this.description}): ${size} bytes, more than the ${o.maxBytes} allowed`,
        );
      }
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array(0);
    } catch (e) {
      const err = this.fail('get', key, e);
      if (err.code === 'not_found') return undefined;
      throw err;
    }
  }

  /**
   * The object's bytes from `start` to its end, as a stream, with the object's ETag. With `ifMatch` the read fails
   * (`conflict`) when the object is no longer that version; servers that ignore If-Match (s3rver) still answer
   * with the ETag of what they send, which callers compare.
   */
  async getStream(
    key: string,
    o: { start?: number; ifMatch?: string } = {},
  ): Promise<{ body: Readable; etag: string; size: number } | undefined> {
    const start = o.start ?? 0;
    if (!Number.isSafeInteger(start) || start < 0)
      throw new StorageError('invalid_argument', `s3 getStream: start must be a byte offset, got ${start}`);
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: validateKey(key),
          ...(start > 0 ? { Range: `bytes=${start}-` } : {}),
          ...(o.ifMatch ? { IfMatch: o.ifMatch } : {}),
        }),
      );
      const body = out.Body as Readable | undefined;
      if (!body)
        throw new StorageError('internal', `s3 getStream ${JSON.stringify(key)}: no body in the reply`);
      return { body, etag: out.ETag ?? '', size: out.ContentLength ?? 0 };
    } catch (e) {
      const err = this.fail('getStream', key, e);
      if (err.code === 'not_found') return undefined;
      throw err;
    }
  }

  async put(
    key: string,
    bytes: Uint8Array,
    o: { contentType?: string; metadata?: Record<string, string> } = {},
  ): Promise<{ etag: string }> {
    try {
      const out = await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: validateKey(key),
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: o.contentType ?? 'application/octet-stream',
          Metadata: o.metadata,
        }),
      );
      return { etag: out.ETag ?? '' };
    } catch (e) {
      throw this.fail('put', key, e);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: validateKey(key) }));
    } catch (e) {
      const err = this.fail('delete', key, e);
      if (err.code !== 'not_found') throw err;
    }
  }

  /** Keys (with sizes) starting with `prefix`, one page at a time (`cursor`: the last key of the previous page). */
  async list(
    prefix: string,
    o: { cursor?: string; limit?: number } = {},
  ): Promise<{ objects: { key: string; size: number }[]; nextCursor?: string }> {
    validatePrefix(prefix);
    try {
      const out = await this.client.send(
        new ListObjectsCommand({
          Bucket: this.bucket,
          Prefix: prefix,
          Marker: o.cursor,
          MaxKeys: Math.min(1000, Math.max(1, o.limit ?? 1000)),
        }),
      );
      const objects = (out.Contents ?? []).map((c) => ({ key: c.Key ?? '', size: c.Size ?? 0 }));
      return out.IsTruncated && objects.length > 0
        ? { objects, nextCursor: objects[objects.length - 1]!.key }
        : { objects };
    } catch (e) {
      throw this.fail('list', prefix, e);
    }
  }

  /** Starts a multipart upload; the object appears only when it is completed. Returns the upload id. */
  async createMultipartUpload(
    key: string,
    o: { contentType?: string; metadata?: Record<string, string> } = {},
  ): Promise<string> {
    try {
      const out = await this.client.send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key: validateKey(key),
          ContentType: o.contentType ?? 'application/octet-stream',
          Metadata: o.metadata,
        }),
      );
      if (!out.UploadId) throw new StorageError('internal', 'no UploadId in the reply');
      return out.UploadId;
    } catch (e) {
      throw this.fail('createMultipartUpload', key, e);
    }
  }

  /** Uploads part `partNumber` (1…10000; every part but the last ≥ 5 MiB); returns its ETag. */
  async uploadPart(key: string, uploadId: string, partNumber: number, bytes: Uint8Array): Promise<string> {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PARTS)
      throw new StorageError('invalid_argument', `part number ${partNumber} is not in 1…${MAX_PARTS}`);
    try {
      const out = await this.client.send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key: validateKey(key),
          UploadId: uploadId,
          PartNumber: partNumber,
          Body: bytes,
          ContentLength: bytes.length,
        }),
      );
      return out.ETag ?? '';
    } catch (e) {
      throw this.fail(`uploadPart ${partNumber}`, key, e);
    }
  }

  async completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: readonly { partNumber: number; etag: string }[],
  ): Promise<{ etag: string }> {
    try {
      const out = await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: validateKey(key),
          UploadId: uploadId,
          MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
        }),
      );
      return { etag: out.ETag ?? '' };
    } catch (e) {
      throw this.fail('completeMultipartUpload', key, e);
    }
  }

  /** Drops an unfinished upload and its parts (a missing upload is fine). */
  async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: validateKey(key), UploadId: uploadId }),
      );
    } catch (e) {
      const err = this.fail('abortMultipartUpload', key, e);
      if (err.code !== 'not_found') throw err;
    }
  }

  /** Releases the client's sockets. */
  close(): void {
    this.client.destroy();
  }
}

const lowerKeys = (m: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
