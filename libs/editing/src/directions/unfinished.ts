import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeNpy, makeTensor } from '@styleclip/checkpoints';
import type { ModelSetManifest } from '@styleclip/model-sets';
import { packSStats, readSStats, type SStatistics } from './data';
import type { TruncationSpec } from './sampling';
import { DIRECTIONS_DIR } from './versions';

/** The settings of a single-process precompute, as recorded while it runs (and resumed with). */
export interface PrecomputeSettings {
  images: number;
  layers: 'official' | 'all';
  samples: number;
  batch: number;
  truncation: TruncationSpec;
  seed: number;
  chunkChannels?: number;
}

/** While a precompute of the set runs (and after it was interrupted): its settings. */
const RUN_FILE = `${DIRECTIONS_DIR}/precompute.json`;
/** S statistics computed by an unfinished run, with how they were made (the manifest keeps the version in use). */
const STATS_DIR = `${DIRECTIONS_DIR}/s_stats.partial`;

const atomicWrite = async (path: string, bytes: Uint8Array | string) => {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
};

/** Records the settings of a run starting now (an interruption leaves them for the next run to resume with). */
export async function recordRun(setDir: string, settings: PrecomputeSettings): Promise<void> {
  await mkdir(join(setDir, DIRECTIONS_DIR), { recursive: true });
  await atomicWrite(join(setDir, RUN_FILE), JSON.stringify(settings, null, 2) + '\n');
}

/** The settings of an interrupted run of the set, if one was interrupted. */
export async function interruptedRun(setDir: string): Promise<PrecomputeSettings | undefined> {
  try {
    return JSON.parse(await readFile(join(setDir, RUN_FILE), 'utf8')) as PrecomputeSettings;
  } catch {
    return undefined;
  }
}

/** Forgets the run's settings and statistics (it finished). */
export async function finishRun(setDir: string): Promise<void> {
  await rm(join(setDir, STATS_DIR), { recursive: true, force: true });
  await rm(join(setDir, RUN_FILE), { force: true });
}

const statsKey = (o: { samples: number; seed: number; truncation: TruncationSpec }) =>
  JSON.stringify({ samples: o.samples, seed: o.seed, psi: o.truncation.psi, layers: o.truncation.layers });

/**
 * S statistics for a run: the set's own when they were made the same way, else those an interrupted run of the
 * same settings kept, else computed now and kept beside the set's version (never in its place: the manifest and
 * the table in use change only when the whole precompute is written). Returns them with the sha256 of their npy.
 */
export async function statsForRun(
  setDir: string,
  manifest: ModelSetManifest,
  o: { samples: number; seed: number; truncation: TruncationSpec },
  compute: () => Promise<SStatistics>,
): Promise<{ stats: SStatistics; sha256: string }> {
  const d = manifest.directions;
  if (
    d &&
    d.sStatsSamples === o.samples &&
    d.truncation.psi === o.truncation.psi &&
    d.truncation.layers === o.truncation.layers &&
    existsSync(join(setDir, d.sStats.path))
  )
    return { stats: await readSStats(join(setDir, d.sStats.path)), sha256: d.sStats.sha256 };
  const dir = join(setDir, STATS_DIR);
  const keyFile = join(dir, 'settings.json');
  const npy = join(dir, 's_stats.npy');
  if (existsSync(npy) && (await readFile(keyFile, 'utf8').catch(() => '')) === statsKey(o)) {
    const bytes = await readFile(npy);
    return { stats: await readSStats(npy), sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  const stats = await compute();
  const packed = packSStats(stats);
  const bytes = encodeNpy(makeTensor('float32', packed.shape, packed.data));
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await atomicWrite(npy, bytes);
  await atomicWrite(keyFile, statsKey(o));
  return { stats, sha256: createHash('sha256').update(bytes).digest('hex') };
}
