// Test helper: decompression bombs, built without ever holding their inflated bytes.
import { deflateRawSync, constants as zlib } from 'node:zlib';
import { encodeNpyHeader } from '../npy';
import { makeTensor } from '../tensor';
import type { DeflatedZipInput, ZipInput } from '../zip-write';
import { encodeZip } from '../zip-write';
import { dict, tensor, torchPickle, type StorageSpec } from './torch-files';

const MiB = 1 << 20;
export const GiB = 1 << 30;

/**
 * Raw deflate data that inflates to `prefix` then `zeros` zero bytes (a multiple of 1 MiB), about 1 KB per
 * MiB: one sync-flushed MiB of zeros (byte-aligned, not final, referring only to itself) repeated, then an
 * empty final block.
 */
export function deflatedZeros(zeros: number, prefix: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (zeros % MiB !== 0) throw new Error('deflatedZeros: zeros must be a multiple of 1 MiB');
  const flush = { finishFlush: zlib.Z_SYNC_FLUSH };
  const parts: Uint8Array[] = [];
  if (prefix.length > 0) parts.push(deflateRawSync(prefix, flush));
  const mib = deflateRawSync(new Uint8Array(MiB), flush);
  for (let i = 0; i < zeros / MiB; i++) parts.push(mib);
  parts.push(deflateRawSync(new Uint8Array(0)));
  return Buffer.concat(parts);
}

/** A zip entry of `prefix` + `zeros` zero bytes whose headers declare `declared` bytes (default: the truth). */
export function bombEntry(
  name: string,
  zeros: number,
  options: { prefix?: Uint8Array; declared?: number } = {},
): DeflatedZipInput {
  const prefix = options.prefix ?? new Uint8Array(0);
  return {
    name,
    deflated: deflatedZeros(zeros, prefix),
    size: options.declared ?? prefix.length + zeros,
    crc: 0, // never checked by the reader; computing it would mean inflating the bomb
  };
}

const four: StorageSpec = { dtype: 'float32', data: new Float32Array(4) };

/**
 * A torch zip (`archive/data.pkl` = {t: float32 [4]}), its storage entry `archive/data/0` replaced by `storage`
 * and the pickle by `pickle` when given. `constants` adds a constants.pkl (a TorchScript archive).
 */
export function torchZipWith(
  parts: {
    storage?: ZipInput | DeflatedZipInput;
    pickle?: ZipInput | DeflatedZipInput;
    storageSpec?: StorageSpec;
    constants?: boolean;
    zip64?: boolean;
  } = {},
): Uint8Array {
  const spec = parts.storageSpec ?? four;
  const entries: (ZipInput | DeflatedZipInput)[] = [
    parts.pickle ?? { name: 'archive/data.pkl', data: smallTorchPickle(spec) },
  ];
  if (parts.constants)
    entries.push({ name: 'archive/constants.pkl', data: Uint8Array.from([0x80, 2, 0x29, 0x2e]) });
  entries.push(parts.storage ?? { name: 'archive/data/0', data: new Uint8Array(spec.data.buffer) });
  entries.push({ name: 'archive/version', data: Buffer.from('3\n') });
  return encodeZip(entries, { align: 64, zip64: parts.zip64 ?? false });
}

/** The pickle of `torchZipWith`: {t: a float32 [4] tensor of storage "0"} (also the start of pickle bombs). */
export function smallTorchPickle(spec: StorageSpec = four): Uint8Array {
  return torchPickle(dict({ t: tensor('0', [4]) }), { '0': spec }, false);
}

/** An npz whose one member `a.npy` is a float32 [4] array followed by `zeros` zero bytes. */
export function npzBomb(zeros: number, options: { declared?: number } = {}): Uint8Array {
  const header = encodeNpyHeader(makeTensor('float32', [4], new Float32Array(4)));
  const npy = new Uint8Array(header.length + 16);
  npy.set(header);
  return encodeZip([bombEntry('a.npy', zeros, { prefix: npy, ...options })]);
}
