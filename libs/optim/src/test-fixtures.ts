// Test helpers: the parity-v2 training fixtures (optimization and mapper-training).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readNpy, toFloat32 } from '@styleclip/checkpoints';
import { sharedDir } from '@styleclip/testing';

export const trainingFixture = (...parts: string[]): string =>
  join(sharedDir(), 'fixtures', 'parity-v2', ...parts);

export async function npy(
  ...parts: string[]
): Promise<{ shape: number[]; data: Float32Array; raw: ArrayLike<number> }> {
  const t = await readNpy(trainingFixture(...parts));
  return { shape: t.shape, data: toFloat32(t), raw: t.data as ArrayLike<number> };
}

export async function meta(folder: 'optimization' | 'mapper-training'): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(trainingFixture(folder, 'meta.json'), 'utf8')) as Record<string, unknown>;
}

/** Row i of a [rows, …] array. */
export const row = (a: { shape: number[]; data: Float32Array }, i: number): Float32Array => {
  const n = a.data.length / a.shape[0]!;
  return a.data.subarray(i * n, (i + 1) * n);
};

/** Fraction of elements that are bitwise equal. */
export function equalFraction(a: Float32Array, b: Float32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (Object.is(a[i], b[i])) same++;
  return same / a.length;
}
