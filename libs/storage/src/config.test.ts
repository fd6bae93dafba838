import { describe, expect, it } from 'vitest';
import { blobStoreConfigFromEnv, parseBlobStoreConfig } from './config';
import { StorageError } from './errors';

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StorageError);
    expect((e as StorageError).code).toBe('invalid_config');
    return (e as Error).message;
  }
  throw new Error('expected an invalid_config error');
};

describe('blobStoreConfigFromEnv', () => {
  it('defaults to the filesystem under ./data', () => {
    expect(blobStoreConfigFromEnv({})).toEqual({ kind: 'fs', root: './data' });
    expect(blobStoreConfigFromEnv({ STYLECLIP_STORAGE: 'fs', STYLECLIP_DATA_DIR: '/srv/data' })).toEqual({
      kind: 'fs',
      root: '/srv/data',
    });
  });

  it('reads a full S3 configuration', () => {
    expect(
      blobStoreConfigFromEnv({
        STYLECLIP_STORAGE: 's3',
        STYLECLIP_S3_BUCKET: 'styleclip-prod',
        STYLECLIP_S3_PREFIX: 'v1',
        STYLECLIP_S3_REGION: 'eu-west-1',
        STYLECLIP_S3_ENDPOINT: 'http://127.0.0.1:9000',
        STYLECLIP_S3_FORCE_PATH_STYLE: 'true',
        AWS_ACCESS_KEY_ID: 'id',
        AWS_SECRET_ACCESS_KEY: 'secret',
      }),
    ).toEqual({
      kind: 's3',
      bucket: 'styleclip-prod',
      prefix: 'v1/',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      accessKeyId: 'id',
      secretAccessKey: 'secret',
    });
  });

  it('defaults the region, path style and credentials', () => {
    expect(blobStoreConfigFromEnv({ STYLECLIP_STORAGE: 's3', STYLECLIP_S3_BUCKET: 'b-1' })).toEqual({
      kind: 's3',
      bucket: 'b-1',
      prefix: '',
      region: 'us-east-1',
      forcePathStyle: false,
    });
  });

  it('lists every problem, by variable name', () => {
    const message = messageOf(() =>
      blobStoreConfigFromEnv({
        STYLECLIP_STORAGE: 's3',
        STYLECLIP_S3_PREFIX: '../up',
        STYLECLIP_S3_ENDPOINT: 'ftp://x',
        STYLECLIP_S3_FORCE_PATH_STYLE: 'maybe',
        AWS_ACCESS_KEY_ID: 'only-id',
      }),
    );
    expect(message).toMatch(/STYLECLIP_S3_BUCKET is required/);
    expect(message).toMatch(/STYLECLIP_S3_PREFIX: invalid prefix/);
    expect(message).toMatch(/STYLECLIP_S3_ENDPOINT "ftp:\/\/x" must be an http\(s\) URL/);
    expect(message).toMatch(/STYLECLIP_S3_FORCE_PATH_STYLE must be true or false, got "maybe"/);
    expect(message).toMatch(/set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither/);
    expect(messageOf(() => blobStoreConfigFromEnv({ STYLECLIP_STORAGE: 'gcs' }))).toMatch(
      /STYLECLIP_STORAGE must be "fs" or "s3", got "gcs"/,
    );
    expect(
      messageOf(() => blobStoreConfigFromEnv({ STYLECLIP_STORAGE: 's3', STYLECLIP_S3_BUCKET: 'Bad_Bucket' })),
    ).toMatch(/not a valid bucket name/);
  });
});

describe('parseBlobStoreConfig', () => {
  it('validates objects', () => {
    expect(parseBlobStoreConfig({ kind: 'fs' })).toEqual({ kind: 'fs', root: './data' });
    expect(messageOf(() => parseBlobStoreConfig(null))).toMatch(/expected an object/);
    expect(
      messageOf(() => parseBlobStoreConfig({ kind: 's3', bucket: 'ok-bucket', forcePathStyle: 'yes' })),
    ).toMatch(/forcePathStyle must be true or false/);
  });
});
