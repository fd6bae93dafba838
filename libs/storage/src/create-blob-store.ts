import { parseBlobStoreConfig } from './config';
import { FsBlobStore } from './fs-blob-store';
import { S3BlobStore } from './s3-blob-store';
import type { S3BlobStoreOptions } from './s3-blob-store';

/** Tuning passed through to the S3 store (timeouts, retries, part size). */
export type S3Tuning = Omit<
  S3BlobStoreOptions,
  'bucket' | 'prefix' | 'region' | 'endpoint' | 'forcePathStyle' | 'credentials'
>;

/** Builds the BlobStore a (validated) configuration describes. */
export function createBlobStore(config: unknown, s3Tuning: S3Tuning = {}): FsBlobStore | S3BlobStore {
  const c = parseBlobStoreConfig(config);
  if (c.kind === 'fs') return new FsBlobStore(c.root);
  return new S3BlobStore({
    ...s3Tuning,
    bucket: c.bucket,
    prefix: c.prefix,
    region: c.region,
    endpoint: c.endpoint,
    forcePathStyle: c.forcePathStyle,
    credentials:
      c.accessKeyId !== undefined && c.secretAccessKey !== undefined
        ? { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey }
        : undefined,
  });
}
