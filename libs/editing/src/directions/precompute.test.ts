import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelSet } from '@styleclip/model-sets';
import { readNpy, toFloat32 } from '@styleclip/checkpoints';
import { repoRoot } from '@styleclip/testing';
import { buildPresetSet } from '../presets';
import { FS3_PARTIAL_DIR } from './data';
import { precomputeDirections, type PrecomputeOptions } from './precompute';
import { interruptedRun } from './unfinished';

const settings: PrecomputeOptions = { images: 4, samples: 512, layers: 'official', batch: 8, seed: 11 };
let root: string;
let reference: Buffer;

/** The fs3 file a set's manifest points at (a version named by its content). */
async function fs3Of(dir: string): Promise<Buffer> {
  const m = (await loadModelSet(dir)).manifest;
  return readFile(join(dir, m.directions!.fs3!.path));
}

async function freshSet(name: string, from = 'base'): Promise<string> {
  const dir = join(root, name);
  await cp(join(root, from), dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'precompute-'));
  await buildPresetSet('tiny', join(root, 'base'), { directions: false });
  const dir = await freshSet('uninterrupted');
  await precomputeDirections(dir, settings);
  reference = await fs3Of(dir);
}, 120_000);
afterAll(() => rm(root, { recursive: true, force: true }));

const chunksIn = async (dir: string) =>
  existsSync(join(dir, FS3_PARTIAL_DIR))
    ? (await readdir(join(dir, FS3_PARTIAL_DIR))).filter((f) => f.startsWith('chunk-')).length
    : 0;

describe('precompute', () => {
  it('writes S statistics and a unit-row fs3 into the set', async () => {
    const set = await loadModelSet(join(root, 'uninterrupted'), { verify: true });
    const d = set.manifest.directions!;
    expect(d.fs3Rows).toBe(240);
    expect(d.fs3Layers).toEqual([0, 2, 3, 5, 6, 8, 9, 11, 12]);
    expect(d.sStatsSamples).toBe(512);
    expect(existsSync(join(root, 'uninterrupted', d.sStats.path))).toBe(true);
    expect(d.fs3!.path).toMatch(/^directions\/fs3-[0-9a-f]{16}\.npy$/);
    expect(existsSync(join(root, 'uninterrupted', FS3_PARTIAL_DIR))).toBe(false);
    expect(await interruptedRun(join(root, 'uninterrupted'))).toBeUndefined();
  });

  it('resumes after a cancellation and ends with the identical table', async () => {
    const dir = await freshSet('aborted');
    const ctrl = new AbortController();
    let chunks = 0;
    await expect(
      precomputeDirections(dir, {
        ...settings,
        signal: ctrl.signal,
        onProgress: (p) => p.phase === 'fs3' && ++chunks === 3 && ctrl.abort(),
      }),
    ).rejects.toThrow(/cancelled/);
    expect(await chunksIn(dir)).toBe(3);
    const resumed: string[] = [];
    await precomputeDirections(dir, { ...settings, onProgress: (p) => p.note && resumed.push(p.note) });
    expect(resumed[0]).toBe('chunk 4/8');
    expect((await fs3Of(dir)).equals(reference)).toBe(true);
  }, 120_000);

  it('survives being killed (SIGKILL) halfway: the rerun finishes with the identical table', async () => {
    const dir = await freshSet('killed');
    const main = join(repoRoot(), 'apps', 'cli', 'src', 'main.ts');
    const args = [
      '--import',
      'tsx',
      main,
      'directions',
      'precompute',
      '--models',
      dir,
      '--images',
      '4',
      '--samples',
      '512',
    ];
    // The CLI uses the pool seed; the reference here used seed 11, so compare against an in-process run below.
    const child = spawn(process.execPath, args, { cwd: repoRoot(), stdio: 'ignore' });
    const deadline = Date.now() + 90_000;
    while ((await chunksIn(dir)) < 3) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error('precompute did not reach 3 chunks');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const done = await chunksIn(dir);
    expect(done).toBeGreaterThanOrEqual(3);
    expect(done).toBeLessThan(8);
    await precomputeDirections(dir, { images: 4, samples: 512, layers: 'official', batch: 8 });
    const clean = await freshSet('clean-seed5');
    await precomputeDirections(clean, { images: 4, samples: 512, layers: 'official', batch: 8 });
    expect((await fs3Of(dir)).equals(await fs3Of(clean))).toBe(true);
  }, 180_000);

  it('a recompute replaces the table in one step: cancelled, the previous one stays in the manifest and in use', async () => {
    const dir = await freshSet('recomputed', 'uninterrupted');
    const before = (await loadModelSet(dir, { verify: true })).manifest.directions!;
    // Other settings (new S statistics, another table), cancelled halfway through fs3.
    const ctrl = new AbortController();
    await expect(
      precomputeDirections(dir, {
        ...settings,
        samples: 600,
        signal: ctrl.signal,
        onProgress: (p) => p.phase === 'fs3' && ctrl.abort(),
      }),
    ).rejects.toThrow(/cancelled/);
    const during = await loadModelSet(dir, { verify: true }); // every file the manifest names is intact
    expect(during.manifest.directions).toEqual(before);
    expect((await fs3Of(dir)).equals(reference)).toBe(true);
    // The interrupted run remembers its own settings (what a resume, or `npm start`, continues with).
    expect(await interruptedRun(dir)).toMatchObject({ images: 4, samples: 600 });
    // Finished, the manifest switches to the new version; the previous version's files are kept, older ones not.
    await precomputeDirections(dir, { ...settings, samples: 600 });
    const after = (await loadModelSet(dir, { verify: true })).manifest.directions!;
    expect(after).toMatchObject({ fs3Images: 4, sStatsSamples: 600 });
    expect(after.fs3!.sha256).not.toBe(before.fs3!.sha256);
    expect(await interruptedRun(dir)).toBeUndefined();
    const files = (await readdir(join(dir, 'directions'))).filter((f) => f.endsWith('.npy')).sort();
    expect(files).toEqual(
      [before.sStats.path, before.fs3!.path, after.sStats.path, after.fs3!.path]
        .map((p) => p.slice(11))
        .sort(),
    );
  }, 120_000);

  it('starts over when the settings change', async () => {
    const dir = await freshSet('changed');
    const ctrl = new AbortController();
    await expect(
      precomputeDirections(dir, {
        ...settings,
        signal: ctrl.signal,
        onProgress: (p) => p.phase === 'fs3' && ctrl.abort(),
      }),
    ).rejects.toThrow(/cancelled/);
    const notes: string[] = [];
    await precomputeDirections(dir, {
      ...settings,
      images: 5,
      onProgress: (p) => p.note && notes.push(p.note),
    });
    expect(notes[0]).toMatch(/^chunk 1\//);
  }, 120_000);

  it('fast mode records its stop resolution; layers above it get the exact rows', async () => {
    const dir = await freshSet('fast');
    const m = await precomputeDirections(dir, { ...settings, stopResolution: 16 });
    expect(m.directions!.fs3StopResolution).toBe(16);
    const fast = toFloat32(await readNpy(new Uint8Array(await readFile(join(dir, m.directions!.fs3!.path)))));
    const exact = toFloat32(await readNpy(new Uint8Array(reference)));
    // Rows of the layers at 32 and 64 px (the last four of the nine) are computed on the full image.
    const layout = m.generator.sLayout;
    const width = m.clip!.config.embedDim;
    const above = m.directions!.fs3Layers!.filter((l) => layout[l]!.resolution > 16);
    const rowsAbove = above.reduce((n, l) => n + layout[l]!.channels, 0);
    const start = fast.length - rowsAbove * width;
    expect(Array.from(fast.subarray(start))).toEqual(Array.from(exact.subarray(start)));
    expect(Array.from(fast.subarray(0, start))).not.toEqual(Array.from(exact.subarray(0, start)));
    // A stop at full size is the exact table (and is not recorded as fast).
    const full = await freshSet('fast-at-full-size');
    const f = await precomputeDirections(full, { ...settings, fast: true });
    expect(f.directions!.fs3StopResolution).toBeUndefined();
    expect((await readFile(join(full, f.directions!.fs3!.path))).equals(reference)).toBe(true);
  }, 180_000);
});
