import type { Opened } from './checkpoint';
import { CheckpointError } from './errors';
import { writeChunks } from './file-write';
import { loadAll, type LazyTensor } from './lazy';
import { encodeNpy, openNpy, type RangeReader } from './npy';
import { withSource } from './source';
import { entriesOf, type Named, type Tensor } from './tensor';
import { openZip, type ZipArchive, type ZipEntry } from './zip';
import { concatBytes, zipChunks } from './zip-write';

/** True when every entry of the zip is an .npy (what numpy.savez writes). */
export function isNpz(zip: ZipArchive): boolean {
  return zip.entries.length > 0 && zip.entries.every((e) => e.name.endsWith('.npy'));
}

function entryReader(zip: ZipArchive, entry: ZipEntry): RangeReader {
  if (entry.method === 0) return (offset, length) => zip.readRange(entry, offset, length);
  // Deflated: the header is read from a prefix, the data with the whole member, whose declared size the
  // header has checked (`exactSize`), so nothing inflates past what the header says the array needs.
  return async (offset, length, what) => {
    const end = offset + length;
    const bytes =
      end < entry.size ? await zip.readPrefix(entry, end) : await zip.read(entry, end, `its ${what} needs`);
    if (bytes.length < end) {
      throw new CheckpointError(
        zip.source.name,
        `truncated: ${entry.name}: ${what} runs past the entry's end`,
      );
    }
    return bytes.subarray(offset, end);
  };
}

/** An npz archive: a Map of array name (member name without ".npy") → LazyTensor. */
export async function readNpzArchive(zip: ZipArchive): Promise<Opened> {
  const root = new Map<string, LazyTensor>();
  for (const entry of zip.entries) {
    const name = entry.name.replace(/\.npy$/, '');
    const lazy = await openNpy(
      entryReader(zip, entry),
      entry.size,
      zip.source.name,
      `${zip.source.name}: ${entry.name}`,
      {
        member: entry.name,
        exactSize: entry.method !== 0,
      },
    );
    root.set(name, lazy);
  }
  return { format: 'npz', root };
}

/** Reads every array of an .npz file (or its bytes), stored or deflated. */
export async function readNpz(input: string | Uint8Array): Promise<Map<string, Tensor>> {
  return withSource(input, 'npz bytes', async (source) => {
    const zip = await openZip(source);
    if (!isNpz(zip)) {
      throw new CheckpointError(
        source.name,
        `not an npz: members ${zip.entries.map((e) => e.name).join(', ')}`,
      );
    }
    const { root } = await readNpzArchive(zip);
    return loadAll(root as Map<string, LazyTensor>);
  });
}

/** An .npz in memory (`compress`: deflate the members, like numpy.savez_compressed). */
export function encodeNpz(tensors: Named<Tensor>, options: { compress?: boolean } = {}): Uint8Array {
  return concatBytes(npzChunks(tensors, options));
}

function npzChunks(tensors: Named<Tensor>, options: { compress?: boolean }): Uint8Array[] {
  return zipChunks(
    entriesOf(tensors).map(([name, tensor]) => ({
      name: `${name}.npy`,
      data: encodeNpy(tensor),
      deflate: options.compress ?? false,
    })),
  );
}

/** Writes an .npz file (stored members, or deflated with `compress`). */
export async function writeNpz(
  path: string,
  tensors: Named<Tensor>,
  options: { compress?: boolean } = {},
): Promise<void> {
  await writeChunks(path, npzChunks(tensors, options));
}
