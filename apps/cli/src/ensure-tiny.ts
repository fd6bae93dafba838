import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPresetSet, precomputeDirections } from '@styleclip/editing';
import { PRESETS } from '@styleclip/model-sets';

/** What is in a folder meant to hold the tiny set. */
export type TinyState =
  | { kind: 'missing' }
  /** A set someone imported or built otherwise: never touched. */
  | { kind: 'foreign' }
  /** Built from the tiny preset; sets from before preset revisions existed count as revision 1. */
  | { kind: 'preset'; revision: number; directions: boolean };

export async function readTinyState(dir: string): Promise<TinyState> {
  let m: { source?: { kind?: string; preset?: string; revision?: number }; directions?: { fs3?: unknown } };
  try {
    m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as typeof m;
  } catch {
    return { kind: 'missing' };
  }
  if (m.source?.kind !== 'preset' || m.source.preset !== 'tiny') return { kind: 'foreign' };
  return { kind: 'preset', revision: m.source.revision ?? 1, directions: m.directions?.fs3 !== undefined };
}

export interface EnsureTinyDeps {
  build: (dir: string) => Promise<unknown>;
  finishDirections: (dir: string) => Promise<unknown>;
  log: (line: string) => void;
}

const realDeps: EnsureTinyDeps = {
  build: (dir) => buildPresetSet('tiny', dir),
  finishDirections: (dir) => precomputeDirections(dir, PRESETS.tiny!.directions),
  log: (line) => console.log(line),
};

/**
 * Makes `dir` hold a complete tiny set of the current preset revision (npm start's models/tiny): builds it
 * when missing (about 15 s), finishes interrupted directions (resuming), and rebuilds a set built by an
 * older revision of the preset (one we built ourselves, so replacing it loses nothing). Returns what it did.
 */
export async function ensureTinySet(dir: string, deps: Partial<EnsureTinyDeps> = {}): Promise<'ready' | 'built' | 'rebuilt' | 'finished'> {
  const { build, finishDirections, log } = { ...realDeps, ...deps };
  const state = await readTinyState(dir);
  const current = PRESETS.tiny!.revision;
  if (state.kind === 'foreign') return 'ready';
  const t0 = performance.now();
  const took = () => log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (state.kind === 'preset' && state.revision !== current) {
    log(`${dir} was built by revision ${state.revision} of the tiny preset; rebuilding it with revision ${current}…`);
    await rm(dir, { recursive: true, force: true });
    await build(dir);
    took();
    return 'rebuilt';
  }
  if (state.kind === 'missing') {
    log(`building the tiny model set into ${dir} (random weights, about 15 s, once)…`);
    await build(dir);
    took();
    return 'built';
  }
  if (state.directions) return 'ready';
  log(`finishing the directions of ${dir} (resumes where it stopped)…`);
  await finishDirections(dir);
  took();
  return 'finished';
}
