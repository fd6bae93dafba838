import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readNpy, toFloat32, writeNpy } from '@styleclip/checkpoints';
import type { Array32 } from '@styleclip/latent-math';
import { CliError } from './errors';

export async function readArray(path: string): Promise<Array32> {
  let t;
  try {
    t = await readNpy(path);
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as Error).message}`);
  }
  if (!t.dtype.startsWith('float')) throw new CliError(`${path}: expected float32 data, got ${t.dtype}`);
  return { shape: t.shape, data: toFloat32(t) };
}

/** Writes a float32 .npy, creating its folder (e.g. `out/`) when missing. */
export async function writeArray(path: string, a: Array32): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeNpy(path, { dtype: 'float32', shape: [...a.shape], data: a.data });
}

/** Token ids: an int64 (or int32) .npy [N, context]. */
export async function readIds(path: string): Promise<{ shape: number[]; data: BigInt64Array }> {
  let t;
  try {
    t = await readNpy(path);
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as Error).message}`);
  }
  if (t.dtype === 'int64') return { shape: t.shape, data: t.data as BigInt64Array };
  if (t.dtype === 'int32')
    return { shape: t.shape, data: BigInt64Array.from(t.data as Int32Array, (v) => BigInt(v)) };
  throw new CliError(`${path}: expected int64 token ids, got ${t.dtype}`);
}
