import { describe, expect, it } from 'vitest';
import { createBlobStore } from './create-blob-store';
import { StorageError } from './errors';
import { FsBlobStore } from './fs-blob-store';
import { S3BlobStore } from './s3-blob-store';

describe('createBlobStore', () => {
  it('builds the store a config describes', () => {
    const fs = createBlobStore({ kind: 'fs', root: '/tmp/styleclip-x' });
    expect(fs).toBeInstanceOf(FsBlobStore);
    expect(fs.description).toBe('fs:/tmp/styleclip-x');
    const s3 = createBlobStore({
      kind: 's3',
      bucket: 'my-bucket',
      prefix: 'p',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      forcePathStyle: true,
      accessKeyId: 'a',
      secretAccessKey: 'b',
    });
    expect(s3).toBeInstanceOf(S3BlobStore);
    expect(s3.description).toBe('s3://my-bucket/p/ at http://127.0.0.1:1');
    (s3 as S3BlobStore).close();
  });

  it('refuses an invalid config', () => {
    expect(() => createBlobStore({ kind: 's3' })).toThrow(StorageError);
  });
});
