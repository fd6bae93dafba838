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
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PassThrough, Readable } from 'node:stream';
import type {
  BlobBody,
  BlobInfo,
  BlobStore,
  ListOptions,
  ListPage,
  PresignedPut,
  PresignPutOptions,
  PutOptions,
  PutResult,
} from './blob-store';
import {
  chunksOf,
  contentTypeForKey,
  expirySeconds,
  isBytes,
  pageLimit,
  rethrow,
  validateContentType,
} from './body';
import { verifiedStream, verifyContent } from './content-address';
import { StorageError } from './errors';
import { validateKey, validatePrefix } from './keys';
import { partsOf } from './parts';
import { createS3Client, type S3ConnectionOptions } from './s3-client';
import { s3Error } from './s3-errors';

export interface S3BlobStoreOptions extends S3ConnectionOptions {
  bucket: string;
  /** Prepended to every key ('' or ending in '/'; a missing trailing '/' is added). */
  prefix?: string;
  /** Multipart part size in bytes (≥ 5 MiB, default 5 MiB); bodies larger than one part go multipart. */
  partSize?: number;
  /** Parts uploaded in parallel (default 4). */
  queueSize?: number;
}

const MIN_PART = 5 * 1024 * 1024;

/**
 * Blobs in an S3 bucket under a key prefix. Small bodies are one PutObject; larger or streamed ones a
 * multipart upload that is aborted on any error, so a key only ever shows a complete object. Every SDK or
 * network error becomes a StorageError (code 'unavailable' when the backend cannot be reached).
 */
export class S3BlobStore implements BlobStore {
  readonly description: string;
  readonly bucket: string;
  readonly prefix: string;
  private readonly client: S3Client;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    const prefix = options.prefix ?? '';
    this.prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    if (this.prefix !== '') validatePrefix(this.prefix);
    this.partSize = options.partSize ?? MIN_PART;
    if (!Number.isInteger(this.partSize) || this.partSize < MIN_PART) {
      throw new StorageError(
        'invalid_config',
        `S3 partSize must be an integer ≥ ${MIN_PART}, got ${this.partSize}`,
      );
    }
    this.queueSize = Math.max(1, options.queueSize ?? 4);
    this.description = `s3://${this.bucket}/${this.prefix}${options.endpoint ? ` at ${options.endpoint}` : ''}`;
    this.client = createS3Client(options);
  }

  /** Releases the client's sockets. */
  close(): void {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    return this.prefix + validateKey(key);
  }

  private fail(op: string, key: string, e: unknown): StorageError {
    return s3Error(op, key, this.description, e);
  }

  async put(key: string, body: BlobBody, options: PutOptions = {}): Promise<PutResult> {
    const objectKey = this.objectKey(key);
    const contentType = validateContentType(options.contentType ?? contentTypeForKey(key));
    const ifNoneMatch = options.ifNoneMatch === '*';
    try {
      if (isBytes(body) && body.length <= this.partSize) {
        return await this.putSingle(key, objectKey, body, contentType, ifNoneMatch);
      }
      const parts = partsOf(chunksOf(body), this.partSize)[Symbol.asyncIterator]();
      const first = await parts.next();
      const second = first.done ? first : await parts.next();
      if (second.done) {
        return await this.putSingle(
          key,
          objectKey,
          first.done ? Buffer.alloc(0) : first.value,
          contentType,
          ifNoneMatch,
        );
      }
      return await this.putMultipart(
        key,
        objectKey,
        [first.value as Buffer, second.value],
        parts,
        contentType,
        ifNoneMatch,
      );
    } catch (e) {
      rethrow(e, (err) => this.fail('put', key, err));
    }
  }

  /** Servers that ignore `If-None-Match` on writes (s3rver) still get the check, minus its atomicity. */
  private async refuseExisting(key: string, ifNoneMatch: boolean): Promise<void> {
    if (ifNoneMatch && (await this.head(key)) !== undefined) {
      throw new StorageError(
        'conflict',
        `s3 put ${JSON.stringify(key)} (${this.description}): the key already exists (ifNoneMatch)`,
      );
    }
  }

  private async putSingle(
    key: string,
    objectKey: string,
    bytes: Uint8Array,
    contentType: string,
    ifNoneMatch: boolean,
  ): Promise<PutResult> {
    await this.refuseExisting(key, ifNoneMatch);
    const out = await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: objectKey,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: contentType,
        IfNoneMatch: ifNoneMatch ? '*' : undefined,
      }),
    );
    return { size: bytes.length, etag: out.ETag ?? '' };
  }

  private async putMultipart(
    key: string,
    objectKey: string,
    firstParts: Buffer[],
    rest: AsyncIterator<Buffer>,
    contentType: string,
    ifNoneMatch: boolean,
  ): Promise<PutResult> {
    await this.refuseExisting(key, ifNoneMatch);
    const created = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: objectKey, ContentType: contentType }),
    );
    const uploadId = created.UploadId;
    if (!uploadId)
      throw new StorageError('internal', `s3 put ${JSON.stringify(key)}: no UploadId in the reply`);
    const etags: string[] = [];
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    let size = 0;
    const upload = (partNumber: number, bytes: Buffer): void => {
      const task: Promise<void> = this.client
        .send(
          new UploadPartCommand({
            Bucket: this.bucket,
            Key: objectKey,
            UploadId: uploadId,
            PartNumber: partNumber,
            Body: bytes,
            ContentLength: bytes.length,
          }),
        )
        .then(
          (out) => {
            etags[partNumber - 1] = out.ETag ?? '';
          },
          (error: unknown) => {
            failure ??= { error };
          },
        )
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    };
    try {
      let partNumber = 0;
      const next = async (): Promise<Buffer | undefined> => {
        const fromFirst = firstParts.shift();
        if (fromFirst) return fromFirst;
        const r = await rest.next();
        return r.done ? undefined : r.value;
      };
      for (let bytes = await next(); bytes !== undefined; bytes = await next()) {
        if (failure) break;
        if (++partNumber > 10_000)
          throw new StorageError(
            'invalid_argument',
            `s3 put ${JSON.stringify(key)}: over 10000 parts; raise partSize`,
          );
        size += bytes.length;
        upload(partNumber, bytes);
        while (inFlight.size >= this.queueSize) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      if (failure) throw failure.error;
      const done = await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: objectKey,
          UploadId: uploadId,
          MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
          IfNoneMatch: ifNoneMatch ? '*' : undefined,
        }),
      );
      return { size, etag: done.ETag ?? '' };
    } catch (e) {
      await Promise.allSettled(inFlight);
      await rest.return?.(undefined).catch(() => undefined);
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: objectKey, UploadId: uploadId }))
        .catch(() => undefined); // best effort; a bucket lifecycle rule should expire leftovers
      throw e;
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const objectKey = this.objectKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      const bytes = out.Body ? await out.Body.transformToByteArray() : new Uint8Array(0);
      return verifyContent(key, this.description, bytes);
    } catch (e) {
      const err = this.fail('get', key, e);
      if (err.code === 'not_found') return undefined;
      throw err;
    }
  }

  async getStream(key: string): Promise<Readable | undefined> {
    const objectKey = this.objectKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      const body = out.Body as Readable | undefined;
      if (!body) return verifiedStream(key, this.description, Readable.from([]));
      const stream = new PassThrough();
      body.on('error', (e) => stream.destroy(this.fail('getStream', key, e)));
      stream.on('close', () => {
        if (!body.readableEnded) body.destroy();
      });
      body.pipe(stream);
      return verifiedStream(key, this.description, stream);
    } catch (e) {
      const err = this.fail('getStream', key, e);
      if (err.code === 'not_found') return undefined;
      throw err;
    }
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    const objectKey = this.objectKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return {
        size: out.ContentLength ?? 0,
        contentType: out.ContentType ?? contentTypeForKey(key),
        etag: out.ETag ?? '',
      };
    } catch (e) {
      const err = this.fail('head', key, e);
      if (err.code === 'not_found') return undefined;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey }));
    } catch (e) {
      const err = this.fail('delete', key, e);
      if (err.code !== 'not_found') throw err;
    }
  }

  async list(prefix: string, options?: ListOptions): Promise<ListPage> {
    validatePrefix(prefix);
    const limit = pageLimit(options);
    const cursor = options?.cursor === undefined ? undefined : validateKey(options.cursor, 'cursor');
    try {
      // ListObjects (v1) with Marker = our cursor: the same semantics as v2's StartAfter, and it works on
      // servers whose v2 continuation tokens are broken (s3rver encrypts them with DES, gone in OpenSSL 3).
      const out = await this.client.send(
        new ListObjectsCommand({
          Bucket: this.bucket,
          Prefix: this.prefix + prefix,
          Marker: cursor === undefined ? undefined : this.prefix + cursor,
          MaxKeys: limit,
        }),
      );
      const keys = (out.Contents ?? []).map((o) => (o.Key ?? '').slice(this.prefix.length));
      return out.IsTruncated && keys.length > 0 ? { keys, nextCursor: keys[keys.length - 1] } : { keys };
    } catch (e) {
      throw this.fail('list', prefix, e);
    }
  }

  async url(key: string, options: { expiresIn: number }): Promise<string> {
    const objectKey = this.objectKey(key);
    const expiresIn = expirySeconds(options.expiresIn);
    try {
      return await getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }), {
        expiresIn,
      });
    } catch (e) {
      throw this.fail('url', key, e);
    }
  }

  async presignPut(key: string, options: PresignPutOptions): Promise<PresignedPut> {
    const objectKey = this.objectKey(key);
    const expiresIn = expirySeconds(options.expiresIn);
    const contentType = validateContentType(options.contentType);
    const { maxBytes, contentLength } = options;
    if (!Number.isInteger(maxBytes) || maxBytes < 1) {
      throw new StorageError(
        'invalid_argument',
        `presignPut maxBytes must be a positive integer, got ${maxBytes}`,
      );
    }
    if (
      contentLength !== undefined &&
      (!Number.isInteger(contentLength) || contentLength < 0 || contentLength > maxBytes)
    ) {
      throw new StorageError(
        'invalid_argument',
        `presignPut contentLength ${contentLength} is not an integer in 0…${maxBytes} (maxBytes)`,
      );
    }
    const headers: Record<string, string> = { 'content-type': contentType };
    if (contentLength !== undefined) headers['content-length'] = String(contentLength);
    try {
      const url = await getSignedUrl(
        this.client,
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: objectKey,
          ContentType: contentType,
          ContentLength: contentLength,
        }),
        { expiresIn, signableHeaders: new Set(Object.keys(headers)) },
      );
      return { url, method: 'PUT', headers, expiresAt: new Date(Date.now() + expiresIn * 1000), maxBytes };
    } catch (e) {
      throw this.fail('presignPut', key, e);
    }
  }
}
