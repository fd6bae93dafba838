// `styleclip mapper train` against the official Coach runs (parity-v2/mapper-training), the export and
// install path on the tiny preset, and resume after SIGKILL. Tolerances: the fixtures' README-training.md.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNpy, toFloat32 } from '@styleclip/checkpoints';
import { loadModelSet, readMapperCheckpoint } from '@styleclip/model-sets';
import { fixturePath, relativeL2, repoRoot, sharedDir } from '@styleclip/testing';
import { CHECKPOINT_FILE } from '../checkpoint-file';
import { runCliCaptured as cli } from '../run-captured';

const training = (...p: string[]) => join(sharedDir(), 'fixtures', 'parity-v2', 'mapper-training', ...p);
const optimization = (...p: string[]) => join(sharedDir(), 'fixtures', 'parity-v2', 'optimization', ...p);

let tmp: string;
let set: string;
let tiny: string;
let graphs: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cli-mapper-'));
  set = join(tmp, 'fixture-set');
  tiny = join(tmp, 'tiny');
  graphs = join(tmp, 'graphs');
  const imported = await cli(
    'models',
    'import',
    '--generator',
    fixturePath('generator.pt'),
    '--clip',
    optimization('clip_state.pt'),
    '--clip-text-heads',
    '2',
    '--arcface',
    optimization('arcface.pth'),
    '--out',
    set,
  );
  if (imported.code !== 0) throw new Error(`import failed: ${imported.err}`);
  const built = await cli('models', 'build', '--preset', 'tiny', '--no-directions', '--out', tiny);
  if (built.code !== 0) throw new Error(`tiny failed: ${built.err}`);
}, 180_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const npy = async (path: string) => {
  const t = await readNpy(path);
  return { shape: t.shape, data: toFloat32(t) };
};
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

interface ParamOrder {
  name: string;
  shape: number[];
  offset: number;
}

describe('styleclip mapper train: parity with the official Coach', () => {
  for (const [name, elementwise] of [
    ['ranger', 1e-5],
    ['adam', 1e-3],
  ] as const) {
    it(`${name}: step-0 gradient per group, every step's losses, final parameters; mapper_final.pt reads back`, async () => {
      const out = join(tmp, name);
      const r = await cli(
        'mapper',
        'train',
        '--models',
        set,
        '--text',
        'mohawk hairstyle',
        '--init',
        training(name, 'mapper_init.pt'),
        '--latents',
        training(name, 'w_batches.npy'),
        '--optim',
        name,
        '--graph-cache',
        graphs,
        '--out',
        out,
      );
      expect(r.err).not.toMatch(/error/);
      expect(r.code).toBe(0);
      const meta = JSON.parse(await readFile(training('meta.json'), 'utf8')) as {
        cases: Record<string, { param_order: ParamOrder[]; steps: number }>;
      };
      const order = meta.cases[name]!.param_order;
      const steps = meta.cases[name]!.steps;

      const grad0 = await npy(join(out, 'grad0.npy'));
      const expectedGrad0 = await npy(training(name, 'grad0_flat.npy'));
      expect(grad0.data.length).toBe(expectedGrad0.data.length);
      for (const group of ['course_mapping', 'medium_mapping', 'fine_mapping']) {
        const ps = order.filter((p) => p.name.startsWith(group));
        const from = ps[0]!.offset;
        const to = ps[ps.length - 1]!.offset + ps[ps.length - 1]!.shape.reduce((a, d) => a * d, 1);
        const mine = grad0.data.subarray(from, to);
        const theirs = expectedGrad0.data.subarray(from, to);
        // The fine group reads W+ rows 8… which this 8-row generator does not have: exactly zero.
        if (group === 'fine_mapping')
          expect(mine.every((v) => v === 0) && theirs.every((v) => v === 0)).toBe(true);
        else expect(relativeL2(mine, theirs), group).toBeLessThan(1e-4);
      }

      const losses = JSON.parse(await readFile(join(out, 'losses.json'), 'utf8')) as {
        clip: number;
        l2: number;
        id: number;
        total: number;
      }[];
      expect(losses).toHaveLength(steps);
      const ref = async (f: string) => (await npy(training(name, f))).data;
      const [clip, l2, id, total] = await Promise.all(
        ['loss_clip.npy', 'loss_l2_latent.npy', 'loss_id.npy', 'loss.npy'].map(ref),
      );
      losses.forEach((l, i) => {
        expect(relErr(l.clip, clip![i]!), `clip ${i}`).toBeLessThan(1e-5);
        expect(relErr(l.l2, l2![i]!), `l2 ${i}`).toBeLessThan(1e-5);
        expect(relErr(l.id, id![i]!), `id ${i}`).toBeLessThan(1e-4);
        expect(relErr(l.total, total![i]!), `total ${i}`).toBeLessThan(1e-5);
      });

      const final = (await npy(join(out, 'params_final.npy'))).data;
      const expected = (await npy(training(name, 'mapper_final_flat.npy'))).data;
      const start = (await npy(training(name, 'params_flat.npy'))).data.subarray(0, expected.length);
      expect(
        relativeL2(
          final.map((v, k) => v - start[k]!),
          expected.map((v, k) => v - start[k]!),
        ),
      ).toBeLessThan(1e-4);
      let worst = 0;
      for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(final[k]! - expected[k]!));
      expect(worst).toBeLessThan(elementwise);

      // The exported official layout reads back through our own importer as exactly these parameters.
      const back = await readMapperCheckpoint(join(out, 'mapper_final.pt'));
      expect([...back.keys()]).toEqual(order.map((p) => p.name));
      for (const p of order)
        expect(Array.from(back.get(p.name)!.data), p.name).toEqual(
          Array.from(final.subarray(p.offset, p.offset + back.get(p.name)!.data.length)),
        );
      expect((await readdir(join(out, 'eval'))).some((f) => f.endsWith('.png'))).toBe(true);
    }, 240_000);
  }
});

describe('styleclip mapper train: the product path on tiny', () => {
  it('trains from seeds, installs into the model set, and edit mapper uses it', async () => {
    const out = join(tmp, 'tiny-train');
    const r = await cli(
      'mapper',
      'train',
      '--models',
      tiny,
      '--text',
      'mohawk hairstyle',
      '--seeds',
      '0-23',
      '--steps',
      '6',
      '--no-fine',
      '--eval-every',
      '3',
      '--install',
      'mohawk',
      '--graph-cache',
      graphs,
      '--out',
      out,
    );
    expect(r.err).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect((await readdir(join(out, 'eval'))).sort()).toEqual([
      'step_000003.json',
      'step_000003.png',
      'step_000006.json',
      'step_000006.png',
    ]);
    const manifest = (await loadModelSet(tiny, { verify: true })).manifest;
    expect(manifest.mappers['mohawk']?.config).toMatchObject({
      dim: 64,
      groups: { coarse: true, medium: true, fine: false },
    });
    const exported = await readMapperCheckpoint(join(out, 'mapper_final.pt'));
    expect([...exported.keys()].some((k) => k.startsWith('fine_mapping'))).toBe(false);
    const flat = (await npy(join(out, 'params_final.npy'))).data;
    expect(Array.from([...exported.values()].flatMap((w) => Array.from(w.data)))).toEqual(Array.from(flat));
    const edit = await cli(
      'edit',
      'mapper',
      '--models',
      tiny,
      '--seed',
      '5',
      '--mapper',
      'mohawk',
      '--out',
      join(tmp, 'tiny-edit'),
    );
    expect(edit.code).toBe(0);
    expect((await stat(join(tmp, 'tiny-edit', 'edited.png'))).size).toBeGreaterThan(100);
    const again = await cli(
      'mapper',
      'train',
      '--models',
      tiny,
      '--text',
      'x',
      '--seeds',
      '0-23',
      '--steps',
      '1',
      '--install',
      'mohawk',
      '--graph-cache',
      graphs,
      '--out',
      join(tmp, 'again'),
    );
    expect(again.err).toMatch(/already has a mapper "mohawk"/);
  }, 240_000);

  it('refuses bad input clearly', async () => {
    const both = await cli(
      'mapper',
      'train',
      '--models',
      tiny,
      '--text',
      'x',
      '--seeds',
      '0-3',
      '--latents',
      'w.npy',
      '--out',
      join(tmp, 'bad'),
    );
    expect(both.err).toMatch(/exactly one of --latents W.npy or --seeds/);
    const none = await cli(
      'mapper',
      'train',
      '--models',
      tiny,
      '--text',
      'x',
      '--seeds',
      '0-3',
      '--steps',
      '1',
      '--no-coarse',
      '--no-medium',
      '--no-fine',
      '--out',
      join(tmp, 'bad'),
    );
    expect(none.err).toMatch(/every mapper group is disabled/);
    const few = await cli(
      'mapper',
      'train',
      '--models',
      tiny,
      '--text',
      'x',
      '--seeds',
      '0-1',
      '--batch',
      '4',
      '--steps',
      '1',
      '--out',
      join(tmp, 'bad'),
    );
    expect(few.err).toMatch(/fewer than one batch of 4/);
    const wrongInit = await cli(
      'mapper',
      'train',
      '--models',
      tiny,
      '--text',
      'x',
      '--seeds',
      '0-9',
      '--init',
      training('ranger', 'mapper_init.pt'),
      '--no-fine',
      '--steps',
      '1',
      '--out',
      join(tmp, 'bad'),
    );
    expect(wrongInit.err).toMatch(/fine_mapping.* which the chosen groups do not/);
  }, 120_000);
});

describe('styleclip mapper train: resume', () => {
  it('killed (SIGKILL) mid-training and resumed, it ends with identical parameters', async () => {
    const common = [
      '--models',
      tiny,
      '--text',
      'a smiling face',
      '--seeds',
      '0-19',
      '--steps',
      '10',
      '--eval-every',
      '0',
      '--graph-cache',
      graphs,
    ];
    const clean = join(tmp, 'clean');
    expect((await cli('mapper', 'train', ...common, '--out', clean)).code).toBe(0);

    const killed = join(tmp, 'killed');
    const main = join(repoRoot(), 'apps', 'cli', 'src', 'main.ts');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', main, 'mapper', 'train', ...common, '--checkpoint-every', '2', '--out', killed],
      { cwd: repoRoot(), stdio: 'ignore' },
    );
    const checkpoint = join(killed, CHECKPOINT_FILE);
    const deadline = Date.now() + 120_000;
    while (!(await stat(checkpoint).catch(() => undefined))) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error('the training never wrote a checkpoint');
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await expect(stat(join(killed, 'params_final.npy'))).rejects.toThrow();

    const resumed = await cli(
      'mapper',
      'train',
      ...common,
      '--checkpoint-every',
      '2',
      '--resume',
      '--out',
      killed,
    );
    expect(resumed.code).toBe(0);
    const step = Number(/resuming after step (\d+) of 10/.exec(resumed.err)?.[1]);
    expect(step).toBeGreaterThanOrEqual(2);
    expect(step).toBeLessThan(10);
    for (const f of ['params_final.npy', 'grad0.npy']) {
      expect(Array.from((await npy(join(killed, f))).data), f).toEqual(
        Array.from((await npy(join(clean, f))).data),
      );
    }
    expect(await readFile(join(killed, 'losses.json'), 'utf8')).toBe(
      await readFile(join(clean, 'losses.json'), 'utf8'),
    );
    const otherData = await cli(
      'mapper',
      'train',
      ...common.map((a) => (a === '0-19' ? '0-20' : a)),
      '--resume',
      '--out',
      killed,
    );
    expect(otherData.err).toMatch(/other training latents/);
  }, 300_000);
});
