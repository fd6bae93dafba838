import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '@styleclip/model-sets';
import { ensureTinySet, readTinyState } from './ensure-tiny';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ensure-tiny-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A folder with a manifest carrying just the fields ensureTinySet reads, plus a file to see whether it survives. */
async function folder(name: string, manifest: object): Promise<string> {
  const dir = join(tmp, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(join(dir, 'old-weights.onnx'), 'x');
  return dir;
}

/** Records what ensureTinySet asked for instead of spending 15 s building (the builder has its own tests). */
function recorder() {
  const calls: string[] = [];
  return {
    calls,
    deps: {
      build: async (dir: string) => void calls.push(`build ${(await readdir(dir).catch(() => [])).join(',')}`),
      finishDirections: async () => void calls.push('finish'),
      log: (line: string) => void calls.push(`log ${line}`),
    },
  };
}

const current = PRESETS.tiny!.revision;
const preset = (revision: number | undefined, directions: boolean) => ({
  source: { kind: 'preset', preset: 'tiny', seed: 0, ...(revision === undefined ? {} : { revision }) },
  ...(directions ? { directions: { fs3: { path: 'fs3.npy' } } } : {}),
});

describe('ensureTinySet (npm start)', () => {
  it('builds a missing set', async () => {
    const r = recorder();
    expect(await ensureTinySet(join(tmp, 'missing'), r.deps)).toBe('built');
    expect(r.calls.filter((c) => !c.startsWith('log'))).toEqual(['build ']);
  });

  it('leaves a complete set of the current revision alone', async () => {
    const r = recorder();
    expect(await ensureTinySet(await folder('current', preset(current, true)), r.deps)).toBe('ready');
    expect(r.calls).toEqual([]);
  });

  it('finishes a set whose directions were interrupted', async () => {
    const r = recorder();
    expect(await ensureTinySet(await folder('partial', preset(current, false)), r.deps)).toBe('finished');
    expect(r.calls.filter((c) => !c.startsWith('log'))).toEqual(['finish']);
  });

  it('rebuilds, from an empty folder, a set built by an older preset revision (or before revisions)', async () => {
    for (const [name, revision] of [['old', current - 1], ['unversioned', undefined]] as const) {
      const dir = await folder(name, preset(revision, true));
      expect((await readTinyState(dir)).kind).toBe('preset');
      const r = recorder();
      expect(await ensureTinySet(dir, r.deps)).toBe('rebuilt');
      expect(r.calls[0]).toMatch(new RegExp(`built by revision ${revision ?? 1} of the tiny preset; rebuilding it with revision ${current}`));
      expect(r.calls[1]).toBe('build ');
    }
  });

  it('never touches a set it did not build', async () => {
    const r = recorder();
    const dir = await folder('imported', { source: { kind: 'import', files: [], notes: [] } });
    expect(await ensureTinySet(dir, r.deps)).toBe('ready');
    expect(r.calls).toEqual([]);
    expect(await readdir(dir)).toContain('old-weights.onnx');
  });
});
