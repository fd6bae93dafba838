import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeNpy, makeTensor } from '@styleclip/checkpoints';
import {
  saveManifest,
  type DirectionsEntry,
  type FileRef,
  type ModelSetManifest,
} from '@styleclip/model-sets';
import { packSStats, type SStatistics } from './data';

/** The folder of a set's direction files (versions, and the partial work of an unfinished precompute). */
export const DIRECTIONS_DIR = 'directions';

/**
 * Writes float32 `data` as `directions/<base>-<sha256[0:16]>.npy` (temp file + rename): a new name for new
 * content, so no file a manifest points at is ever overwritten. Returns its manifest entry.
 */
export async function writeDirectionFile(
  setDir: string,
  base: string,
  shape: readonly number[],
  data: Float32Array,
): Promise<FileRef> {
  const bytes = encodeNpy(makeTensor('float32', [...shape], data));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = `${DIRECTIONS_DIR}/${base}-${sha256.slice(0, 16)}.npy`;
  const full = join(setDir, path);
  await mkdir(join(setDir, DIRECTIONS_DIR), { recursive: true });
  const tmp = `${full}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, full);
  return { path, sha256, bytes: bytes.byteLength };
}

/** What a set's directions are, without their file entries (written by `switchDirections`). */
export type DirectionsFields = Omit<DirectionsEntry, 'sStats' | 'fs3'>;

/**
 * Replaces a set's directions atomically: the S statistics and fs3 are written as a new version (files named by
 * their content, beside the version in use), then the manifest, renamed into place, switches to them in one
 * step. Until that rename the set is exactly as it was (an interrupted or failed write changes nothing a reader
 * sees, and a process that opened the set keeps its table); after it, files of versions other than the new and
 * the previous one are removed. Returns the new manifest.
 */
export async function switchDirections(
  setDir: string,
  manifest: ModelSetManifest,
  content: { stats: SStatistics; fs3: { shape: readonly number[]; data: Float32Array } },
  fields: DirectionsFields,
): Promise<ModelSetManifest> {
  const s = packSStats(content.stats);
  const sStats = await writeDirectionFile(setDir, 's_stats', s.shape, s.data);
  const fs3 = await writeDirectionFile(setDir, 'fs3', content.fs3.shape, content.fs3.data);
  const next = await saveManifest(setDir, { ...manifest, directions: { ...fields, sStats, fs3 } });
  await pruneDirectionFiles(setDir, [next, manifest]);
  return next;
}

/**
 * Removes direction files (`directions/*.npy` and leftover temp files) that none of `keep`'s manifests points at.
 * Folders (partial work of a precompute) are left alone.
 */
export async function pruneDirectionFiles(setDir: string, keep: readonly ModelSetManifest[]): Promise<void> {
  const used = new Set<string>();
  for (const m of keep) {
    if (m.directions?.sStats) used.add(m.directions.sStats.path);
    if (m.directions?.fs3) used.add(m.directions.fs3.path);
  }
  const entries = await readdir(join(setDir, DIRECTIONS_DIR), { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile() || !/\.npy(\.\d+\.tmp)?$/.test(e.name)) continue;
    const path = `${DIRECTIONS_DIR}/${e.name}`;
    if (!used.has(path)) await rm(join(setDir, path), { force: true });
  }
}
