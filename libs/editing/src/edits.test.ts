import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { array32 } from '@styleclip/latent-math';
import { Engine } from './engine';

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
