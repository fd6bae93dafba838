import type { Opened } from './checkpoint';
import { itemSize } from './dtype';
import { CheckpointError } from './errors';
import type { GlobalResolver } from './pickle/allowlist';
import { TruncatedPickleError, unpickle } from './pickle/unpickler';
import type { CallContext } from './pickle/values';
import type { ByteSource } from './source';
import { parseStoragePid, Storage, StorageCache } from './storage';

export const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const PROTOCOL_VERSION = 1001;
const FIRST_READ = 1 << 20;

interface Header {
  root: unknown;
  keys: string[];
  /** Offset of the first storage's element count. */
  storagesStart: number;
  littleEndian: boolean;
}

/**
 * Parses the pickles at the start of a legacy file: magic, protocol version, sys_info, the object, the
 * storage key list. Reads a prefix of the file, growing it only while the pickles run past it.
 */
async function readHeader(
  source: ByteSource,
  globals: GlobalResolver,
  storageFor: (pid: unknown, ctx: CallContext) => Storage,
): Promise<Header> {
  const file = source.name;
  let length = Math.min(source.size, FIRST_READ);
  for (;;) {
    const bytes = await source.read(0, length, 'legacy header');
    try {
      const next = (at: number, entry: string, persistent = false): { value: unknown; end: number } =>
        unpickle(bytes, { file, entry, globals, ...(persistent ? { persistentLoad: storageFor } : {}) }, at);
      const magic = next(0, 'magic number');
      if (magic.value !== LEGACY_MAGIC)
        throw new CheckpointError(file, 'not a legacy torch file (wrong magic number)');
      const protocol = next(magic.end, 'protocol version');
      if (protocol.value !== PROTOCOL_VERSION) {
        throw new CheckpointError(
          file,
          `legacy torch protocol ${String(protocol.value)} (expected ${PROTOCOL_VERSION})`,
        );
      }
      const sysInfo = next(protocol.end, 'sys_info');
      const info = sysInfo.value instanceof Map ? sysInfo.value : new Map();
      const main = next(sysInfo.end, 'object pickle', true);
      const keys = next(main.end, 'storage key list');
      if (!Array.isArray(keys.value))
        throw new CheckpointError(file, 'legacy storage key list is not a list');
      return {
        root: main.value,
        keys: keys.value.map(String),
        storagesStart: keys.end,
        littleEndian: info.get('little_endian') !== false,
      };
    } catch (e) {
      if (!(e instanceof TruncatedPickleError) || length === source.size) throw e;
      length = Math.min(source.size, length * 4);
    }
  }
}

/**
 * A legacy (pre-1.6, `_use_new_zipfile_serialization=False`) torch file. After the pickles, each storage
 * in key-list order is an int64 LE element count then its raw bytes; the offsets are found by hopping over
 * the counts (8-byte reads), so no storage data is read until a tensor is loaded.
 */
export async function readTorchLegacy(source: ByteSource, globals: GlobalResolver): Promise<Opened> {
  const file = source.name;
  const offsets = new Map<string, number>();
  const roots = new Map<string, Storage>();
  const views = new Map<string, Storage>();

  const storageFor = (pid: unknown, ctx: CallContext): Storage => {
    const { dtype, key, numel, view } = parseStoragePid(pid, ctx);
    let root = roots.get(key);
    if (!root) {
      const bytes = numel * itemSize(dtype);
      const read = (): Promise<Uint8Array> => {
        const offset = offsets.get(key);
        if (offset === undefined) throw new CheckpointError(file, `storage ${key} has no data`);
        return source.read(offset, bytes, `storage ${key}`);
      };
      // `cache` is created once the header gives the byte order; storages are only read after that.
      root = new Storage(key, dtype, numel, () => cache.get(key, read, itemSize(dtype)));
      roots.set(key, root);
    } else if (root.dtype !== dtype) {
      ctx.fail(`storage ${key} is used as both ${root.dtype} and ${dtype}`);
    }
    if (!view) return root;
    let v = views.get(view.key);
    if (!v) {
      v = root.view(view.key, view.offset, view.numel);
      views.set(view.key, v);
    }
    return v;
  };

  const header = await readHeader(source, globals, storageFor);
  const cache = new StorageCache(!header.littleEndian);
  let at = header.storagesStart;
  for (const key of header.keys) {
    const storage = roots.get(key);
    if (!storage) {
      throw new CheckpointError(
        file,
        `storage ${key} is listed but no tensor uses it (its element size is unknown)`,
      );
    }
    const countBytes = await source.read(at, 8, `element count of storage ${key}`);
    const count = new DataView(countBytes.buffer).getBigInt64(0, true);
    if (count !== BigInt(storage.numel)) {
      throw new CheckpointError(
        file,
        `corrupt: storage ${key} at offset ${at} has ${count} elements, the pickle says ${storage.numel}`,
      );
    }
    offsets.set(key, at + 8);
    if (at + 8 + storage.byteLength > source.size) {
      throw new CheckpointError(
        file,
        `truncated: storage ${key} needs ${storage.byteLength} bytes at offset ${at + 8}, file has ${source.size} bytes`,
      );
    }
    at += 8 + storage.byteLength;
  }
  for (const key of roots.keys()) {
    if (!offsets.has(key))
      throw new CheckpointError(file, `storage ${key} is used but missing from the key list`);
  }
  return { format: 'torch-legacy', root: header.root };
}
