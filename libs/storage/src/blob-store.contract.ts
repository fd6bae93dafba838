import { seededRandom } from '@styleclip/testing';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store';
import { CachedBlobStore } from './cached-blob-store';
import { contentKey, sha256Hex } from './content-address';
import { StorageError } from './errors';

export interface ContractOptions {
  /** The store hands out presigned URLs (S3); otherwise `url`/`presignPut` must return undefined. */
  presigned: boolean;
  /**
   * Whether listing is in byte order even where a folder sorts differently from its siblings (`a-b` < `a/b`).
   * True for FsBlobStore and real S3; s3rver walks its folders instead, so its run passes false.
   */
  strictByteOrder?: boolean;
  /** Release a store made by `makeStore` (close clients). */
  dispose?: (store: BlobStore) => Promise<void> | void;
}

/** Deterministic pseudo-random bytes. */
export function randomBytes(n: number, seed: number): Uint8Array {
  const rng = seededRandom(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const x = Math.floor(rng.next() * 2 ** 32);
    for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (x >>> (8 * j)) & 0xff;
  }
  return out;
}

/** Yields `bytes` in chunks of `chunkSize`, then (optionally) fails. */
export async function* chunked(
  bytes: Uint8Array,
  chunkSize: number,
  failWith?: Error,
): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += chunkSize) {
    await new Promise((r) => setImmediate(r));
    yield bytes.subarray(i, Math.min(i + chunkSize, bytes.length));
  }
  if (failWith) throw failWith;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a StorageError ${code}`).toBeInstanceOf(StorageError);
  expect((error as StorageError).code).toBe(code);
  return error as StorageError;
}

/**
 * The behaviour every BlobStore must have. `makeStore` returns an empty store (a fresh folder or prefix)
 * for each test.
 */
export function blobStoreContract(
  name: string,
  makeStore: () => Promise<BlobStore>,
  options: ContractOptions,
): void {
  describe(`${name} (BlobStore contract)`, () => {
    const made: BlobStore[] = [];
    const fresh = async (): Promise<BlobStore> => {
      const store = await makeStore();
      made.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of made.splice(0)) await options.dispose?.(store);
    });

    it('round-trips bytes; missing keys read as undefined', async () => {
      const store = await fresh();
      const bytes = randomBytes(1000, 1);
      const put = await store.put('a/b/c.bin', bytes);
      expect(put.size).toBe(1000);
      expect(await store.get('a/b/c.bin')).toEqual(new Uint8Array(bytes));
      expect(await store.head('a/b/c.bin')).toMatchObject({ size: 1000, etag: put.etag });
      expect(await store.exists('a/b/c.bin')).toBe(true);
      expect(await store.get('a/b/missing.bin')).toBeUndefined();
      expect(await store.getStream('a/b/missing.bin')).toBeUndefined();
      expect(await store.head('a/b/missing.bin')).toBeUndefined();
      expect(await store.exists('a/b/missing.bin')).toBe(false);
      expect(await store.exists('a/b')).toBe(false); // a folder is not a blob
    });

    it('stores an empty blob', async () => {
      const store = await fresh();
      await store.put('empty.bin', new Uint8Array(0));
      expect(await store.get('empty.bin')).toEqual(new Uint8Array(0));
      expect((await store.head('empty.bin'))?.size).toBe(0);
    });

    it('overwrites: the new content, size and etag replace the old', async () => {
      const store = await fresh();
      const first = await store.put('k.txt', text('first version'));
      const second = await store.put('k.txt', text('v2'));
      expect(new TextDecoder().decode(await store.get('k.txt'))).toBe('v2');
      expect((await store.head('k.txt'))?.size).toBe(2);
      expect(second.etag).not.toBe(first.etag);
      expect((await store.list('')).keys).toEqual(['k.txt']);
    });

    it('keeps the content type given, else infers it from the extension', async () => {
      const store = await fresh();
      await store.put('img/x.png', Uint8Array.of(1));
      await store.put('img/y.bin', Uint8Array.of(1), { contentType: 'image/webp' });
      await store.put('doc.json', text('{}'));
      await store.put('noext', Uint8Array.of(1));
      expect((await store.head('img/x.png'))?.contentType).toBe('image/png');
      expect((await store.head('img/y.bin'))?.contentType).toBe('image/webp');
      expect((await store.head('doc.json'))?.contentType).toBe('application/json');
      expect((await store.head('noext'))?.contentType).toBe('application/octet-stream');
      await store.put('img/y.bin', Uint8Array.of(2)); // rewritten without a type: back to the inferred one
      expect((await store.head('img/y.bin'))?.contentType).toBe('application/octet-stream');
      await expectCode(
        store.put('z.bin', Uint8Array.of(1), { contentType: 'no type\n' }),
        'invalid_argument',
      );
    });

    it('deletes; deleting a missing key is fine', async () => {
      const store = await fresh();
      await store.put('d/one.bin', Uint8Array.of(1));
      await store.put('d/two.bin', Uint8Array.of(2));
      await store.delete('d/one.bin');
      await store.delete('d/one.bin');
      await store.delete('never/was.bin');
      expect(await store.get('d/one.bin')).toBeUndefined();
      expect((await store.list('d/')).keys).toEqual(['d/two.bin']);
    });

    it('lists in byte order, by prefix, in pages that join up exactly', async () => {
      const store = await fresh();
      const keys = ['a/b', 'a/c/d', 'a_b', 'A', 'b', 'records/image/1.json', 'records/imagery/2.json'];
      if (options.strictByteOrder ?? true) keys.push('a-b', 'a.b'); // '-' and '.' sort before '/'
      for (const [i, k] of keys.entries()) await store.put(k, Uint8Array.of(i));
      const sorted = [...keys].sort((x, y) => (x < y ? -1 : 1));
      expect((await store.list('')).keys).toEqual(sorted);
      expect((await store.list('a/')).keys).toEqual(['a/b', 'a/c/d']);
      expect((await store.list('records/image')).keys).toEqual([
        'records/image/1.json',
        'records/imagery/2.json',
      ]);
      expect((await store.list('records/image/')).keys).toEqual(['records/image/1.json']);
      expect((await store.list('nothing/')).keys).toEqual([]);

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.list('', { limit: 2, cursor });
        expect(page.keys.length).toBeLessThanOrEqual(2);
        seen.push(...page.keys);
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== undefined);
      expect(seen).toEqual(sorted);
      expect(pages).toBe(Math.ceil(keys.length / 2));
      const last = await store.list('', { limit: keys.length });
      expect(last.nextCursor).toBeUndefined();
      await expectCode(store.list('', { limit: 0 }), 'invalid_argument');
      await expectCode(store.list('', { limit: 1001 }), 'invalid_argument');
      await expectCode(store.list('../'), 'invalid_key');
    });

    it('round-trips a 6 MB streamed body (multipart on S3), also as a stream', async () => {
      const store = await fresh();
      const bytes = randomBytes(6_000_000, 7);
      const put = await store.put('big/blob.bin', Readable.from(chunked(bytes, 256 * 1024)), {
        contentType: 'application/x-latents',
      });
      expect(put.size).toBe(bytes.length);
      const back = await store.get('big/blob.bin');
      expect(back?.length).toBe(bytes.length);
      expect(Buffer.compare(Buffer.from(back as Uint8Array), Buffer.from(bytes))).toBe(0);
      const stream = await store.getStream('big/blob.bin');
      expect(Buffer.compare(await readAll(stream as Readable), Buffer.from(bytes))).toBe(0);
      expect(await store.head('big/blob.bin')).toMatchObject({
        size: bytes.length,
        contentType: 'application/x-latents',
      });
    });

    it('a body that fails mid-stream rejects the put and leaves nothing (or the old content) visible', async () => {
      const store = await fresh();
      const boom = new Error('source broke');
      const bytes = randomBytes(6_000_000, 9);
      await expect(store.put('fail/new.bin', chunked(bytes, 512 * 1024, boom))).rejects.toBe(boom);
      expect(await store.get('fail/new.bin')).toBeUndefined();
      expect((await store.list('fail/')).keys).toEqual([]);

      await store.put('fail/old.bin', text('old'));
      await expect(store.put('fail/old.bin', chunked(bytes.subarray(0, 1000), 100, boom))).rejects.toBe(boom);
      expect(new TextDecoder().decode(await store.get('fail/old.bin'))).toBe('old');
      expect((await store.list('fail/')).keys).toEqual(['fail/old.bin']);
    });

    it('verifies content-addressed blobs on read: a mismatch is content_mismatch, never cached', async () => {
      const store = await fresh();
      const good = randomBytes(5000, 11);
      const key = contentKey('latents', sha256Hex(good), 'npy');
      await store.put(key, good);
      expect(await store.get(key)).toEqual(new Uint8Array(good));
      const cached = new CachedBlobStore(store, { maxBytes: 1 << 20 });

      // 60 bytes rot in storage (writes are not checked: the writer hashed what it wrote).
      const bad = good.slice().fill(0x7f, 100, 160);
      await store.put(key, bad);
      const err = await expectCode(store.get(key), 'content_mismatch');
      expect(err.message).toContain(key);
      expect(err.message).toContain(sha256Hex(bad));
      const stream = (await store.getStream(key)) as Readable;
      const streamed = await readAll(stream).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(streamed).toBeInstanceOf(StorageError);
      expect((streamed as StorageError).code).toBe('content_mismatch');
      await expectCode(cached.get(key), 'content_mismatch');
      expect(cached.stats.entries).toBe(0);

      // Restored (behind the cache's back): the next read succeeds, then comes from the cache.
      await store.put(key, good);
      expect(await cached.get(key)).toEqual(new Uint8Array(good));
      expect(await cached.get(key)).toEqual(new Uint8Array(good));
      expect(cached.stats).toMatchObject({ entries: 1, hits: 1 });
      expect(await readAll((await store.getStream(key)) as Readable)).toEqual(Buffer.from(good));

      // Keys that do not name a hash hold any bytes.
      await store.put('blobs/latents/ab/not-a-hash.npy', bad);
      expect(await store.get('blobs/latents/ab/not-a-hash.npy')).toEqual(new Uint8Array(bad));
    });

    it('ifNoneMatch "*" only creates', async () => {
      const store = await fresh();
      await store.put('once.txt', text('1'), { ifNoneMatch: '*' });
      const err = await expectCode(store.put('once.txt', text('2'), { ifNoneMatch: '*' }), 'conflict');
      expect(err.message).toMatch(/already exists/);
      expect(new TextDecoder().decode(await store.get('once.txt'))).toBe('1');
    });

    it('refuses invalid keys with a clear error', async () => {
      const store = await fresh();
      const bad = [
        '',
        '/abs',
        'a/../b',
        '..',
        'a//b',
        'trailing/',
        'sp ace',
        'ü',
        'a/.hidden',
        'x'.repeat(513),
        'a\\b',
      ];
      for (const key of bad) {
        const err = await expectCode(store.put(key, Uint8Array.of(1)), 'invalid_key');
        expect(err.message).toMatch(/^invalid key/);
        await expectCode(store.get(key), 'invalid_key');
        await expectCode(store.head(key), 'invalid_key');
        await expectCode(store.delete(key), 'invalid_key');
      }
      expect((await store.list('')).keys).toEqual([]);
    });

    if (options.presigned) {
      it('presigned GET and PUT URLs work with plain fetch', async () => {
        const store = await fresh();
        const bytes = randomBytes(5000, 3);
        await store.put('pub/img.png', bytes);
        const url = await store.url('pub/img.png', { expiresIn: 60 });
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
        const res = await fetch(url as string);
        expect(res.status).toBe(200);
        expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(bytes));

        const upload = await store.presignPut('up/photo.jpg', {
          contentType: 'image/jpeg',
          maxBytes: 10_000,
          expiresIn: 60,
          contentLength: 3,
        });
        expect(upload).toMatchObject({
          method: 'PUT',
          headers: { 'content-type': 'image/jpeg', 'content-length': '3' },
        });
        // The type and exact length are signed, so S3 refuses any other (s3rver does not check signatures).
        expect(new URL(upload?.url as string).searchParams.get('X-Amz-SignedHeaders')).toBe(
          'content-length;content-type;host',
        );
        const put = await fetch(upload?.url as string, {
          method: 'PUT',
          headers: { 'content-type': 'image/jpeg' },
          body: Uint8Array.of(1, 2, 3),
        });
        expect(put.status).toBe(200);
        expect(await store.head('up/photo.jpg')).toMatchObject({ size: 3, contentType: 'image/jpeg' });
        await expectCode(
          store.presignPut('up/x.jpg', {
            contentType: 'image/jpeg',
            maxBytes: 10,
            expiresIn: 60,
            contentLength: 11,
          }),
          'invalid_argument',
        );
      });
    } else {
      it('has no presigned URLs (the API serves and receives blobs)', async () => {
        const store = await fresh();
        await store.put('pub/img.png', Uint8Array.of(1));
        expect(await store.url('pub/img.png', { expiresIn: 60 })).toBeUndefined();
        expect(
          await store.presignPut('up/photo.jpg', { contentType: 'image/jpeg', maxBytes: 10, expiresIn: 60 }),
        ).toBeUndefined();
      });
    }

    it('rejects a bad expiry', async () => {
      const store = await fresh();
      await expectCode(store.url('a.png', { expiresIn: 0 }), 'invalid_argument');
    });
  });
}
