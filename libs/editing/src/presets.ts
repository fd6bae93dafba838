import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildPreset, PRESETS, type ModelSetManifest, type ProgressEvent } from '@styleclip/model-sets';
import type { WorkProgress } from './directions/progress';
import { precomputeDirections } from './directions/precompute';
import { interruptedRun } from './directions/unfinished';

function presetOf(name: string) {
  const preset = PRESETS[name];
  if (!preset) throw new Error(`unknown preset "${name}"; choose one of ${Object.keys(PRESETS).join(', ')}`);
  return preset;
}

/**
 * Builds a preset model set and, when the preset says it is cheap (tiny), its S statistics and fs3 with
 * our own precompute, so every edit method works out of the box.
 */
export async function buildPresetSet(
  name: string,
  dir: string,
  o: {
    seed?: number;
    directions?: boolean;
    onProgress?: (e: ProgressEvent) => void;
    onDirections?: (p: WorkProgress) => void;
  } = {},
): Promise<ModelSetManifest> {
  const manifest = await buildPreset(name, dir, {
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  return o.directions === false ? manifest : finishPresetDirections(name, dir, o.onDirections);
}

/**
 * Computes the directions a preset asks for, or finishes an interrupted precompute of the set with the settings
 * it was started with (someone's own, never silently replaced by the preset's); a preset without directions is
 * left as is.
 */
async function finishPresetDirections(
  name: string,
  dir: string,
  onProgress?: (p: WorkProgress) => void,
): Promise<ModelSetManifest> {
  const d = presetOf(name).directions;
  if (!d) return JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ModelSetManifest;
  const settings = (await interruptedRun(dir)) ?? d;
  return precomputeDirections(dir, { ...settings, ...(onProgress ? { onProgress } : {}) });
}

/** How a precompute's settings read in a log line. */
const describeSettings = (s: { images: number; samples: number; layers: string }) =>
  `images ${s.images}, samples ${s.samples}, layers ${s.layers}`;

/** What is in a folder meant to hold a preset set. */
export type PresetState =
  | { kind: 'missing' }
  /** A set someone imported or built otherwise (or another preset): never touched. */
  | { kind: 'foreign' }
  /** Built from the preset; sets from before preset revisions existed count as revision 1. */
  | { kind: 'preset'; revision: number; directions: boolean };

export async function readPresetState(dir: string, name: string): Promise<PresetState> {
  let m: { source?: { kind?: string; preset?: string; revision?: number }; directions?: { fs3?: unknown } };
  try {
    m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as typeof m;
  } catch {
    return { kind: 'missing' };
  }
  if (m.source?.kind !== 'preset' || m.source.preset !== name) return { kind: 'foreign' };
  return { kind: 'preset', revision: m.source.revision ?? 1, directions: m.directions?.fs3 !== undefined };
}

export type EnsureResult = 'ready' | 'built' | 'rebuilt' | 'finished' | 'foreign' | 'copied' | 'linked';

export interface EnsureOptions {
  log?: (line: string) => void;
  /**
   * Build the set once into a cache shared by every process and run of this machine (keyed by the preset's
   * revision and configuration, under the OS temp folder) and copy it into `dir` (or link it: read-only users).
   */
  cache?: 'copy' | 'link';
  /** Where the cache lives (default: `styleclip-cache` in the OS temp folder). */
  cacheRoot?: string;
  /** For tests: what building and finishing directions do (default: the real builders). */
  build?: (name: string, dir: string) => Promise<unknown>;
  finishDirections?: (name: string, dir: string) => Promise<unknown>;
}

/** The cache folder of a preset's current revision (see `EnsureOptions.cache`). */
export function presetCacheDir(name: string, root = join(tmpdir(), 'styleclip-cache')): string {
  const preset = presetOf(name);
  const key = createHash('sha256').update(JSON.stringify(preset)).digest('hex').slice(0, 12);
  return join(root, `${name}-r${preset.revision}-${key}`, name);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` holding a lock folder beside `dir` (other processes wait; a lock older than 10 min is stale). */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${dir}.lock`;
  await mkdir(dirname(dir), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 10 * 60_000) await rm(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * Makes `dir` hold a complete set of the current revision of preset `name`, the one way every entry point gets
 * one (npm start's models/tiny, the test suites, the browser tests): builds it when missing, finishes interrupted
 * directions (resuming), rebuilds a set an older revision of the preset built (ours, so replacing it loses
 * nothing), and never touches a folder holding anything else. Concurrent callers (processes) wait for each other.
 */
export async function ensurePresetSet(
  name: string,
  dir: string,
  o: EnsureOptions = {},
): Promise<EnsureResult> {
  const current = presetOf(name).revision;
  if (o.cache) {
    const cached = presetCacheDir(name, o.cacheRoot);
    await ensureIn(name, cached, current, o);
    const state = await readPresetState(dir, name);
    if (state.kind === 'foreign') return 'foreign';
    if (state.kind === 'preset' && state.revision === current && state.directions) return 'ready';
    return withLock(dir, async () => {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dirname(dir), { recursive: true });
      if (o.cache === 'link') {
        await symlink(cached, dir, 'dir');
        return 'linked';
      }
      const tmp = `${dir}.copy-${process.pid}`;
      await cp(cached, tmp, { recursive: true });
      await rename(tmp, dir);
      return 'copied';
    });
  }
  return ensureIn(name, dir, current, o);
}

async function ensureIn(name: string, dir: string, current: number, o: EnsureOptions): Promise<EnsureResult> {
  const build = o.build ?? ((n: string, d: string) => buildPresetSet(n, d));
  const finish = o.finishDirections ?? ((n: string, d: string) => finishPresetDirections(n, d));
  const log = o.log ?? (() => undefined);
  const quick = await readPresetState(dir, name);
  if (quick.kind === 'foreign') return 'foreign';
  if (
    quick.kind === 'preset' &&
    quick.revision === current &&
    (quick.directions || !presetOf(name).directions)
  )
    return 'ready';
  return withLock(dir, async () => {
    const state = await readPresetState(dir, name); // another process may have done it meanwhile
    if (state.kind === 'foreign') return 'foreign';
    const t0 = performance.now();
    const took = () => log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (state.kind === 'missing' || state.revision !== current) {
      if (state.kind === 'preset')
        log(
          `${dir} was built by revision ${state.revision} of the ${name} preset; rebuilding it with revision ${current}…`,
        );
      else log(`building the ${name} model set into ${dir} (random weights, once)…`);
      // Built beside and renamed into place, so an interrupted build never leaves a half set behind.
      const tmp = `${dir}.build-${process.pid}`;
      await rm(tmp, { recursive: true, force: true });
      await build(name, tmp);
      await rm(dir, { recursive: true, force: true });
      await rename(tmp, dir);
      took();
      return state.kind === 'missing' ? 'built' : 'rebuilt';
    }
    if (state.directions || !presetOf(name).directions) return 'ready';
    const interrupted = await interruptedRun(dir);
    log(
      interrupted
        ? `finishing the interrupted precompute of ${dir} with its own settings (${describeSettings(interrupted)}; resumes where it stopped)…`
        : `computing the directions of ${dir} (${describeSettings(presetOf(name).directions!)}; resumes where it stopped)…`,
    );
    await finish(name, dir);
    took();
    return 'finished';
  });
}
