// Test helpers: the parity-v2 fixtures (e4e, ArcFace/ID loss), written by the official code.
import { join } from 'node:path';
import { readNpy, toFloat32 } from '@styleclip/checkpoints';
import { sharedDir } from '@styleclip/testing';

export const v2Path = (file: string): string => join(sharedDir(), 'fixtures', 'parity-v2', file);

export async function v2Array(file: string): Promise<{ shape: number[]; data: Float32Array }> {
  const t = await readNpy(v2Path(file));
  return { shape: t.shape, data: toFloat32(t) };
}

export const feed = (a: { shape: number[]; data: Float32Array }) => ({ data: a.data, dims: a.shape });
