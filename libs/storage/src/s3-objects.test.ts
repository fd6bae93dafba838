import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseS3Url, s3ConfigForUrl } from './config';
import { s3Connection } from './create-blob-store';
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from './local-s3';
import { MIN_PART_BYTES, S3Objects } from './s3-objects';

let s3: LocalS3;
let objects: S3Objects;

beforeAll(async () => {
  s3 = await startLocalS3();
  objects = new S3Objects({
    bucket: s3.bucket,
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: LOCAL_S3_CREDENTIALS,
    maxAttempts: 1,
    connectionTimeoutMs: 1000,
  });
});
afterAll(async () => {
  objects?.close();
  await s3?.dispose();
});

const drain = async (r: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

describe('S3Objects (s3rver)', () => {
  it('keeps user metadata and reads from an offset', async () => {
    const bytes = randomBytes(1000);
    const { etag } = await objects.put('o/a.bin', bytes, { metadata: { sha256: 'abc' } });
    const info = await objects.head('o/a.bin');
    expect(info).toEqual({ size: 1000, etag, metadata: { sha256: 'abc' } });
    const tail = await objects.getStream('o/a.bin', { start: 600 });
    expect(tail!.etag).toBe(etag);
    expect((await drain(tail!.body)).equals(bytes.subarray(600))).toBe(true);
    expect(await objects.head('o/missing')).toBeUndefined();
    expect(await objects.getStream('o/missing')).toBeUndefined();
  });

  it('refuses an object larger than the caller allows before reading it', async () => {
    await objects.put('o/big.json', randomBytes(5000));
    await expect(objects.get('o/big.json', { maxBytes: 4096 })).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/5000 bytes, more than the 4096 allowed/),
    });
    expect((await objects.get('o/big.json', { maxBytes: 5000 }))!.length).toBe(5000);
  });

  it('runs a multipart upload the caller drives: invisible until completed, then whole', async () => {
    const bytes = randomBytes(MIN_PART_BYTES + 1234);
    const id = await objects.createMultipartUpload('o/multi.bin', { metadata: { sha256: 'def' } });
    const e1 = await objects.uploadPart('o/multi.bin', id, 1, bytes.subarray(0, MIN_PART_BYTES));
    expect(await objects.head('o/multi.bin')).toBeUndefined();
    const e2 = await objects.uploadPart('o/multi.bin', id, 2, bytes.subarray(MIN_PART_BYTES));
    await objects.completeMultipartUpload('o/multi.bin', id, [
      { partNumber: 1, etag: e1 },
      { partNumber: 2, etag: e2 },
    ]);
    expect(await objects.head('o/multi.bin')).toMatchObject({
      size: bytes.length,
      metadata: { sha256: 'def' },
    });
    expect((await drain((await objects.getStream('o/multi.bin'))!.body)).equals(bytes)).toBe(true);

    // An upload never completed shows nothing (s3rver does not implement AbortMultipartUpload; S3 does, and a
    // bucket lifecycle rule expires what an abort missed).
    const dropped = await objects.createMultipartUpload('o/dropped.bin');
    await objects.uploadPart('o/dropped.bin', dropped, 1, randomBytes(10));
    expect(await objects.head('o/dropped.bin')).toBeUndefined();
  });

  it('lists keys with sizes in pages', async () => {
    for (const k of ['l/x/1', 'l/x/2', 'l/y/3']) await objects.put(k, randomBytes(7));
    const first = await objects.list('l/', { limit: 2 });
    expect(first.objects).toHaveLength(2);
    const rest = await objects.list('l/', { cursor: first.nextCursor! });
    expect([...first.objects, ...rest.objects].map((o) => o.key).sort()).toEqual(['l/x/1', 'l/x/2', 'l/y/3']);
    expect(rest.objects.every((o) => o.size === 7)).toBe(true);
  });

  it('says which endpoint is down', async () => {
    await s3.stop();
    try {
      const e = await objects.head('o/a.bin').catch((err: unknown) => err);
      expect(e).toMatchObject({ code: 'unavailable' });
      expect((e as Error).message).toContain(s3.endpoint);
    } finally {
      await s3.start();
    }
  });
});

describe('s3:// URLs', () => {
  it('parse into bucket and prefix, and take the connection from the blob store variables', () => {
    expect(parseS3Url('s3://my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '' });
    expect(parseS3Url('s3://my-bucket/models/ffhq1024/')).toEqual({
      bucket: 'my-bucket',
      prefix: 'models/ffhq1024/',
    });
    expect(() => parseS3Url('https://my-bucket/x')).toThrow(/does not start with s3:\/\//);
    expect(() => parseS3Url('s3://My_Bucket/x')).toThrow(/not a bucket name/);
    expect(() => parseS3Url('s3://my-bucket/../x')).toThrow(/invalid S3 URL/);
    const c = s3ConfigForUrl('s3://my-bucket/models', {
      STYLECLIP_STORAGE: 'fs', // the data store's kind does not matter
      STYLECLIP_S3_BUCKET: 'other-bucket',
      STYLECLIP_S3_ENDPOINT: 'http://127.0.0.1:9000',
      STYLECLIP_S3_FORCE_PATH_STYLE: 'true',
      STYLECLIP_S3_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'k',
      AWS_SECRET_ACCESS_KEY: 's',
    });
    expect(s3Connection(c)).toEqual({
      bucket: 'my-bucket',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    });
    expect(c.prefix).toBe('models/');
    expect(() => s3ConfigForUrl('s3://b-1/x', { AWS_ACCESS_KEY_ID: 'k' })).toThrow(/set both/);
  });
});
