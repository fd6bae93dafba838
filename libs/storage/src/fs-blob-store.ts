import { randomUUID } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { link, mkdir, open, readFile, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
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
import { chunksOf, contentTypeForKey, expirySeconds, pageLimit, rethrow, validateContentType } from './body';
import { verifiedStream, verifyContent } from './content-address';
import { StorageError } from './errors';
import { validateKey, validatePrefix } from './keys';

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** Turns a filesystem error into a StorageError naming the operation, key and file. */
function fsError(op: string, key: string, file: string, e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const code = errno(e);
  const kind =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'denied'
      : code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST' || code === 'ENOTEMPTY'
        ? 'conflict'
        : code === 'ENOSPC' || code === 'EIO' || code === 'EMFILE' || code === 'ENFILE' || code === 'EDQUOT'
          ? 'unavailable'
          : 'internal';
  const hint = kind === 'conflict' ? ' (a key cannot be both a blob and a folder of other keys)' : '';
  return new StorageError(
    kind,
    `fs ${op} ${JSON.stringify(key)} (${file}) failed: ${(e as Error).message}${hint}`,
    {
      cause: e,
    },
  );
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** fsync a folder so a rename in it survives a crash (best effort: not every platform allows it). */
async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on folders; the rename is still atomic.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Blobs as files under `root` (default `./data`), one file per key (`a/b.png` → `<root>/a/b.png`).
 *
 * Writes go to a hidden temporary file in the destination folder, are fsynced, then renamed over the key, so
 * a reader sees the old content or the new one, never a part. A content type that differs from the one the
 * extension implies is kept in a hidden sidecar (`.<name>.meta.json`). Hidden names are never keys.
 */
export class FsBlobStore implements BlobStore {
  readonly root: string;
  readonly description: string;

  constructor(root = './data') {
    this.root = path.resolve(root);
    this.description = `fs:${this.root}`;
  }

  private fileOf(key: string): string {
    return path.join(this.root, ...validateKey(key).split('/'));
  }

  private static sidecarOf(file: string): string {
    return path.join(path.dirname(file), `.${path.basename(file)}.meta.json`);
  }

  async put(key: string, body: BlobBody, options: PutOptions = {}): Promise<PutResult> {
    const file = this.fileOf(key);
    const contentType =
      options.contentType === undefined ? undefined : validateContentType(options.contentType);
    const dir = path.dirname(file);
    const tmp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
    let handle: FileHandle | undefined;
    try {
      handle = await FsBlobStore.openTemp(dir, tmp);
      let size = 0;
      for await (const chunk of chunksOf(body)) {
        await writeAll(handle, chunk);
        size += chunk.length;
      }
      await handle.sync();
      await handle.close();
      handle = undefined;

      const sidecar = FsBlobStore.sidecarOf(file);
      const custom = contentType !== undefined && contentType !== contentTypeForKey(key);
      if (options.ifNoneMatch === '*') {
        // link() fails with EEXIST when the key exists: an atomic create-if-absent.
        try {
          await link(tmp, file);
        } catch (e) {
          if (errno(e) === 'EEXIST') {
            throw new StorageError(
              'conflict',
              `fs put ${JSON.stringify(key)}: the key already exists (ifNoneMatch)`,
            );
          }
          throw e;
        }
        await rm(tmp, { force: true });
        if (custom) await this.writeSidecar(sidecar, contentType);
        else await rm(sidecar, { force: true });
      } else {
        if (custom) await this.writeSidecar(sidecar, contentType);
        else await rm(sidecar, { force: true });
        await rename(tmp, file);
      }
      await syncDir(dir);
      const info = await stat(file, { bigint: true });
      return { size, etag: FsBlobStore.etag(info.size, info.mtimeNs) };
    } catch (e) {
      await handle?.close().catch(() => undefined);
      await rm(tmp, { force: true }).catch(() => undefined);
      rethrow(e, (err) => fsError('put', key, file, err));
    }
  }

  /** Creates the folder and the temporary file (again if a concurrent delete pruned the folder meanwhile). */
  private static async openTemp(dir: string, tmp: string): Promise<FileHandle> {
    for (let attempt = 1; ; attempt++) {
      await mkdir(dir, { recursive: true });
      try {
        return await open(tmp, 'wx');
      } catch (e) {
        if (errno(e) !== 'ENOENT' || attempt >= 3) throw e;
      }
    }
  }

  private async writeSidecar(sidecar: string, contentType: string): Promise<void> {
    const tmp = `${sidecar}.${randomUUID()}.tmp`;
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(JSON.stringify({ contentType }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, sidecar);
  }

  private static etag(size: bigint, mtimeNs: bigint): string {
    return `"${size.toString(16)}-${mtimeNs.toString(16)}"`;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const file = this.fileOf(key);
    let buf: Buffer;
    try {
      buf = await readFile(file);
    } catch (e) {
      if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errno(e) ?? '')) return undefined;
      throw fsError('get', key, file, e);
    }
    // A plain Uint8Array, like S3's; content keys are checked against their hash.
    return verifyContent(key, this.description, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  }

  async getStream(key: string): Promise<Readable | undefined> {
    const file = this.fileOf(key);
    try {
      const handle = await open(file, 'r');
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return undefined;
      }
      return verifiedStream(key, this.description, handle.createReadStream());
    } catch (e) {
      if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errno(e) ?? '')) return undefined;
      throw fsError('getStream', key, file, e);
    }
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    const file = this.fileOf(key);
    try {
      const info = await stat(file, { bigint: true });
      if (!info.isFile()) return undefined;
      let contentType = contentTypeForKey(key);
      try {
        const meta = JSON.parse(await readFile(FsBlobStore.sidecarOf(file), 'utf8')) as {
          contentType?: unknown;
        };
        if (typeof meta.contentType === 'string') contentType = meta.contentType;
      } catch (e) {
        if (errno(e) !== 'ENOENT') throw e;
      }
      return { size: Number(info.size), contentType, etag: FsBlobStore.etag(info.size, info.mtimeNs) };
    } catch (e) {
      if (['ENOENT', 'ENOTDIR'].includes(errno(e) ?? '')) return undefined;
      throw fsError('head', key, file, e);
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    const file = this.fileOf(key);
    try {
      await rm(FsBlobStore.sidecarOf(file), { force: true });
      await rm(file, { force: true });
    } catch (e) {
      if (errno(e) === 'ENOTDIR') return;
      throw fsError('delete', key, file, e);
    }
    // Prune folders left empty, up to the root (a concurrent put re-creates what it needs).
    for (let dir = path.dirname(file); dir.startsWith(this.root + path.sep); dir = path.dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
    }
  }

  async list(prefix: string, options?: ListOptions): Promise<ListPage> {
    validatePrefix(prefix);
    const limit = pageLimit(options);
    const cursor = options?.cursor === undefined ? undefined : validateKey(options.cursor, 'cursor');
    const base = prefix.slice(0, prefix.lastIndexOf('/') + 1); // the folder part, '' or ending in '/'
    const keys: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(path.join(this.root, ...rel.split('/').filter(Boolean)), {
          withFileTypes: true,
        });
      } catch (e) {
        if (['ENOENT', 'ENOTDIR'].includes(errno(e) ?? '')) return;
        throw fsError('list', prefix, this.root, e);
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue; // temporary files and sidecars
        const key = rel + entry.name;
        if (entry.isDirectory()) {
          const sub = `${key}/`;
          if (sub.startsWith(prefix) || prefix.startsWith(sub)) await walk(sub);
        } else if (entry.isFile() && key.startsWith(prefix) && (cursor === undefined || key > cursor)) {
          keys.push(key);
        }
      }
    };
    await walk(base);
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const page = keys.slice(0, limit);
    return keys.length > limit ? { keys: page, nextCursor: page[page.length - 1] } : { keys: page };
  }

  async url(key: string, options: { expiresIn: number }): Promise<string | undefined> {
    validateKey(key);
    expirySeconds(options.expiresIn);
    return undefined;
  }

  async presignPut(key: string, options: PresignPutOptions): Promise<PresignedPut | undefined> {
    validateKey(key);
    expirySeconds(options.expiresIn);
    return undefined;
  }
}
