import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomStyleGAN2Weights } from '@styleclip/architectures';
import { readNpy, toFloat32, writeNpy, writeSafetensors } from '@styleclip/checkpoints';
import { loadModelSet } from '@styleclip/model-sets';
import { fixturePath, hasNaN, relativeL2, repoRoot, seededRandom } from '@styleclip/testing';
import { runCli } from './program';
import { runCliCaptured as cli } from './run-captured';

let tmp: string;
/** One tiny set with its directions, shared by the tests that need a working product. */
let tiny: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cli-'));
  tiny = join(tmp, 'tiny');
  const r = await runCli(['models', 'build', '--preset', 'tiny', '--out', tiny]);
  if (r !== 0) throw new Error('building the tiny set failed');
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Runs the CLI in-process, capturing stdout and stderr. */

async function npy(file: string) {
  return toFloat32(await readNpy(file));
}

describe.each(['generator.pt', 'generator_legacy.pt'])('parity through the CLI (%s)', (ckpt) => {
  const set = () => join(tmp, ckpt.replace('.pt', ''));
  const run = async (component: string, input: string, extra: string[] = []) => {
    const output = join(tmp, `${ckpt}-${component}-${extra.join('')}.npy`);
    const r = await cli('run', component, '--models', set(), '--input', input, '--output', output, ...extra);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    return npy(output);
  };
  const expectClose = async (actual: Float32Array, expectedFile: string) => {
    expect(hasNaN(actual)).toBe(false);
    expect(relativeL2(actual, await npy(fixturePath(expectedFile)))).toBeLessThan(1e-4);
  };

  it('imports the checkpoint and the mapper', async () => {
    const r = await cli(
      'models',
      'import',
      '--generator',
      fixturePath(ckpt),
      '--mapper',
      `fixture=${fixturePath('mapper.pt')}`,
      '--out',
      set(),
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/generator 32px, style dim 64, 2 mapping layers/);
  });

  it('mapping, with and without truncation', async () => {
    await expectClose(await run('mapping', fixturePath('gen_z.npy')), 'gen_w.npy');
    // Truncated image: z → w (ψ 0.7) → W+ → generator.
    const w = await run('mapping', fixturePath('gen_z.npy'), ['--truncation', '0.7']);
    const wplus = new Float32Array(3 * 8 * 64);
    for (let b = 0; b < 3; b++)
      for (let l = 0; l < 8; l++) wplus.set(w.subarray(b * 64, (b + 1) * 64), (b * 8 + l) * 64);
    const file = join(tmp, `${ckpt}-wplus-trunc.npy`);
    await writeNpy(file, { dtype: 'float32', shape: [3, 8, 64], data: wplus });
    await expectClose(await run('generator', file), 'gen_image_truncated_0.7.npy');
  });

  it('styles, synthesis, generator and mapper', async () => {
    await expectClose(await run('styles', fixturePath('gen_wplus.npy')), 'gen_s_from_wplus.npy');
    await expectClose(await run('synthesis', fixturePath('gen_s_edited.npy')), 'gen_image_from_s_edited.npy');
    await expectClose(await run('generator', fixturePath('gen_wplus.npy')), 'gen_image_from_wplus.npy');
    await expectClose(
      await run('mapper', fixturePath('mapper_in_wplus.npy'), ['--mapper', 'fixture']),
      'mapper_out_delta.npy',
    );
  });
});

describe('other sizes and channel tables (config read from the weights)', () => {
  it('imports a 16 px generator with style dim 48, 3 mapping layers and its own channel table, and runs every component', async () => {
    const config = {
      size: 16,
      styleDim: 48,
      nMlp: 3,
      channels: { 4: 24, 8: 20, 16: 12 },
      blurKernel: [1, 3, 3, 1],
      lrMul: 0.01,
    };
    const weights = randomStyleGAN2Weights(config, 3);
    const file = join(tmp, 'odd-generator.safetensors');
    const entries = new Map(
      [...weights].map(([k, w]) => [
        `g_ema.${k}`,
        { dtype: 'float32' as const, shape: [...w.shape], data: w.data },
      ]),
    );
    entries.set('latent_avg', { dtype: 'float32', shape: [48], data: new Float32Array(48).fill(0.1) });
    await writeSafetensors(file, entries);
    const set = join(tmp, 'odd');
    const imp = await cli('models', 'import', '--generator', file, '--out', set);
    expect(imp.out).toMatch(/generator 16px, style dim 48, 3 mapping layers/);
    const z = join(tmp, 'odd-z.npy');
    await writeNpy(z, { dtype: 'float32', shape: [2, 48], data: seededRandom(1).fillNormal(96) });
    const run = async (component: string, input: string) => {
      const output = join(tmp, `odd-${component}.npy`);
      const r = await cli('run', component, '--models', set, '--input', input, '--output', output);
      expect(r.code, r.err).toBe(0);
      return { output, data: await npy(output) };
    };
    const w = await run('mapping', z);
    expect(w.data.length).toBe(96);
    // W+ [2, 6, 48] from w; S width 24+24+24+20+20+20+12+12 = 156 (conv1, toRGB, then conv0/conv1/toRGB per block).
    const wplus = join(tmp, 'odd-wplus.npy');
    const wp = new Float32Array(2 * 6 * 48);
    for (let b = 0; b < 2; b++)
      for (let l = 0; l < 6; l++) wp.set(w.data.subarray(b * 48, (b + 1) * 48), (b * 6 + l) * 48);
    await writeNpy(wplus, { dtype: 'float32', shape: [2, 6, 48], data: wp });
    const s = await run('styles', wplus);
    expect(s.data.length).toBe(2 * 156);
    const viaS = await run('synthesis', s.output);
    const direct = await run('generator', wplus);
    expect(viaS.data.length).toBe(2 * 3 * 16 * 16);
    expect(relativeL2(viaS.data, direct.data)).toBeLessThan(1e-6);
  });
});

describe.each(['clip_state.pt', 'clip_jit.pt'])('CLIP parity through the CLI (%s)', (ckpt) => {
  it('imports the CLIP weights and reproduces image and text embeddings', async () => {
    const set = join(tmp, ckpt.replace('.pt', ''));
    const imp = await cli(
      'models',
      'import',
      '--generator',
      fixturePath('generator.pt'),
      '--clip',
      fixturePath(ckpt),
      '--clip-text-heads',
      '2',
      '--out',
      set,
    );
    expect(imp.code).toBe(0);
    expect(imp.out).toMatch(/clip: (openai-state-dict|torchscript):/);
    for (const [component, input, expected] of [
      ['clip-image', 'clip_images.npy', 'clip_image_embeddings.npy'],
      ['clip-text', 'clip_text_ids.npy', 'clip_text_embeddings.npy'],
    ] as const) {
      const output = join(tmp, `${ckpt}-${component}.npy`);
      const r = await cli(
        'run',
        component,
        '--models',
        set,
        '--input',
        fixturePath(input),
        '--output',
        output,
      );
      expect(r.err).toBe('');
      const got = await npy(output);
      expect(hasNaN(got)).toBe(false);
      expect(relativeL2(got, await npy(fixturePath(expected)))).toBeLessThan(1e-4);
    }
  });
});

describe('text commands', () => {
  it('tokenizes like the official tokenizer', async () => {
    const r = await cli('tokenize', '--no-pad', 'A photo of a TIGER.');
    expect(JSON.parse(r.out)).toEqual({
      text: 'A photo of a TIGER.',
      ids: [49406, 320, 1125, 539, 320, 6531, 269, 49407],
      truncated: false,
    });
  });

  it('computes a text direction with the tiny CLIP and writes a unit Δt', async () => {
    const set = tiny;
    const output = join(tmp, 'dt.npy');
    const r = await cli(
      'text-direction',
      '--models',
      set,
      '--neutral',
      'face',
      '--target',
      'face with blue eyes',
      '--output',
      output,
    );
    expect(r.out).toMatch(/norm before normalization: \d\.\d{6}/);
    const dt = await npy(output);
    expect(dt.length).toBe(32);
    expect(Math.hypot(...dt)).toBeCloseTo(1, 5);
    const same = await cli('text-direction', '--models', set, '--neutral', 'face', '--target', 'face');
    expect(same.code).toBe(1);
    expect(same.err).toMatch(/error: .*(same|identical|equal)/i);
  });
});

describe('CLI behaviour', () => {
  it('inspects the tiny preset and generates PNGs with latents', async () => {
    const set = tiny;
    const inspect = await cli('models', 'inspect', set);
    expect(inspect.out).toMatch(/match their sha256/);
    const out = join(tmp, 'faces');
    const r = await cli('generate', '--models', set, '--seeds', '1-3', '--truncation', '0.7', '--out', out);
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'seed0001.png',
      'seed0001.wplus.npy',
      'seed0002.png',
      'seed0002.wplus.npy',
      'seed0003.png',
      'seed0003.wplus.npy',
    ]);
  });

  it('renders reduced-size drafts with --preview-size (generate, edit global, edit mapper)', async () => {
    // A PNG's width is the big-endian uint32 at byte 16 (IHDR).
    const widthOf = async (file: string) => (await readFile(file)).readUInt32BE(16);
    const out = join(tmp, 'drafts');
    const g = await cli('generate', '--models', tiny, '--seeds', '2', '--preview-size', '16', '--out', out);
    expect(g.code).toBe(0);
    expect(g.err + g.out).toMatch(/preview size 16 px/);
    expect(await widthOf(join(out, 'seed0002.png'))).toBe(16);
    const full = join(tmp, 'drafts-full');
    await cli('generate', '--models', tiny, '--seeds', '2', '--out', full);
    expect(await widthOf(join(full, 'seed0002.png'))).toBe(64);
    const e = await cli(
      ...[
        'edit',
        'global',
        '--models',
        tiny,
        '--seed',
        '2',
        '--neutral',
        'a face',
        '--target',
        'an old face',
      ],
      ...['--alpha', '1,2', '--preview-size', 'auto', '--out', join(tmp, 'drafts-global')],
    );
    expect(e.code).toBe(0);
    const auto = await widthOf(join(tmp, 'drafts-global', 'alpha_+1.00.png'));
    expect(auto).toBeLessThan(64);
    expect(e.out).toContain(`preview size ${auto} px`);
    const m = await cli(
      ...['edit', 'mapper', '--models', tiny, '--seed', '2', '--mapper', 'demo', '--preview-size', '32'],
      ...['--out', join(tmp, 'drafts-mapper')],
    );
    expect(m.code).toBe(0);
    expect(await widthOf(join(tmp, 'drafts-mapper', 'edited.png'))).toBe(32);
    for (const bad of ['12', '128', 'big']) {
      const r = await cli('generate', '--models', tiny, '--seeds', '2', '--preview-size', bad, '--out', out);
      expect(r.code, bad).toBe(1);
      expect(r.err).toMatch(/--preview-size: resolution must be a power of two from 4 to 64/);
    }
  }, 60_000);

  it('edits with global directions: a PNG per α, a strip, the channel count', async () => {
    const out = join(tmp, 'edit-global');
    const r = await cli(
      'edit',
      'global',
      '--models',
      tiny,
      '--seed',
      '2',
      '--neutral',
      'face',
      '--target',
      'face with blue eyes',
      '--alpha',
      '-3,0,3',
      '--beta',
      'auto',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/channels manipulated: \d+ \(β = 0\.\d+\)/);
    expect((await readdir(out)).sort()).toEqual([
      'alpha_+0.00.png',
      'alpha_+3.00.png',
      'alpha_-3.00.png',
      'edited_s.npy',
      'strip.png',
    ]);
    const tooHigh = await cli(
      'edit',
      'global',
      '--models',
      tiny,
      '--seed',
      '2',
      '--neutral',
      'face',
      '--target',
      'face with blue eyes',
      '--beta',
      '0.99',
      '--out',
      out,
    );
    expect(tooHigh.err).toMatch(/no channel passes β = 0.99: the largest channel relevance \|r\| is/);
  });

  it('edits with a mapper from a saved latent, and explains a direction', async () => {
    const out = join(tmp, 'edit-mapper');
    const r = await cli(
      'edit',
      'mapper',
      '--models',
      tiny,
      '--latent',
      join(tmp, 'faces', 'seed0001.wplus.npy'),
      '--mapper',
      'demo',
      '--strength',
      '2',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['before_after.png', 'edited.png', 'edited_wplus.npy']);
    const ds = join(tmp, 'ds.npy');
    const e = await cli(
      'directions',
      'explain',
      '--models',
      tiny,
      '--neutral',
      'face',
      '--target',
      'smiling face',
      '--beta',
      '0.1',
      '--top',
      '3',
      '--output-ds',
      ds,
    );
    expect(e.out).toMatch(/channels: \d+ \(β = 0.1, largest \|r\| = 0\.\d{4}\)/);
    expect((await npy(ds)).length).toBe(368);
  });

  it('evaluates how edits follow their text, from a prompts file', async () => {
    const prompts = join(tmp, 'prompts.txt');
    await writeFile(prompts, '# pairs\nface | smiling face\n\nface | old face\n');
    const json = join(tmp, 'evaluation.json');
    const r = await cli(
      'directions',
      'evaluate',
      '--models',
      tiny,
      '--seeds',
      '1-2',
      '--prompts',
      prompts,
      '--alpha',
      '1,2',
      '--beta',
      'auto',
      '--json',
      json,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^4 edits per α \(2 seeds × 2 prompts, β auto, ψ 0\.7\)/);
    expect(r.out).toMatch(/\n {2}1\.00 +-?0\.\d{4} +-?0\.\d{4} +\d\.\d{4}\n {2}2\.00 /);
    const saved = JSON.parse(await readFile(json, 'utf8')) as {
      pairs: number;
      prompts: { target: string }[];
    };
    expect(saved.pairs).toBe(4);
    expect(saved.prompts.map((p) => p.target)).toEqual(['smiling face', 'old face']);
    await writeFile(prompts, 'face smiling face\n');
    const bad = await cli('directions', 'evaluate', '--models', tiny, '--prompts', prompts);
    expect(bad.err).toMatch(/prompts.txt:1: expected "neutral \| target", got "face smiling face"/);
    const zero = await cli('directions', 'evaluate', '--models', tiny, '--alpha', '0,1');
    expect(zero.err).toMatch(/every strength must be > 0/);
  });

  it("evaluates with another table beside: its agreement with the set's on the same prompts", async () => {
    const set = await loadModelSet(tiny);
    const own = await readNpy(set.path(set.manifest.directions!.fs3!));
    const same = join(tmp, 'fs3-evaluate-same.npy');
    await writeNpy(same, { dtype: 'float32', shape: own.shape, data: toFloat32(own) });
    const prompts = join(tmp, 'prompts-other.txt');
    await writeFile(prompts, 'face | smiling face\nface | old face\n');
    const json = join(tmp, 'evaluation-other.json');
    const args = ['directions', 'evaluate', '--models', tiny, '--seeds', '1', '--alpha', '1'];
    const r = await cli(...args, '--prompts', prompts, '--other', same, '--json', json);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2 edits per α/);
    expect(r.out).toContain(`agreement of ${same} with the set's table\n240 rows\n`);
    expect(r.out).toMatch(/identical kept channels: 6 of 6 prompt × β/);
    const saved = JSON.parse(await readFile(json, 'utf8')) as {
      pairs: number;
      agreement: { identicalKept: { identical: number; of: number } };
    };
    expect(saved.pairs).toBe(2);
    expect(saved.agreement.identicalKept).toEqual({ identical: 6, of: 6 });
    const missing = await cli(...args, '--other', join(tmp, 'no-such.npy'));
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/cannot read \S*no-such\.npy/);
  }, 60_000);

  it("compares another fs3 table with the set's own, per layer and per prompt", async () => {
    const set = await loadModelSet(tiny);
    const own = await readNpy(set.path(set.manifest.directions!.fs3!));
    const rows = toFloat32(own);
    const same = join(tmp, 'fs3-same.npy');
    await writeNpy(same, { dtype: 'float32', shape: own.shape, data: rows });
    const r = await cli('directions', 'compare', '--models', tiny, '--other', same);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^240 rows\n/);
    expect(r.out).toMatch(/conv1_resolution_4 +32 +1\.0000 +1\.0000 +1\.0000\n/);
    expect(r.out).toMatch(/identical kept channels: 18 of 18 prompt × β/);
    // The first layer's rows swapped for the next layer's: that layer no longer agrees.
    const width = own.shape[1]!;
    const changed = join(tmp, 'fs3-changed.npy');
    await writeNpy(changed, {
      dtype: 'float32',
      shape: own.shape,
      data: rows.slice().copyWithin(0, 32 * width, 64 * width),
    });
    const c = await cli('directions', 'compare', '--models', tiny, '--other', changed);
    expect(c.out).not.toMatch(/conv1_resolution_4 +32 +1\.0000/);
    expect(c.out).toMatch(/conv0_resolution_8 +32 +1\.0000 +1\.0000 +1\.0000\n/);
    const wrong = join(tmp, 'fs3-wrong.npy');
    await writeNpy(wrong, { dtype: 'float32', shape: [3, width], data: rows.slice(0, 3 * width) });
    expect((await cli('directions', 'compare', '--models', tiny, '--other', wrong)).err).toMatch(
      /the other table is \[3,\d+\]; the set's table is \[240,\d+\]/,
    );
  }, 60_000);

  it('inspects a checkpoint: keys, shapes, dtypes and the inferred config', async () => {
    const r = await cli('models', 'inspect', fixturePath('generator_legacy.pt'));
    expect(r.out).toMatch(/torch-legacy/);
    expect(r.out).toMatch(/g_ema\.style\.1\.weight {2}float32\[64,64\]/);
    expect(r.out).toMatch(/"size":32,"styleDim":64,"nMlp":2/);
    const clip = await cli('models', 'inspect', fixturePath('clip_jit.pt'));
    expect(clip.out).toMatch(/torchscript, 62 tensors/);
    expect(clip.out).toMatch(/CLIP weights \(config not inferred: .*pass transformerHeads explicitly\)/);
  });

  it('fails with a clear message and exit code 1 on bad input', async () => {
    const bad = await cli(
      'run',
      'styles',
      '--models',
      tiny,
      '--input',
      fixturePath('gen_z.npy'),
      '--output',
      join(tmp, 'x.npy'),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/error: styles input W\+: expected shape \[N,10,64\], got \[3,64\]/);
    const unknown = await cli('run', 'teleport', '--models', 'x', '--input', 'y', '--output', 'z');
    expect(unknown.err).toMatch(/unknown component "teleport"/);
    const noSet = await cli('generate', '--models', join(tmp, 'nope'), '--seeds', '1', '--out', tmp);
    expect(noSet.err).toMatch(/is not a model set/);
    const seeds = await cli('generate', '--models', tiny, '--seeds', 'a,b', '--out', tmp);
    expect(seeds.err).toMatch(/bad seed "a"/);
    const wrong = await cli(
      'models',
      'import',
      '--generator',
      fixturePath('clip_state.pt'),
      '--out',
      join(tmp, 'w'),
    );
    expect(wrong.err).toMatch(/clip_state.pt: not a StyleGAN2 generator checkpoint/);
  });

  it('runs as `npm run -s styleclip` with --help and a non-zero exit on errors', async () => {
    const exec = promisify(execFile);
    const help = await exec('npm', ['run', '-s', 'styleclip', '--', 'run', '--help'], { cwd: repoRoot() });
    expect(help.stdout).toMatch(/Usage: styleclip run \[options\] <component>/);
    const failed = await exec('npm', ['run', '-s', 'styleclip', '--', 'models', 'inspect', '/nonexistent'], {
      cwd: repoRoot(),
    }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/error: \/nonexistent: no such file or folder/);
  }, 30000);
});
