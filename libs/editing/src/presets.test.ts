import { lstat, mkdir, mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '@styleclip/model-sets';
import { ensurePresetSet, readPresetState } from './presets';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ensure-preset-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A folder with a manifest carrying just the fields ensurePresetSet reads, plus a file to see whether it survives. */
async function folder(name: string, manifest: object): Promise<string> {
  const dir = join(tmp, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(join(dir, 'old-weights.onnx'), 'x');
  return dir;
}

const current = PRESETS.tiny!.revision;
const preset = (revision: number | undefined, directions: boolean) => ({
  source: { kind: 'preset', preset: 'tiny', seed: 0, ...(revision === undefined ? {} : { revision }) },
  ...(directions ? { directions: { fs3: { path: 'fs3.npy' } } } : {}),
});

/** Records what ensurePresetSet asked for instead of spending 15 s building (the builders have their own tests). */
function recorder() {
  const calls: string[] = [];
  return {
    calls,
    deps: {
      build: async (name: string, dir: string) => {
        calls.push(`build ${name} ${(await readdir(dir).catch(() => [])).join(',')}`);
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, 'manifest.json'), JSON.stringify(preset(current, true)));
      },
      finishDirections: async () => void calls.push('finish'),
      log: (line: string) => void calls.push(`log ${line}`),
    },
  };
}

describe('ensurePresetSet', () => {
  it('builds a missing set (beside, then renamed into place)', async () => {
    const r = recorder();
    const dir = join(tmp, 'missing');
    expect(await ensurePresetSet('tiny', dir, r.deps)).toBe('built');
    expect(r.calls.filter((c) => !c.startsWith('log'))).toEqual(['build tiny ']);
    expect(await readPresetState(dir, 'tiny')).toEqual({
      kind: 'preset',
      revision: current,
      directions: true,
    });
    expect((await readdir(tmp)).filter((f) => f.startsWith('missing'))).toEqual(['missing']);
  });

  it('leaves a complete set of the current revision alone', async () => {
    const r = recorder();
    expect(await ensurePresetSet('tiny', await folder('current', preset(current, true)), r.deps)).toBe(
      'ready',
    );
    expect(r.calls).toEqual([]);
  });

  it('finishes a set whose directions were interrupted', async () => {
    const r = recorder();
    expect(await ensurePresetSet('tiny', await folder('partial', preset(current, false)), r.deps)).toBe(
      'finished',
    );
    expect(r.calls.filter((c) => !c.startsWith('log'))).toEqual(['finish']);
  });

  it("finishes an interrupted precompute with its own settings, and says so (never the preset's in silence)", async () => {
    const r = recorder();
    const dir = await folder('interrupted-own', preset(current, false));
    await mkdir(join(dir, 'directions'));
    await writeFile(
      join(dir, 'directions', 'precompute.json'),
      JSON.stringify({ images: 50, samples: 2000, layers: 'all', batch: 8, seed: 5 }),
    );
    expect(await ensurePresetSet('tiny', dir, r.deps)).toBe('finished');
    expect(r.calls).toContain(
      `log finishing the interrupted precompute of ${dir} with its own settings (images 50, samples 2000, layers all; resumes where it stopped)…`,
    );
  });

  it('rebuilds, from an empty folder, a set built by an older preset revision (or before revisions)', async () => {
    for (const [name, revision] of [
      ['old', current - 1],
      ['unversioned', undefined],
    ] as const) {
      const dir = await folder(name, preset(revision, true));
      expect((await readPresetState(dir, 'tiny')).kind).toBe('preset');
      const r = recorder();
      expect(await ensurePresetSet('tiny', dir, r.deps)).toBe('rebuilt');
      expect(r.calls[0]).toMatch(
        new RegExp(
          `built by revision ${revision ?? 1} of the tiny preset; rebuilding it with revision ${current}`,
        ),
      );
      expect(r.calls[1]).toBe('build tiny ');
      expect(await readdir(dir)).not.toContain('old-weights.onnx');
    }
  });

  it('never touches a set it did not build', async () => {
    const r = recorder();
    const dir = await folder('imported', { source: { kind: 'import', files: [], notes: [] } });
    expect(await ensurePresetSet('tiny', dir, r.deps)).toBe('foreign');
    expect(r.calls).toEqual([]);
    expect(await readdir(dir)).toContain('old-weights.onnx');
  });

  it('serves copies or links of one cached build, and waits for a build another caller started', async () => {
    const r = recorder();
    const [a, b] = await Promise.all([
      ensurePresetSet('tiny', join(tmp, 'copy-a'), {
        ...r.deps,
        cache: 'copy',
        cacheRoot: join(tmp, 'cache'),
      }),
      ensurePresetSet('tiny', join(tmp, 'link-b'), {
        ...r.deps,
        cache: 'link',
        cacheRoot: join(tmp, 'cache'),
      }),
    ]);
    expect([a, b]).toEqual(['copied', 'linked']);
    expect(r.calls.filter((c) => c.startsWith('build'))).toHaveLength(1);
    expect((await lstat(join(tmp, 'link-b'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(tmp, 'link-b'))).toMatch(new RegExp(`^${tmp}/cache/tiny-r${current}-`));
    expect(await readdir(join(tmp, 'copy-a'))).toContain('manifest.json');
    expect(
      await ensurePresetSet('tiny', join(tmp, 'copy-a'), {
        ...r.deps,
        cache: 'copy',
        cacheRoot: join(tmp, 'cache'),
      }),
    ).toBe('ready');
  });
});
