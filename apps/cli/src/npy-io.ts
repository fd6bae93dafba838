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

export async function writeArray(path: string, a: Array32): Promise<void> {
  await writeNpy(path, { dtype: 'float32', shape: [...a.shape], data: a.data });
}
