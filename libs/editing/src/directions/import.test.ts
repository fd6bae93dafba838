import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNpy } from '@styleclip/checkpoints';
import { array32 } from '@styleclip/latent-math';
import { buildPreset } from '@styleclip/model-sets';
import { seededRandom } from '@styleclip/testing';
import { Engine } from '../engine';
import { buildPresetSet } from '../presets';
import { readFloat } from './data';
import { importDirections } from './import';

const testData = (name: string) => fileURLToPath(new URL(`../../test-data/${name}`, import.meta.url));

function unitRows(rows: number, dim: number, seed: number): Float32Array {
  const r = seededRandom(seed);
  const out = r.fillNormal(rows * dim);
  for (let i = 0; i < rows; i++) {
    const row = out.subarray(i * dim, (i + 1) * dim);
    const n = Math.hypot(...row);
    for (let k = 0; k < dim; k++) row[k]! /= n;
  }
  return out;
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dir-import-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('importing official direction files', () => {
  it('reads an official-format S_mean_std pickle (numpy-written) and an fs3.npy, then drives an edit', async () => {
    const dir = join(root, 'tiny');
    await buildPresetSet('tiny', dir, { directions: false });
    const fs3 = join(root, 'fs3_tiny.npy');
    await writeNpy(fs3, { dtype: 'float32', shape: [240, 32], data: unitRows(240, 32, 1) });
    const m = await importDirections(dir, { fs3, sMeanStd: testData('tiny_S_mean_std') });
    expect(m.directions).toMatchObject({ fs3Rows: 240, fs3Layers: [0, 2, 3, 5, 6, 8, 9, 11, 12] });
    const stats = await readFloat(join(dir, m.directions!.sStats.path));
    expect(stats.shape).toEqual([2, 368]);
    expect(stats.data.slice(368).every((v) => v >= 0.5 && v < 1.5)).toBe(true);
    const engine = await Engine.open(dir);
    try {
      const { wplus } = await engine.generate([1], 0.7);
      const r = await engine.edit.global({
        latent: { wplus },
        text: { neutral: 'face', target: 'face with blue eyes' },
        alphas: [0, 4],
        beta: 0.1,
      });
      expect(r.kept).toBeGreaterThan(0);
      expect(r.images.shape).toEqual([2, 3, 64, 64]);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('refuses a table whose rows do not match the generator, naming the valid counts', async () => {
    const dir = join(root, 'tiny-bad');
    await buildPresetSet('tiny', dir, { directions: false });
    const fs3 = join(root, 'fs3_bad.npy');
    await writeNpy(fs3, { dtype: 'float32', shape: [100, 32], data: unitRows(100, 32, 2) });
    await expect(importDirections(dir, { fs3, samples: 16 })).rejects.toThrow(
      /fs3_bad.npy: .*100 rows does not fit .*valid row counts: 32, 64, 96, 128/,
    );
  });

  // The two layouts of the official FFHQ 1024 fs3.npy: 5376 rows (layers up to 128 px) and 6048 (all 17).
  it.each([
    [5376, [0, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]],
    [6048, [0, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24]],
  ])(
    'imports a %i-row table into a 1024 generator and edits with it',
    async (rows, layers) => {
      const dir = join(root, `ffhq-${rows}`);
      await buildPreset('ffhq1024-random', dir, { clip: false });
      const fs3 = join(root, `fs3_${rows}.npy`);
      await writeNpy(fs3, { dtype: 'float32', shape: [rows, 512], data: unitRows(rows, 512, rows) });
      const m = await importDirections(dir, { fs3, samples: 64 });
      expect(m.directions).toMatchObject({ fs3Rows: rows, fs3Layers: layers });
      const engine = await Engine.open(dir);
      try {
        const dt = unitRows(1, 512, 7);
        const preview = await engine.edit.preview({ dt, beta: 0.1 });
        expect(preview.kept).toBeGreaterThan(0);
        // No channel outside the covered layers moves; toRGB layers never do.
        const layout = engine.manifest.generator.sLayout;
        for (const l of layout) {
          const moved = preview.ds.subarray(l.offset, l.offset + l.channels).some((v) => v !== 0);
          if (!layers.includes(l.index)) expect(moved, l.name).toBe(false);
        }
        const wplus = array32([1, 18, 512], new Float32Array(18 * 512).fill(0.1));
        const r = await engine.edit.global({ latent: { wplus }, dt, alphas: [3], beta: 0.1 });
        expect(r.images.shape).toEqual([1, 3, 1024, 1024]);
        expect(r.images.data.some(Number.isNaN)).toBe(false);
      } finally {
        await engine.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
