import { parseBlobStoreConfig, type S3BlobStoreConfig } from './config';
import { FsBlobStore } from './fs-blob-store';
import { S3BlobStore } from './s3-blob-store';
import type { S3BlobStoreOptions } from './s3-blob-store';
import type { S3ConnectionOptions } from './s3-client';

/** Tuning passed through to the S3 store (timeouts, retries, part size). */
export type S3Tuning = Omit<
  S3BlobStoreOptions,
  'bucket' | 'prefix' | 'region' | 'endpoint' | 'forcePathStyle' | 'credentials'
>;

/** Builds the BlobStore a (validated) configuration describes. */
export function createBlobStore(config: unknown, s3Tuning: S3Tuning = {}): FsBlobStore | S3BlobStore {
  const c = parseBlobStoreConfig(config);
  if (c.kind === 'fs') return new FsBlobStore(c.root);
  return new S3BlobStore({ ...s3Tuning, ...s3Connection(c), prefix: c.prefix });
}

/** The client settings of an S3 configuration (bucket, region, endpoint, path style, static credentials). */
export function s3Connection(c: S3BlobStoreConfig): S3ConnectionOptions & { bucket: string } {
  return {
    bucket: c.bucket,
    region: c.region,
    ...(c.endpoint !== undefined ? { endpoint: c.endpoint } : {}),
    forcePathStyle: c.forcePathStyle,
    ...(c.accessKeyId !== undefined && c.secretAccessKey !== undefined
      ? { credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey } }
      : {}),
  };
}
