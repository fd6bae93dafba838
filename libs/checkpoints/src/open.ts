import type { Checkpoint, Opened, ReadOptions } from './checkpoint';
import { stateDict } from './collect';
import { detectFormat, HEAD_BYTES } from './detect';
import { CheckpointError } from './errors';
import { loadAll } from './lazy';
import { sourceReader, openNpy } from './npy';
import { isNpz, readNpzArchive } from './npz';
import { allowListWith, type GlobalResolver } from './pickle/allowlist';
import { unpickle } from './pickle/unpickler';
import { readSafetensorsSource } from './safetensors';
import { fileSource, type ByteSource } from './source';
import type { Tensor } from './tensor';
import { readTorchLegacy } from './torch-legacy';
import { isTorchZip, readTorchZip } from './torch-zip';
import { isTorchScript, readTorchScript } from './torchscript';
import { openZip } from './zip';

async function readZip(source: ByteSource, globals: GlobalResolver): Promise<Opened> {
  const zip = await openZip(source);
  if (isTorchScript(zip)) return readTorchScript(zip, globals);
  if (isTorchZip(zip)) return readTorchZip(zip, globals);
  if (isNpz(zip)) return readNpzArchive(zip);
  const names = zip.entries.slice(0, 5).map((e) => e.name);
  throw new CheckpointError(
    source.name,
    `zip archive but neither a torch checkpoint (no <folder>/data.pkl) nor an npz (members: ` +
      `${names.join(', ')}${zip.entries.length > 5 ? ', …' : ''})`,
  );
}

async function readPickle(source: ByteSource, globals: GlobalResolver): Promise<Opened> {
  const bytes = await source.read(0, source.size, 'pickle');
  return { format: 'pickle', root: unpickle(bytes, { file: source.name, globals }).value };
}

/** Reads the format-specific structure of an open source (content-detected). */
export async function openSource(source: ByteSource, options: ReadOptions = {}): Promise<Opened> {
  const globals = allowListWith(options.opaqueGlobals);
  const head = await source.read(0, Math.min(source.size, HEAD_BYTES), 'file header');
  switch (detectFormat(head, source.size, source.name)) {
    case 'zip':
      return readZip(source, globals);
    case 'torch-legacy':
      return readTorchLegacy(source, globals);
    case 'pickle':
      return readPickle(source, globals);
    case 'safetensors':
      return readSafetensorsSource(source);
    case 'npy':
      return {
        format: 'npy',
        root: await openNpy(sourceReader(source), source.size, source.name, source.name),
      };
  }
}

/**
 * Opens a checkpoint of any supported format (detected from its bytes). The object tree is read now; tensor
 * data is read when a LazyTensor is loaded, with positional reads, so multi-GB files are fine.
 */
export async function openCheckpoint(path: string, options: ReadOptions = {}): Promise<Checkpoint> {
  const source = await fileSource(path);
  try {
    const opened = await openSource(source, options);
    return { path, ...opened, close: () => source.close() };
  } catch (e) {
    await source.close();
    throw e;
  }
}

/**
 * Opens, flattens (see `stateDict`) and loads every tensor, then closes the file.
 * `prefix` keeps only the tensors under it and strips it (e.g. "g_ema" → "style.1.weight", …).
 */
export async function loadTensors(
  path: string,
  options: ReadOptions & { prefix?: string } = {},
): Promise<Map<string, Tensor>> {
  const checkpoint = await openCheckpoint(path, options);
  try {
    return await loadAll(stateDict(checkpoint.root, options.prefix));
  } finally {
    await checkpoint.close();
  }
}
