import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath, sharedDir } from '@styleclip/testing';
import { importModelSet } from './import';
import { allFiles, loadModelSet } from './load';
import { validateManifest } from './manifest';
import { buildPreset, PRESETS } from './presets';

const v2 = (file: string) => join(sharedDir(), 'fixtures', 'parity-v2', file);
const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(join(tmpdir(), 'face-nets-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('ArcFace in model sets', () => {
  it('the tiny preset has a random ArcFace and an ID-loss model at the generator size', async () => {
    const dir = await tmp();
    const m = await buildPreset('tiny', dir);
    expect(m.source).toMatchObject({ kind: 'preset', revision: PRESETS['tiny']!.revision });
    expect(m.arcface).toMatchObject({ idLossSize: 64, origin: 'random', config: PRESETS['tiny']!.arcface });
    expect(m.encoder).toMatchObject({
      kind: 'e4e',
      origin: 'random',
      config: { styleCount: 10, styleDim: 64, inputSize: 256 },
    });
    const set = await loadModelSet(dir, { verify: true });
    expect(allFiles(set.manifest).map((f) => f.path)).toEqual(
      expect.arrayContaining(['arcface.onnx', 'id-loss.onnx']),
    );
  });

  it('generator-only presets (clip: false) leave ArcFace and the encoder out too', async () => {
    const m = await buildPreset('tiny', await tmp(), { clip: false });
    expect(m.arcface).toBeUndefined();
    expect(m.encoder).toBeUndefined();
  });

  it('imports an ArcFace checkpoint with the generator, recording the file and notes', async () => {
    const m = await importModelSet(await tmp(), {
      generator: fixturePath('generator.pt'),
      arcface: v2('arcface/arcface_legacy.pth'),
    });
    expect(m.arcface?.config.embedding).toBe(40);
    expect(m.arcface?.origin).toBe('arcface:arcface_legacy.pth');
    if (m.source.kind !== 'import') throw new Error('expected an import');
    expect(m.source.files.map((f) => f.role)).toEqual(['generator', 'arcface']);
    expect(m.source.notes.join('\n')).toMatch(/arcface: ArcFace read from a torch-legacy checkpoint/);
    // The manifest entry is validated.
    const bad = JSON.parse(JSON.stringify(m));
    bad.arcface.config.body.stages[0].depth = 'wide';
    expect(() => validateManifest(bad)).toThrow(/manifest\.arcface\.config\.body\.stages\[0\]\.depth/);
  });

  it('refuses a generator file given as ArcFace', async () => {
    await expect(
      importModelSet(await tmp(), {
        generator: fixturePath('generator.pt'),
        arcface: fixturePath('generator.pt'),
      }),
    ).rejects.toThrow(/generator\.pt: not an ArcFace IR-SE checkpoint/);
  });
});

describe('e4e in model sets', () => {
  it('imports decoder and encoder from one e4e checkpoint, recording the latent_avg handling', async () => {
    const file = v2('e4e/e4e.pt');
    const m = await importModelSet(await tmp(), { generator: file, encoder: file });
    expect(m.generator.config).toMatchObject({ size: 32, styleDim: 64 });
    expect(m.encoder).toMatchObject({
      kind: 'e4e',
      origin: 'e4e:e4e.pt',
      config: { fpnWidth: 40, styleDim: 64, styleCount: 8 },
    });
    if (m.source.kind !== 'import') throw new Error('expected an import');
    expect(m.source.files.map((f) => f.role)).toEqual(['generator', 'encoder']);
    expect(m.source.notes.join('\n')).toMatch(/encoder: e4e encoder read from a torch-zip checkpoint/);
    const bad = JSON.parse(JSON.stringify(m));
    bad.encoder.kind = 'psp';
    expect(() => validateManifest(bad)).toThrow(/manifest\.encoder\.kind/);
  });

  it('refuses an ArcFace file given as the encoder', async () => {
    await expect(
      importModelSet(await tmp(), {
        generator: fixturePath('generator.pt'),
        encoder: v2('arcface/arcface.pth'),
      }),
    ).rejects.toThrow(/arcface\.pth: not an e4e checkpoint/);
  });
});
