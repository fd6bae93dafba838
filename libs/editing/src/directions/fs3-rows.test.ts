import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { sOffsets, type Array32 } from '@styleclip/latent-math';
import { Engine } from '../engine';
import { readSStats, type SStatistics } from './data';
import { componentsRenderer, Fs3Prober, fs3Rows, runSizes } from './fs3-rows';

let engine: Engine;
let base: Array32;
let stats: SStatistics;
beforeAll(async () => {
  const dir = inject('tinySetDir');
  engine = await Engine.open(dir, { runner: { intraOpNumThreads: 2 } });
  base = await engine.components.styles((await engine.latents([4, 9, 23], 0.7)).wplus);
  stats = await readSStats(engine.components.set.path(engine.manifest.directions!.sStats));
});
afterAll(async () => {
  await engine.close();
});

/** Channels from the first layer (nothing before it), across a layer boundary, a toRGB and the last layer. */
function channels(): number[] {
  const layout = engine.manifest.generator.sLayout;
  const at = sOffsets(layout);
  const name = (n: string) => layout.findIndex((l) => l.name === n);
  const boundary = name('conv1_resolution_16');
  return [
    at[0]! + 3,
    at[boundary]! - 2,
    at[boundary]! - 1,
    at[boundary]!,
    at[name('toRGB_resolution_32')]! + 5,
    at[layout.length - 2]! + 7,
  ];
}

/** The whole-graph rows (the reference) of `images` on an engine's components. */
const wholeGraphRows = (e: Engine, images: Array32, offsets: number[], batch = 8) =>
  fs3Rows(componentsRenderer(e.components), images, offsets, stats.mean, stats.std, batch);

const sameBytes = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

describe('Fs3Prober (prefix reuse)', () => {
  it('gives the rows of the whole-graph computation, bit for bit', async () => {
    const offsets = channels();
    const reference = await wholeGraphRows(engine, base, offsets);
    for (const batch of [8, 3]) {
      const prober = new Fs3Prober(engine.components);
      try {
        const rows = await prober.rows(base, offsets, stats.mean, stats.std, batch);
        expect(rows.length).toBe(reference.length);
        expect(sameBytes(rows, reference), `batch ${batch}`).toBe(true);
      } finally {
        await prober.close();
      }
    }
  });

  it('gives the same rows for a list split into calls, with and without the activation cache', async () => {
    const offsets = channels();
    const reference = await wholeGraphRows(engine, base, offsets);
    for (const prefixCacheBytes of [0, 1 << 20]) {
      const prober = new Fs3Prober(engine.components, { prefixCacheBytes });
      try {
        const first = await prober.rows(base, offsets.slice(0, 2), stats.mean, stats.std, 4);
        const rest = await prober.rows(base, offsets.slice(2), stats.mean, stats.std, 4);
        const rows = new Float32Array([...first, ...rest]);
        expect(sameBytes(rows, reference), `cache ${prefixCacheBytes}`).toBe(true);
      } finally {
        await prober.close();
      }
    }
  });

  it('gives the same rows with images in parallel on a pool of single-threaded workers', async () => {
    const pool = await Engine.open(inject('tinySetDir'), { runner: { workers: 2, intraOpNumThreads: 1 } });
    try {
      expect(pool.components.parallelRuns).toBe(2);
      const offsets = channels();
      const reference = await wholeGraphRows(pool, base, offsets);
      // Five images: an odd count leaves the last prefix pair with one real image.
      const five = await pool.components.styles((await pool.latents([4, 9, 23, 31, 40], 0.7)).wplus);
      const reference5 = await wholeGraphRows(pool, five, offsets, 2);
      for (const prefixCacheBytes of [undefined, 0]) {
        const prober = new Fs3Prober(
          pool.components,
          prefixCacheBytes === undefined ? {} : { prefixCacheBytes },
        );
        try {
          const rows = await prober.rows(base, offsets, stats.mean, stats.std, 8);
          expect(sameBytes(rows, reference), `cache ${prefixCacheBytes}`).toBe(true);
          const rows5 = await prober.rows(five, offsets, stats.mean, stats.std, 2);
          expect(sameBytes(rows5, reference5), '5 images').toBe(true);
        } finally {
          await prober.close();
        }
      }
    } finally {
      await pool.close();
    }
  });

  it('sizes probe runs so that none holds a lone image (unless runs hold one)', () => {
    expect(runSizes(8, 4)).toEqual([4, 4]);
    expect(runSizes(6, 4)).toEqual([4, 2]);
    expect(runSizes(9, 4)).toEqual([4, 3, 2]);
    expect(runSizes(5, 2)).toEqual([2, 3]);
    expect(runSizes(3, 1)).toEqual([1, 1, 1]);
    expect(runSizes(1, 4)).toEqual([1]);
  });

  it('fast mode renders layers at or below the stop resolution stopped there, the others in full', async () => {
    const layout = engine.manifest.generator.sLayout;
    const prober = new Fs3Prober(engine.components, { stopResolution: 16 });
    expect(layout.map((_, l) => prober.resolutionFor(l))).toEqual(
      layout.map((l) => (l.resolution <= 16 ? 16 : 64)),
    );
    const offsets = channels();
    try {
      const exact = await wholeGraphRows(engine, base, offsets);
      const fast = await prober.rows(base, offsets, stats.mean, stats.std, 8);
      const dim = exact.length / offsets.length;
      const row = (a: Float32Array, i: number) => Array.from(a.subarray(i * dim, (i + 1) * dim));
      offsets.forEach((o, i) => {
        const r = layout[sOffsets(layout).findLastIndex((s) => s <= o)]!.resolution;
        if (r > 16) expect(row(fast, i), `channel ${o} (${r} px) is rendered in full`).toEqual(row(exact, i));
        else expect(row(fast, i), `channel ${o} (${r} px) is measured at 16 px`).not.toEqual(row(exact, i));
      });
    } finally {
      await prober.close();
    }
  });

  it('refuses stop resolutions the generator does not have', () => {
    expect(() => new Fs3Prober(engine.components, { stopResolution: 48 })).toThrow(
      /power of two from 4 to 64/,
    );
    expect(() => new Fs3Prober(engine.components, { stopResolution: 128 })).toThrow(/power of two/);
  });
});
