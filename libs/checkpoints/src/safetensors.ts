import type { Opened } from './checkpoint';
import { dataBytes, itemSize, SAFETENSORS_CODES, safetensorsCode, viewData, lookupDType } from './dtype';
import { CheckpointError } from './errors';
import { MAX_SAFETENSORS_HEADER_BYTES as MAX_HEADER } from './limits';
import { writeChunks } from './file-write';
import { isLazyTensor, lazyTensor, loadAll, type LazyTensor } from './lazy';
import { withSource, type ByteSource } from './source';
import { entriesOf, makeTensor, numel, type Named, type Tensor } from './tensor';
import { concatBytes } from './zip-write';

/** True when the bytes look like safetensors: a u64 LE header length that fits, then '{'. */
export function looksLikeSafetensors(head: Uint8Array, size: number): boolean {
  if (head.length < 9 || head[8] !== 0x7b) return false;
  const n = new DataView(head.buffer, head.byteOffset, 8).getBigUint64(0, true);
  return n >= 2n && n <= BigInt(Math.min(MAX_HEADER, size - 8));
}

/** A safetensors file: a Map of name → LazyTensor (header order) plus `__metadata__`. */
export async function readSafetensorsSource(source: ByteSource): Promise<Opened> {
  const file = source.name;
  const fail: (message: string) => never = (m) => {
    throw new CheckpointError(file, m);
  };
  const lengthBytes = await source.read(0, 8, 'safetensors header length');
  const n = Number(new DataView(lengthBytes.buffer).getBigUint64(0, true));
  if (n > MAX_HEADER) fail(`safetensors header length ${n} is implausible`);
  const headerText = new TextDecoder().decode(await source.read(8, n, 'safetensors header'));
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch (e) {
    return fail(`corrupt safetensors header (not JSON): ${(e as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    fail('safetensors header is not an object');
  const base = 8 + n;
  const dataSize = source.size - base;
  const root = new Map<string, LazyTensor>();
  let metadata: Record<string, string> | undefined;
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (
        typeof info !== 'object' ||
        info === null ||
        Object.values(info).some((v) => typeof v !== 'string')
      ) {
        fail('safetensors __metadata__ is not a map of strings');
      }
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype: code, shape, data_offsets: offsets } = (info ?? {}) as Record<string, unknown>;
    const dtype = lookupDType(SAFETENSORS_CODES, String(code));
    if (!dtype) fail(`tensor ${name}: safetensors dtype ${String(code)} is not supported`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      fail(`tensor ${name}: bad shape ${JSON.stringify(shape)}`);
    }
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)
    ) {
      fail(`tensor ${name}: bad data_offsets ${JSON.stringify(offsets)}`);
    }
    const [begin, end] = offsets as [number, number];
    const bytes = numel(shape as number[]) * itemSize(dtype);
    if (end - begin !== bytes) {
      fail(
        `tensor ${name}: [${shape.join(', ')}] ${dtype} needs ${bytes} bytes, data_offsets span ${end - begin}`,
      );
    }
    if (end > dataSize) {
      fail(
        `truncated: tensor ${name} needs ${bytes} bytes at offset ${base + begin}, file has ${source.size} bytes`,
      );
    }
    root.set(
      name,
      lazyTensor(dtype, shape as number[], `${file}: ${name}`, async () =>
        makeTensor(
          dtype,
          shape as number[],
          viewData(dtype, await source.read(base + begin, bytes, `tensor ${name}`)),
        ),
      ),
    );
  }
  return { format: 'safetensors', root, ...(metadata ? { metadata } : {}) };
}

/** Reads every tensor of a safetensors file (or its bytes). */
export async function readSafetensors(input: string | Uint8Array): Promise<Map<string, Tensor>> {
  return withSource(input, 'safetensors bytes', async (source) => {
    const { root } = await readSafetensorsSource(source);
    return loadAll(root as Map<string, LazyTensor>);
  });
}

type Entry = Tensor | LazyTensor;

function headerFor(entries: [string, Entry][], metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata) header['__metadata__'] = metadata;
  let offset = 0;
  for (const [name, t] of entries) {
    const bytes = numel(t.shape) * itemSize(t.dtype);
    header[name] = {
      dtype: safetensorsCode(t.dtype),
      shape: [...t.shape],
      data_offsets: [offset, offset + bytes],
    };
    offset += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded).fill(0x20);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  return out;
}

async function* chunks(
  entries: [string, Entry][],
  metadata?: Record<string, string>,
): AsyncIterable<Uint8Array> {
  yield headerFor(entries, metadata);
  for (const [name, entry] of entries) {
    const t = isLazyTensor(entry) ? await entry.load() : entry;
    if (t.dtype !== entry.dtype || numel(t.shape) !== numel(entry.shape)) {
      throw new Error(`safetensors: tensor ${name} changed dtype or shape while loading`);
    }
    makeTensor(t.dtype, t.shape, t.data);
    yield dataBytes(t.data);
  }
}

/**
 * Writes a safetensors file. LazyTensors are loaded one at a time while writing, so re-exporting a large
 * checkpoint holds one tensor in memory at a time.
 */
export async function writeSafetensors(
  path: string,
  tensors: Named<Entry>,
  metadata?: Record<string, string>,
): Promise<void> {
  await writeChunks(path, chunks(entriesOf(tensors), metadata));
}

/** A safetensors file in memory. */
export async function encodeSafetensors(
  tensors: Named<Entry>,
  metadata?: Record<string, string>,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks(entriesOf(tensors), metadata)) parts.push(c);
  return concatBytes(parts);
}
