import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPath, fixturePath } from '@styleclip/testing';
import { loadTensors, writeSafetensors } from '@styleclip/checkpoints';
import { importModelSet } from './import';
import { loadModelSet } from './load';
import { validateManifest } from './manifest';
import { buildPreset, PRESETS } from './presets';
import { defaultConvPlan, uniformConvPlan } from '@styleclip/architectures';

const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(join(tmpdir(), 'model-set-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('presets', () => {
  it('builds the tiny set with a valid manifest, hashes and a mapper', async () => {
    const dir = await tmp();
    const steps: string[] = [];
    const m = await buildPreset('tiny', dir, { onProgress: (e) => steps.push(e.step) });
    expect(m.generator.config.size).toBe(64);
    expect(m.generator.sLayout).toHaveLength(14);
    expect(Object.keys(m.mappers)).toEqual(['demo']);
    expect(steps).toContain('synthesis.onnx');
    const set = await loadModelSet(dir, { verify: true });
    expect(set.manifest.id).toBe('tiny');
    // A modified file is detected.
    await writeFile(join(dir, 'latent_avg.npy'), 'tampered');
    await expect(loadModelSet(dir, { verify: true })).rejects.toThrow(
      /latent_avg.npy does not match its sha256/,
    );
  });

  it('refuses an unknown preset', async () => {
    await expect(buildPreset('huge', await tmp())).rejects.toThrow(
      /unknown preset "huge"; choose one of tiny, ffhq1024-random/,
    );
  });
});

describe('import', () => {
  it('imports generator.pt and mapper.pt with the config read from the weights', async () => {
    const dir = await tmp();
    const m = await importModelSet(dir, {
      generator: fixturePath('generator.pt'),
      mappers: { fixture: fixturePath('mapper.pt') },
    });
    expect(m.generator.config).toMatchObject({
      size: 32,
      styleDim: 64,
      nMlp: 2,
      channels: { 4: 32, 8: 32, 16: 16, 32: 16 },
    });
    expect(m.mappers['fixture']!.config.groups).toEqual({ coarse: true, medium: true, fine: false });
    expect(m.source.kind === 'import' && m.source.files.map((f) => f.role)).toEqual([
      'generator',
      'mapper:fixture',
    ]);
  });

  it('reads a bare safetensors state dict, filling missing noise buffers and latent_avg', async () => {
    const tensors = await loadTensors(fixturePath('generator.pt'), { prefix: 'g_ema' });
    for (const k of [...tensors.keys()]) if (k.startsWith('noises.')) tensors.delete(k);
    const file = join(await tmp(), 'bare.safetensors');
    await writeSafetensors(file, tensors);
    const m = await importModelSet(await tmp(), { generator: file });
    const notes = m.source.kind === 'import' ? m.source.notes.join(' ') : '';
    expect(notes).toMatch(/bare state dict checkpoint \(safetensors\)/);
    expect(notes).toMatch(/no noise buffers/);
    expect(notes).toMatch(/no latent_avg .* computed/);
  });

  it('refuses wrong files with a message naming the file and what was found', async () => {
    await expect(importModelSet(await tmp(), { generator: fixturePath('clip_state.pt') })).rejects.toThrow(
      /clip_state.pt: not a StyleGAN2 generator checkpoint .*found keys like/,
    );
    await expect(importModelSet(await tmp(), { generator: dataPath('CLIP.png') })).rejects.toThrow(
      /CLIP.png/,
    );
    await expect(
      importModelSet(await tmp(), {
        generator: fixturePath('generator.pt'),
        mappers: { x: fixturePath('generator.pt') },
      }),
    ).rejects.toThrow(/generator.pt: not a StyleCLIP mapper checkpoint/);
  });
});

describe('manifest validation', () => {
  it('names the first bad field and refuses newer versions', async () => {
    const dir = await tmp();
    const m = await buildPreset('tiny', dir);
    const bad = JSON.parse(JSON.stringify(m));
    bad.generator.config.size = 'big';
    expect(() => validateManifest(bad)).toThrow(
      /manifest.generator.config.size: expected an integer, got "big"/,
    );
    bad.generator.config.size = 64;
    bad.generator.models.mapping.path = '../../etc/passwd';
    expect(() => validateManifest(bad)).toThrow(/relative path inside the model set/);
    expect(() => validateManifest({ ...m, schemaVersion: 99 })).toThrow(/newer than this software/);
    const text = await readFile(join(dir, 'manifest.json'), 'utf8');
    expect(validateManifest(JSON.parse(text))).toEqual(m);
  });
});

describe('schema 2: preview graphs and the synthesis build', () => {
  it('builds previews with hashes and records how the synthesis graphs were built', async () => {
    const dir = await tmp();
    const m = await buildPreset('tiny', dir, { clip: false });
    expect(m.schemaVersion).toBe(2);
    expect(m.generator.previews.map((p) => p.resolution)).toEqual([16]);
    const p = m.generator.previews[0]!;
    expect(p.synthesis.path).toBe('synthesis-16.onnx');
    expect(p.macFraction).toBeGreaterThan(0);
    expect(p.macFraction).toBeLessThan(0.5);
    expect(m.generator.synthesisBuild).toEqual({
      convPlan: defaultConvPlan(m.generator.config),
      fuseEpilogues: true,
    });
    await loadModelSet(dir, { verify: true });
    await writeFile(join(dir, 'synthesis-16.onnx'), 'tampered');
    await expect(loadModelSet(dir, { verify: true })).rejects.toThrow(
      /synthesis-16.onnx does not match its sha256/,
    );
  });

  it('builds the previews and the conv plan it is asked for, and refuses impossible preview sizes', async () => {
    const convPlan = uniformConvPlan(PRESETS.tiny!.generator, 'winograd-f4');
    const m = await buildPreset('tiny', await tmp(), {
      clip: false,
      build: { previews: [32, 8, 32], convPlan, fuseEpilogues: false },
    });
    expect(m.generator.previews.map((p) => [p.resolution, p.synthesis.path])).toEqual([
      [8, 'synthesis-8.onnx'],
      [32, 'synthesis-32.onnx'],
    ]);
    expect(m.generator.previews[0]!.macFraction).toBeLessThan(m.generator.previews[1]!.macFraction);
    expect(m.generator.synthesisBuild).toEqual({ convPlan, fuseEpilogues: false });
    for (const r of [64, 48, 2]) {
      await expect(
        buildPreset('tiny', await tmp(), { clip: false, build: { previews: [r] } }),
      ).rejects.toThrow(/preview resolution \d+: use a power of two from 4 to 32/);
    }
  });

  it('migrates a schema-1 manifest: every conv was direct, nothing fused, no previews', async () => {
    const dir = await tmp();
    const m = await buildPreset('tiny', dir, { clip: false });
    const v1 = JSON.parse(JSON.stringify(m));
    v1.schemaVersion = 1;
    delete v1.generator.synthesisBuild;
    delete v1.generator.previews;
    const migrated = validateManifest(v1);
    expect(migrated.schemaVersion).toBe(2);
    expect(migrated.generator.previews).toEqual([]);
    expect(migrated.generator.synthesisBuild).toEqual({
      convPlan: uniformConvPlan(m.generator.config, 'direct'),
      fuseEpilogues: false,
    });
    // A set on disk with a schema-1 manifest loads (and verifies) as schema 2.
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(v1));
    expect((await loadModelSet(dir, { verify: true })).manifest.generator.previews).toEqual([]);
  });
});
