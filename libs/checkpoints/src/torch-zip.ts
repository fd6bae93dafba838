import type { Opened } from './checkpoint';
import { itemSize } from './dtype';
import { CheckpointError } from './errors';
import { MAX_INFLATED_BYTES, MAX_PICKLE_BYTES } from './limits';
import type { GlobalResolver } from './pickle/allowlist';
import { unpickle } from './pickle/unpickler';
import type { CallContext } from './pickle/values';
import { parseStoragePid, Storage, StorageCache } from './storage';
import type { ZipArchive } from './zip';

/** The folder all entries live under ("archive/", "best_model/", …): the first entry's first component. */
export function archivePrefix(zip: ZipArchive): string {
  const first = zip.entries[0]?.name ?? '';
  const slash = first.indexOf('/');
  return slash < 0 ? '' : first.slice(0, slash + 1);
}

/** True when the zip is a torch checkpoint (has `<prefix>data.pkl`). */
export function isTorchZip(zip: ZipArchive): boolean {
  return zip.get(archivePrefix(zip) + 'data.pkl') !== undefined;
}

export interface TorchZipReader {
  /** Unpickles `<prefix><name>.pkl`, resolving storages under `<prefix><name>/` (TorchScript) or `data/`. */
  unpickleEntry(pkl: string, storageDir: string): Promise<unknown>;
}

/** Shared by the torch zip and TorchScript readers. */
export async function torchZipReader(zip: ZipArchive, globals: GlobalResolver): Promise<TorchZipReader> {
  const file = zip.source.name;
  const prefix = archivePrefix(zip);
  const orderEntry = zip.get(prefix + 'byteorder');
  const order = orderEntry
    ? new TextDecoder().decode(await zip.read(orderEntry, 16, 'a byteorder entry may have')).trim()
    : 'little';
  if (order !== 'little' && order !== 'big') {
    throw new CheckpointError(file, `${prefix}byteorder says "${order}" (expected little or big)`);
  }
  const cache = new StorageCache(order === 'big');
  const storages = new Map<string, Storage>();

  const storageFor = (dir: string, pid: unknown, ctx: CallContext): Storage => {
    const { dtype, key, numel } = parseStoragePid(pid, ctx);
    const name = `${dir}/${key}`;
    const known = storages.get(name);
    if (known) {
      if (known.dtype !== dtype) ctx.fail(`storage ${name} is used as both ${known.dtype} and ${dtype}`);
      return known;
    }
    const entry = zip.get(prefix + name);
    if (!entry) ctx.fail(`storage ${name} is not in the archive (no entry ${prefix + name})`);
    const bytes = numel * itemSize(dtype);
    if (entry.size < bytes) {
      ctx.fail(
        `storage ${name} has ${entry.size} bytes, the pickle says ${numel} ${dtype} elements (${bytes} bytes)`,
      );
    }
    if (entry.method !== 0) {
      // Compressed: inflate exactly what the pickle says the storage needs (torch writes storages stored).
      if (bytes > MAX_INFLATED_BYTES) {
        ctx.fail(
          `storage ${name} needs ${bytes} bytes inflated, more than the ${MAX_INFLATED_BYTES} allowed for one ` +
            'compressed entry (store it uncompressed)',
        );
      }
      if (entry.size > bytes) {
        ctx.fail(
          `zip entry ${entry.name} declares ${entry.size} bytes, more than the ${bytes} bytes storage ${name} needs`,
        );
      }
    }
    const read = (): Promise<Uint8Array> =>
      entry.method === 0 ? zip.readRange(entry, 0, bytes) : zip.read(entry, bytes, `storage ${name} needs`);
    const storage = new Storage(name, dtype, numel, () => cache.get(name, read, itemSize(dtype)));
    storages.set(name, storage);
    return storage;
  };

  return {
    async unpickleEntry(pkl, storageDir) {
      const entry = zip.get(prefix + pkl);
      if (!entry) throw new CheckpointError(file, `no ${prefix + pkl} in the archive`);
      const bytes = await zip.read(entry, MAX_PICKLE_BYTES, 'a pickle may have');
      return unpickle(bytes, {
        file,
        entry: prefix + pkl,
        globals,
        persistentLoad: (pid, ctx) => storageFor(storageDir, pid, ctx),
      }).value;
    },
  };
}

/** A `torch.save` zip checkpoint: `data.pkl` plus `data/<key>` storages. */
export async function readTorchZip(zip: ZipArchive, globals: GlobalResolver): Promise<Opened> {
  const reader = await torchZipReader(zip, globals);
  return { format: 'torch-zip', root: await reader.unpickleEntry('data.pkl', 'data') };
}
