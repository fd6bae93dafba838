import { writeChunks } from './file-write';
import { pickleValue, type PickleValue } from './pickle/writer';
import { concatBytes, zipChunks } from './zip-write';

export interface TorchSaveOptions {
  /** The archive's top folder (`torch.save` uses the file name without extension). Default `archive`. */
  archiveName?: string;
}

function bytesOf(a: Float32Array): Uint8Array {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
    throw new Error('torch save: big-endian hosts are not supported');
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * The chunks of a `torch.save` zip file (torch ≥ 1.6 layout, as torch 1.13 writes it): `<name>/data.pkl` (the
 * pickle, plain data plus tensor references), one `<name>/data/<key>` entry per tensor (float32, 64-byte
 * aligned, stored) and `<name>/version` ("3"). `torch.load` reads it, and so does this library's reader.
 */
export function torchSaveChunks(value: PickleValue, o: TorchSaveOptions = {}): Uint8Array[] {
  const name = o.archiveName ?? 'archive';
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name))
    throw new RangeError(`torch save: archive name "${name}" must be letters, digits, _ . -`);
  const { pickle, storages } = pickleValue(value);
  const entries = [
    { name: `${name}/data.pkl`, data: pickle },
    ...storages.keys.map((k, i) => ({ name: `${name}/data/${k}`, data: bytesOf(storages.data[i]!) })),
    { name: `${name}/version`, data: new TextEncoder().encode('3\n') },
  ];
  return zipChunks(entries, { align: 64 });
}

/** `torch.save(value, path)` for plain data and float32 tensors. */
export async function writeTorchSave(
  path: string,
  value: PickleValue,
  o: TorchSaveOptions = {},
): Promise<void> {
  await writeChunks(path, torchSaveChunks(value, o));
}

/** The same file in memory. */
export const encodeTorchSave = (value: PickleValue, o: TorchSaveOptions = {}): Uint8Array =>
  concatBytes(torchSaveChunks(value, o));
