import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { array32 } from '@styleclip/latent-math';
import { Engine } from './engine';
import { areaDownsample } from './previews';

const dir = inject('tinySetDir');
let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(dir, { runner: { intraOpNumThreads: 2 } });
});
afterAll(async () => {
  await engine.close();
});

describe('global edits on the tiny set', () => {
  it('keeps fewer channels as β grows, and auto-β keeps more than 20', async () => {
    const counts = [];
    for (const beta of [0.05, 0.1, 0.15, 0.2, 0.25]) {
      counts.push(
        (await engine.edit.preview({ text: { neutral: 'face', target: 'face with blue eyes' }, beta })).kept,
      );
    }
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
    expect(counts[0]).toBeGreaterThan(counts.at(-1)!);
    const auto = await engine.edit.preview({
      text: { neutral: 'face', target: 'face with blue eyes' },
      beta: 'auto',
    });
    expect(auto.kept).toBeGreaterThan(20);
  });

  it('an α strip in one batch equals single edits; α = 0 is the original', async () => {
    const { wplus, images } = await engine.generate([9], 0.7);
    const strip = await engine.edit.global({
      latent: { wplus },
      text: { neutral: 'face', target: 'old face' },
      alphas: [0, 3],
      beta: 0.12,
    });
    const single = await engine.edit.global({
      latent: { wplus },
      text: { neutral: 'face', target: 'old face' },
      alphas: [3],
      beta: 0.12,
    });
    const per = images.data.length;
    let maxDiff = 0;
    for (let i = 0; i < per; i++)
      maxDiff = Math.max(maxDiff, Math.abs(strip.images.data[per + i]! - single.images.data[i]!));
    expect(maxDiff).toBeLessThan(1e-4);
    let orig = 0;
    for (let i = 0; i < per; i++) orig = Math.max(orig, Math.abs(strip.images.data[i]! - images.data[i]!));
    expect(orig).toBeLessThan(1e-4);
  });

  it('a preview resolution changes only the rendering: same edited S, images from the preview graph', async () => {
    const { wplus } = await engine.generate([9], 0.7);
    const request = {
      latent: { wplus },
      text: { neutral: 'face', target: 'old face' },
      alphas: [-2, 3],
      beta: 0.12,
    };
    const full = await engine.edit.global(request);
    const preview = await engine.edit.global({ ...request, resolution: 16 });
    expect(preview.images.shape).toEqual([2, 3, 16, 16]);
    expect(Array.from(preview.s.data)).toEqual(Array.from(full.s.data));
    expect(Array.from(preview.images.data)).toEqual(
      Array.from((await engine.components.synthesis(full.s, { resolution: 16 })).data),
    );
    await expect(engine.edit.global({ ...request, resolution: 12 })).rejects.toThrow(/power of two/);
  });

  it('says which β would work when none keeps a channel', async () => {
    await expect(
      engine.edit.preview({ text: { neutral: 'face', target: 'face with blue eyes' }, beta: 0.99 }),
    ).rejects.toThrow(/no channel passes β = 0.99: the largest channel relevance \|r\| is 0\.\d{4}/);
  });
});

describe('mapper edits', () => {
  it('applies w + strength·0.1·M(w); strength 0 is the original', async () => {
    const { wplus, images } = await engine.generate([4], 0.7);
    const zero = await engine.edit.mapper({ wplus, mapper: 'demo', strength: 0 });
    expect(Array.from(zero.images.data)).toEqual(Array.from(images.data));
    const delta = await engine.components.mapper('demo', wplus);
    const two = await engine.edit.mapper({ wplus, mapper: 'demo', strength: 2 });
    for (const i of [0, 100, 600])
      expect(two.wplus.data[i]).toBeCloseTo(wplus.data[i]! + 0.2 * delta.data[i]!, 5);
    await expect(engine.edit.mapper({ wplus, mapper: 'demo', strength: 1e9 })).rejects.toThrow(/strength/);
    const preview = await engine.edit.mapper({ wplus, mapper: 'demo', strength: 2, resolution: 16 });
    expect(preview.images.shape).toEqual([1, 3, 16, 16]);
    expect(Array.from(preview.wplus.data)).toEqual(Array.from(two.wplus.data));
  });
});

describe('sets built before preview graphs (manifest schema 1)', () => {
  it('serve previews by downsampling the full render', async () => {
    const old = await mkdtemp(join(tmpdir(), 'schema1-'));
    await cp(dir, old, { recursive: true });
    const { readFile, writeFile } = await import('node:fs/promises');
    const m = JSON.parse(await readFile(join(old, 'manifest.json'), 'utf8'));
    m.schemaVersion = 1;
    delete m.generator.previews;
    delete m.generator.synthesisBuild;
    await writeFile(join(old, 'manifest.json'), JSON.stringify(m));
    const e = await Engine.open(old);
    try {
      expect(e.components.previewResolutions).toEqual([]);
      expect(e.components.defaultPreviewResolution()).toBe(64);
      expect(e.components.renderPath(16)).toBe('downsampled');
      const { wplus } = await e.generate([2], 0.7);
      const preview = await e.edit.mapper({ wplus, mapper: 'demo', strength: 1, resolution: 16 });
      const full = await e.edit.mapper({ wplus, mapper: 'demo', strength: 1 });
      expect(preview.images.shape).toEqual([1, 3, 16, 16]);
      expect(Array.from(preview.images.data)).toEqual(Array.from(areaDownsample(full.images, 4).data));
    } finally {
      await e.close();
      await rm(old, { recursive: true, force: true });
    }
  });
});

describe('sets without directions', () => {
  it('fail global edits with a clear message', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'bare-'));
    await cp(dir, bare, { recursive: true });
    const { loadModelSet, saveManifest } = await import('@styleclip/model-sets');
    const set = await loadModelSet(bare);
    const { directions: _drop, ...rest } = set.manifest;
    await saveManifest(bare, rest);
    const e = await Engine.open(bare);
    try {
      await expect(
        e.edit.global({
          latent: { wplus: array32([1, 10, 64]) },
          text: { neutral: 'a', target: 'b' },
          alphas: [1],
          beta: 0.1,
        }),
      ).rejects.toThrow(/has no channel-relevance table; run "styleclip directions precompute"/);
    } finally {
      await e.close();
      await rm(bare, { recursive: true, force: true });
    }
  });
});
