import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blobStoreContract, chunked, randomBytes } from './blob-store.contract';
import { StorageError } from './errors';
import { FsBlobStore } from './fs-blob-store';

const dirs: string[] = [];
const tmpRoot = async (): Promise<string> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'styleclip-fs-store-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Every file and folder under `dir`, hidden ones included, relative and sorted. */
async function allEntries(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map((e) => e.split(path.sep).join('/')).sort();
}

blobStoreContract('FsBlobStore', async () => new FsBlobStore(await tmpRoot()), { presigned: false });

describe('FsBlobStore', () => {
  it('defaults to ./data and describes itself', () => {
    expect(new FsBlobStore().root).toBe(path.resolve('data'));
    expect(new FsBlobStore('/tmp/x').description).toBe('fs:/tmp/x');
  });

  it('a failed write leaves no file, temporary or partial, behind', async () => {
    const root = await tmpRoot();
    const store = new FsBlobStore(root);
    const boom = new Error('disk unplugged');
    await expect(store.put('x/y.bin', chunked(randomBytes(300_000, 1), 10_000, boom))).rejects.toBe(boom);
    expect(await allEntries(root)).toEqual(['x']); // the folder, nothing in it
    await store.put('x/y.bin', Uint8Array.of(1));
    await expect(store.put('x/y.bin', chunked(randomBytes(300_000, 1), 10_000, boom))).rejects.toBe(boom);
    expect(await allEntries(root)).toEqual(['x', 'x/y.bin']);
  });

  it('readers see the old content while a write is in progress, never a part', async () => {
    const store = new FsBlobStore(await tmpRoot());
    const old = randomBytes(100_000, 2);
    const next = randomBytes(100_000, 3);
    await store.put('k.bin', old);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let halfway!: () => void;
    const reachedHalf = new Promise<void>((r) => (halfway = r));
    async function* slow(): AsyncGenerator<Uint8Array> {
      yield next.subarray(0, 50_000);
      halfway();
      await gate;
      yield next.subarray(50_000);
    }
    const same = (a: Uint8Array | undefined, b: Uint8Array): boolean =>
      a !== undefined && Buffer.from(a).equals(b);
    const writing = store.put('k.bin', slow());
    await reachedHalf;
    expect(same(await store.get('k.bin'), old)).toBe(true);
    expect((await store.list('')).keys).toEqual(['k.bin']); // the temporary file is not listed
    release();
    await writing;
    expect(same(await store.get('k.bin'), next)).toBe(true);
  });

  it('keeps a custom content type in a hidden sidecar that survives a restart', async () => {
    const root = await tmpRoot();
    await new FsBlobStore(root).put('a/b.bin', Uint8Array.of(1), { contentType: 'image/png' });
    expect(await allEntries(root)).toEqual(['a', 'a/.b.bin.meta.json', 'a/b.bin']);
    expect((await new FsBlobStore(root).head('a/b.bin'))?.contentType).toBe('image/png');
    expect((await new FsBlobStore(root).list('')).keys).toEqual(['a/b.bin']);
  });

  it('reports a key that clashes with a folder as a conflict', async () => {
    const store = new FsBlobStore(await tmpRoot());
    await store.put('a/b', Uint8Array.of(1));
    const e1 = await store.put('a/b/c', Uint8Array.of(1)).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(StorageError);
    expect((e1 as StorageError).code).toBe('conflict');
    const e2 = await store.put('a', Uint8Array.of(1)).catch((e: unknown) => e);
    expect((e2 as StorageError).code).toBe('conflict');
    expect((e2 as StorageError).message).toMatch(/both a blob and a folder/);
  });

  it('prunes folders emptied by delete, and ignores stray hidden files', async () => {
    const root = await tmpRoot();
    const store = new FsBlobStore(root);
    await store.put('p/q/r.bin', Uint8Array.of(1));
    await writeFile(path.join(root, 'p', '.stray.tmp'), 'x');
    expect((await store.list('')).keys).toEqual(['p/q/r.bin']);
    await store.delete('p/q/r.bin');
    expect(await allEntries(root)).toEqual(['p', 'p/.stray.tmp']);
  });
});
