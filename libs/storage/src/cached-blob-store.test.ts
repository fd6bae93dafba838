import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CachedBlobStore } from './cached-blob-store';
import { contentKey, sha256Hex } from './content-address';
import { isStorageError } from './errors';
import { FsBlobStore } from './fs-blob-store';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const make = async (options: {
  maxBytes: number;
  maxEntryBytes?: number;
  shouldCache?: (k: string) => boolean;
}) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'styleclip-cache-'));
  dirs.push(dir);
  const inner = new FsBlobStore(dir);
  return { dir, inner, cached: new CachedBlobStore(inner, options) };
};

describe('CachedBlobStore', () => {
  it('serves repeated gets from memory', async () => {
    const { inner, cached } = await make({ maxBytes: 1000 });
    await cached.put('a.bin', Uint8Array.of(1, 2, 3));
    expect(await cached.get('a.bin')).toEqual(Uint8Array.of(1, 2, 3));
    // Change the file behind the cache's back: the cached copy is what comes out.
    await inner.put('a.bin', Uint8Array.of(9));
    expect(await cached.get('a.bin')).toEqual(Uint8Array.of(1, 2, 3));
    expect(cached.stats).toMatchObject({ hits: 1, misses: 1, bytes: 3, entries: 1 });
  });

  it('invalidates on put and delete through it', async () => {
    const { cached } = await make({ maxBytes: 1000 });
    await cached.put('a.bin', Uint8Array.of(1));
    await cached.get('a.bin');
    await cached.put('a.bin', Uint8Array.of(2));
    expect(await cached.get('a.bin')).toEqual(Uint8Array.of(2));
    await cached.delete('a.bin');
    expect(await cached.get('a.bin')).toBeUndefined();
    expect(cached.stats.bytes).toBe(0);
  });

  it('returns copies, so a caller cannot corrupt the cache', async () => {
    const { cached } = await make({ maxBytes: 1000 });
    await cached.put('a.bin', Uint8Array.of(1, 2));
    (await cached.get('a.bin'))?.fill(0);
    (await cached.get('a.bin'))?.fill(0);
    expect(await cached.get('a.bin')).toEqual(Uint8Array.of(1, 2));
  });

  it('does not cache a read that raced a write', async () => {
    const { cached } = await make({ maxBytes: 1000 });
    await cached.put('a.bin', Uint8Array.of(1));
    const reading = cached.get('a.bin');
    const writing = cached.put('a.bin', Uint8Array.of(2));
    await Promise.all([reading, writing]);
    expect(await cached.get('a.bin')).toEqual(Uint8Array.of(2));
  });

  it('respects the byte bound, the entry cap and shouldCache', async () => {
    const { cached } = await make({
      maxBytes: 100,
      maxEntryBytes: 60,
      shouldCache: (k) => k.startsWith('blobs/'),
    });
    await cached.put('blobs/a', new Uint8Array(50));
    await cached.put('blobs/b', new Uint8Array(50));
    await cached.put('blobs/c', new Uint8Array(50));
    await cached.put('blobs/big', new Uint8Array(70));
    await cached.put('records/r', new Uint8Array(10));
    for (const k of ['blobs/a', 'blobs/b', 'blobs/c', 'blobs/big', 'records/r']) await cached.get(k);
    expect(cached.stats).toMatchObject({ bytes: 100, entries: 2, evictions: 1 });
    await cached.get('blobs/c');
    expect(cached.stats.hits).toBe(1);
    cached.clear();
    expect(cached.stats.bytes).toBe(0);
  });

  it('evicts the least recently read blob first; refuses a bad bound', async () => {
    const { cached } = await make({ maxBytes: 100, maxEntryBytes: 100 });
    for (const k of ['a', 'b', 'c']) await cached.put(k, new Uint8Array(40));
    await cached.get('a');
    await cached.get('b');
    await cached.get('a'); // a is now more recent than b
    await cached.get('c'); // 120 bytes > 100: b goes
    expect(cached.stats).toMatchObject({ bytes: 80, entries: 2, evictions: 1, hits: 1, misses: 3 });
    await cached.get('a');
    expect(cached.stats.hits).toBe(2);
    await cached.get('b');
    expect(cached.stats.misses).toBe(4);
    await cached.put('empty', new Uint8Array(0));
    expect(await cached.get('empty')).toEqual(new Uint8Array(0));
    expect(await cached.get('empty')).toEqual(new Uint8Array(0));
    expect(cached.stats.hits).toBe(3);
    for (const maxBytes of [0, -1, 1.5, Infinity]) {
      expect(() => new CachedBlobStore(cached.inner, { maxBytes })).toThrow(
        /maxBytes must be a positive integer/,
      );
    }
  });

  it('refuses a content blob damaged on disk without caching it; restoring the file is enough', async () => {
    const { dir, cached } = await make({ maxBytes: 1 << 20 });
    const npy = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31) & 0xff);
    const key = contentKey('latents', sha256Hex(npy), 'npy');
    await cached.put(key, npy);
    const file = path.join(dir, key);
    const original = await readFile(file);
    const damaged = Buffer.from(original);
    damaged.fill(0xff, 200, 260); // 60 bytes
    await writeFile(file, damaged);
    for (let i = 0; i < 2; i++) {
      const error = await cached.get(key).catch((e: unknown) => e);
      expect(isStorageError(error, 'content_mismatch'), String(error)).toBe(true);
    }
    expect(cached.stats.entries).toBe(0);
    await writeFile(file, original); // no restart, no cache flush
    expect(await cached.get(key)).toEqual(npy);
  });
});
