import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BlobStore } from './blob-store';
import { blobStoreContract, chunked, randomBytes } from './blob-store.contract';
import { StorageError } from './errors';
import { LOCAL_S3_CREDENTIALS, startLocalS3 } from './local-s3';
import type { LocalS3 } from './local-s3';
import { S3BlobStore } from './s3-blob-store';

let s3: LocalS3;
let prefixes = 0;

beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3?.dispose();
});

const makeStore = (options: { prefix?: string; maxAttempts?: number } = {}): S3BlobStore =>
  new S3BlobStore({
    bucket: s3.bucket,
    prefix: options.prefix ?? `t${++prefixes}`,
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: LOCAL_S3_CREDENTIALS,
    maxAttempts: options.maxAttempts,
    connectionTimeoutMs: 1000,
  });

blobStoreContract('S3BlobStore', async () => makeStore(), {
  presigned: true,
  strictByteOrder: false, // s3rver lists in folder-walk order; real S3 sorts by UTF-8 bytes
  dispose: (store) => (store as S3BlobStore).close(),
});

/** Records the SDK commands sent while `fn` runs. */
async function commandsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const names: string[] = [];
  const original = S3Client.prototype.send;
  const spy = vi.spyOn(S3Client.prototype, 'send').mockImplementation(function (this: S3Client, ...args) {
    names.push((args[0] as object).constructor.name.replace(/Command$/, ''));
    return (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
  } as typeof original);
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return names;
}

describe('S3BlobStore', () => {
  it('describes itself and normalizes the prefix', () => {
    const store = makeStore({ prefix: 'app/v1' });
    expect(store.prefix).toBe('app/v1/');
    expect(store.description).toBe(`s3://${s3.bucket}/app/v1/ at ${s3.endpoint}`);
    store.close();
    expect(() => makeStore({ prefix: '../x' })).toThrow(StorageError);
  });

  it('uses one PutObject for small bodies and a multipart upload for large streamed ones', async () => {
    const store = makeStore();
    expect(await commandsDuring(() => store.put('small.bin', randomBytes(1000, 1)))).toEqual(['PutObject']);
    const big = randomBytes(6_000_000, 2);
    expect(await commandsDuring(() => store.put('big.bin', chunked(big, 1 << 20)))).toEqual([
      'CreateMultipartUpload',
      'UploadPart',
      'UploadPart',
      'CompleteMultipartUpload',
    ]);
    expect(Buffer.compare(Buffer.from((await store.get('big.bin')) as Uint8Array), Buffer.from(big))).toBe(0);
    store.close();
  });

  it('aborts the multipart upload when the body fails', async () => {
    const store = makeStore();
    const boom = new Error('camera disconnected');
    const sent = await commandsDuring(() =>
      expect(store.put('broken.bin', chunked(randomBytes(11_000_000, 3), 1 << 20, boom))).rejects.toBe(boom),
    );
    expect(sent[0]).toBe('CreateMultipartUpload');
    expect(sent).toContain('AbortMultipartUpload');
    expect(sent).not.toContain('CompleteMultipartUpload');
    expect(await store.exists('broken.bin')).toBe(false);
    store.close();
  });

  it('keeps prefixes apart', async () => {
    const a = makeStore({ prefix: 'iso/a' });
    const b = makeStore({ prefix: 'iso/ab' });
    await a.put('k.txt', Uint8Array.of(1));
    await b.put('k.txt', Uint8Array.of(2));
    expect((await a.list('')).keys).toEqual(['k.txt']);
    expect(await a.get('k.txt')).toEqual(Uint8Array.of(1));
    a.close();
    b.close();
  });

  it('reports a missing bucket as invalid_config', async () => {
    const store = new S3BlobStore({
      bucket: 'no-such-bucket',
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: LOCAL_S3_CREDENTIALS,
    });
    const e = await store.put('x.bin', Uint8Array.of(1)).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(StorageError);
    expect((e as StorageError).code).toBe('invalid_config');
    expect((e as StorageError).message).toMatch(/bucket does not exist/);
    store.close();
  });

  // Runs last: it stops and restarts the shared server.
  it('fails fast with code "unavailable" while the server is down, and works again once it is back', async () => {
    const store = makeStore({ prefix: 'outage' });
    const before = randomBytes(2000, 4);
    await store.put('kept.bin', before);

    // The server dies in the middle of a multipart upload.
    const big = randomBytes(11_000_000, 5);
    async function* dying(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < big.length; i += 1 << 20) {
        if (i >= 10 << 20) await s3.stop();
        yield big.subarray(i, i + (1 << 20));
      }
    }
    const started = Date.now();
    const midUpload = await store.put('partial.bin', dying()).catch((e: unknown) => e);
    expect(midUpload).toBeInstanceOf(StorageError);
    expect((midUpload as StorageError).code).toBe('unavailable');
    expect(s3.running).toBe(false);

    const ops: [string, (s: BlobStore) => Promise<unknown>][] = [
      ['get', (s) => s.get('kept.bin')],
      ['getStream', (s) => s.getStream('kept.bin')],
      ['head', (s) => s.head('kept.bin')],
      ['exists', (s) => s.exists('kept.bin')],
      ['put', (s) => s.put('new.bin', Uint8Array.of(1))],
      ['put (stream)', (s) => s.put('new.bin', chunked(randomBytes(6_000_000, 6), 1 << 20))],
      ['delete', (s) => s.delete('kept.bin')],
      ['list', (s) => s.list('')],
    ];
    for (const [name, op] of ops) {
      const t0 = Date.now();
      const e = await op(store).catch((err: unknown) => err);
      expect(e, name).toBeInstanceOf(StorageError);
      expect((e as StorageError).code, name).toBe('unavailable');
      expect((e as StorageError).message, name).toMatch(/storage backend is unavailable \(ECONNREFUSED/);
      expect(Date.now() - t0, name).toBeLessThan(3000);
    }
    expect(Date.now() - started).toBeLessThan(10_000);

    await s3.start();
    expect(await store.get('kept.bin')).toEqual(before);
    expect(await store.exists('partial.bin')).toBe(false); // nothing half-written became visible
    await store.put('new.bin', Uint8Array.of(7));
    expect((await store.list('')).keys).toEqual(['kept.bin', 'new.bin']);
    store.close();
  });
});
