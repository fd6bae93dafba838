// tools/gpu-check.sh on a machine without a GPU (this one, CI): the branches that refuse to run, and the
// CUDA-vs-CPU comparison it runs, on the tiny set (CPU against CPU, and CUDA refused when it falls back).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPresetSet } from '@styleclip/editing';
import { repoRoot } from '@styleclip/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = repoRoot();
const SCRIPT = join(ROOT, 'tools', 'gpu-check.sh');
const PROVIDER_LIB = join(
  ROOT,
  'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so',
);
const work = mkdtempSync(join(tmpdir(), 'gpu-check-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A PATH holding only the tools the script needs, plus an `nvidia-smi` printing `out` with `code` (or none). */
function fakePath(name: string, nvidiaSmi?: { out: string; code: number }): string {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const tool of ['dirname', 'basename', 'sed', 'node', 'npm']) {
    const found = spawnSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found) symlinkSync(found, join(dir, tool));
  }
  if (nvidiaSmi) {
    writeFileSync(join(dir, 'nvidia-smi'), `#!/bin/sh\necho '${nvidiaSmi.out}'\nexit ${nvidiaSmi.code}\n`);
    chmodSync(join(dir, 'nvidia-smi'), 0o755);
  }
  return dir;
}

const runScript = (path: string, args: string[] = []) =>
  spawnSync('/bin/bash', [SCRIPT, ...args], {
    env: { ...process.env, PATH: path },
    encoding: 'utf8',
    cwd: tmpdir(),
  });

describe('tools/gpu-check.sh without a GPU', () => {
  it('exits 2 saying no GPU is present when there is no NVIDIA driver', () => {
    const r = runScript(fakePath('no-driver'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no NVIDIA GPU present: nvidia-smi is not installed');
    expect(r.stdout).toBe('');
  });

  it('exits 2 saying no GPU is present when nvidia-smi finds none', () => {
    const r = runScript(
      fakePath('no-gpu', {
        out: 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.',
        code: 9,
      }),
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no NVIDIA GPU present: nvidia-smi found no GPU');
  });

  it.skipIf(existsSync(PROVIDER_LIB))(
    'exits 2 with the install command when the CUDA provider is missing',
    () => {
      const r = runScript(fakePath('gpu', { out: 'NVIDIA A10G, 550.54.15, 23028 MiB', code: 0 }));
      expect(r.stdout).toContain('GPU: NVIDIA A10G');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node');
    },
  );

  it('refuses unknown arguments and missing model folders', () => {
    expect(runScript(fakePath('args'), ['--bogus']).status).toBe(2);
    const r = runScript(fakePath('args'), ['--models', join(work, 'nope')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--models needs an existing model-set folder');
  });
});

describe('the CUDA-vs-CPU comparison (tools/src/gpu-check/main.ts)', () => {
  const models = join(work, 'tiny');
  beforeAll(async () => {
    await buildPresetSet('tiny', models, { directions: false });
  }, 180_000);
  const check = (provider: string) =>
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'tools/src/gpu-check/main.ts'),
        '--provider',
        provider,
        '--models',
        models,
        '--threads',
        '1',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );

  it('compares the generator and CLIP outputs of two providers (CPU against CPU: identical)', () => {
    const r = check('cpu');
    expect(r.stderr).not.toMatch(/gpu-check:/);
    expect(r.status).toBe(0);
    for (const component of [
      'mapping (z → w)',
      'generator (W+ → image)',
      'CLIP image encoder',
      'CLIP text encoder',
    ])
      expect(r.stdout).toMatch(
        new RegExp(`${component.replace(/[()+]/g, '\\$&')}\\s+\\[[\\d,]+\\]\\s+0\\.00e\\+0\\s+ok`),
      );
    expect(r.stdout).toContain('all outputs on cpu within 0.001 of the CPU provider');
  });

  it.skipIf(existsSync(PROVIDER_LIB))('fails, comparing nothing, when CUDA falls back to CPU', () => {
    const r = check('cuda');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('not compared (ran on cpu)');
    expect(r.stdout).not.toContain('all outputs');
    expect(r.stderr).toMatch(/gpu-check: 4 model\(s\) did not run on cuda \(the runner fell back to cpu\)/);
  });
});
