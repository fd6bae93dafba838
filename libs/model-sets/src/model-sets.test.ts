import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPath, fixturePath } from '@styleclip/testing';
import { loadTensors, writeSafetensors } from '@styleclip/checkpoints';
import { importModelSet } from './import';
import { loadModelSet } from './load';
import { validateManifest } from './manifest';
import { buildPreset } from './presets';

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
