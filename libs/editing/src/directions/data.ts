import { mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readNpy, toFloat32, writeNpy } from '@styleclip/checkpoints';
import type { ModelSet } from '@styleclip/model-sets';
import { EngineError } from '../components';

/** Chunks of an unfinished fs3 (direction files themselves are versions named by content: see versions.ts). */
export const FS3_PARTIAL_DIR = 'directions/fs3.partial';

/** What a global edit needs, loaded once per engine. */
export interface DirectionsData {
  mean: Float32Array;
  std: Float32Array;
  fs3: Float32Array;
  rows: number;
  embedDim: number;
  layers: number[];
}

/** Writes a float32 .npy atomically (temp + rename) inside the set, creating folders. */
export async function writeArrayAtomic(
  setDir: string,
  path: string,
  shape: number[],
  data: Float32Array,
): Promise<void> {
  const full = join(setDir, path);
  await mkdir(dirname(full), { recursive: true });
  const tmp = `${full}.${process.pid}.tmp`;
  await writeNpy(tmp, { dtype: 'float32', shape, data });
  await rename(tmp, full);
}

/** Per-channel S mean and std over all layers (ΣC each). */
export interface SStatistics {
  mean: Float32Array;
  std: Float32Array;
}

/** S statistics are stored as one [2, ΣC] array: row 0 the mean, row 1 the std. */
export function packSStats(stats: SStatistics): { shape: number[]; data: Float32Array } {
  const width = stats.mean.length;
  const packed = new Float32Array(2 * width);
  packed.set(stats.mean, 0);
  packed.set(stats.std, width);
  return { shape: [2, width], data: packed };
}

export function unpackSStats(a: { shape: readonly number[]; data: Float32Array }): SStatistics {
  if (a.shape.length !== 2 || a.shape[0] !== 2)
    throw new Error(`S statistics must be [2, ΣC], got [${a.shape.join(',')}]`);
  const width = a.shape[1]!;
  return { mean: a.data.slice(0, width), std: a.data.slice(width) };
}

export async function readSStats(path: string): Promise<SStatistics> {
  return unpackSStats(await readFloat(path));
}

export async function readFloat(path: string): Promise<{ shape: number[]; data: Float32Array }> {
  const t = await readNpy(path);
  return { shape: t.shape, data: toFloat32(t) };
}

export async function loadDirectionsData(set: ModelSet): Promise<DirectionsData> {
  const d = set.manifest.directions;
  if (!d?.fs3 || !d.fs3Rows || !d.fs3Layers) {
    throw new EngineError(
      `model set ${set.manifest.id} has no channel-relevance table; run "styleclip directions precompute" or "directions import"`,
      'no_directions',
    );
  }
  const { mean, std } = await readSStats(set.path(d.sStats));
  const fs3 = await readFloat(set.path(d.fs3));
  return {
    mean,
    std,
    fs3: fs3.data,
    rows: fs3.shape[0]!,
    embedDim: fs3.shape[1]!,
    layers: d.fs3Layers,
  };
}
