import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { EngineError } from '../components';
import { Engine } from '../engine';
import { decodeOptimizationState, encodeOptimizationState } from './checkpoint';
import { driveSteps } from './drive';
import { resolveOptimizeRequest } from './request';
import { LatentOptimization } from './run';

let engine: Engine;
let graphCacheDir: string;
beforeAll(async () => {
  engine = await Engine.open(inject('tinySetDir'), { runner: { intraOpNumThreads: 1 } });
  graphCacheDir = await mkdtemp(join(tmpdir(), 'optimize-graphs-'));
});
afterAll(async () => {
  await engine.close();
  await rm(graphCacheDir, { recursive: true, force: true });
});

const text = 'a face with blue eyes';

describe('LatentOptimization on the tiny preset', () => {
  it('free generation starts from 18 rows of our own mean latent, deterministically', async () => {
    const a = await LatentOptimization.start(
      engine,
      { text, mode: 'free', steps: 3 },
      { graphCacheDir, meanLatentSamples: 512 },
    );
    const b = await LatentOptimization.start(
      engine,
      { text, mode: 'free', steps: 3 },
      { graphCacheDir, meanLatentSamples: 512 },
    );
    const L = engine.manifest.generator.nLatent;
    expect(a.initialLatent.shape).toEqual([1, Math.max(18, L), 64]);
    expect(Array.from(a.initialLatent.data)).toEqual(Array.from(b.initialLatent.data));
    // Every row is the same mean w.
    expect(Array.from(a.initialLatent.data.subarray(64, 128))).toEqual(
      Array.from(a.initialLatent.data.subarray(0, 64)),
    );
    const s0 = await a.next();
    expect(s0.losses.lr).toBe(0);
    expect([s0.losses.l2, s0.losses.id]).toEqual([null, null]);
    expect(Array.from(s0.latent.data)).toEqual(Array.from(a.initialLatent.data));
    const s1 = await a.next();
    expect(s1.losses.clip).toBe(s0.losses.clip);
    expect(Array.from(s1.latent.data)).not.toEqual(Array.from(s0.latent.data));
    // The forward-only loss at the current latent is what the next step reports.
    const before = await a.losses();
    const s2 = await a.next();
    expect(Math.abs(before.clip - s2.losses.clip)).toBeLessThan(1e-6);
    expect(before.total).toBe(before.clip);
    expect((await a.render()).shape).toEqual([1, 3, 64, 64]);
  }, 120_000);

  it('cancelled between steps, saved, resumed: the same latent as an uninterrupted run', async () => {
    const { wplus } = await engine.latents([4], 0.7);
    const request = { text, latent: wplus, steps: 6, space: 's' as const };
    const whole = await LatentOptimization.start(engine, request, { graphCacheDir });
    await driveSteps(whole);
    const first = await LatentOptimization.start(engine, request, { graphCacheDir });
    const ctrl = new AbortController();
    let saved: Uint8Array | undefined;
    await expect(
      driveSteps(first, {
        signal: ctrl.signal,
        onStep: (s) => void (s.step === 2 && ctrl.abort()),
        saveCheckpoint: async (bytes) => void (saved = bytes),
      }),
    ).rejects.toThrow(/cancelled after step 3 of 6/);
    const resumed = await LatentOptimization.resume(engine, saved!, { graphCacheDir });
    expect(resumed.step).toBe(3);
    await driveSteps(resumed);
    expect(Array.from(resumed.latent.data)).toEqual(Array.from(whole.latent.data));
    expect(resumed.history).toEqual(whole.history);
    expect(whole.history.every((h) => h.id !== null && h.l2 !== null)).toBe(true);
    await expect(resumed.next()).rejects.toThrow(/done/);
    await first.close();
    await expect(first.losses()).rejects.toThrow(/closed/);
    expect(first.step).toBe(3);
  }, 180_000);

  it('refuses checkpoints that are not its own', async () => {
    await expect(LatentOptimization.resume(engine, Uint8Array.of(1, 2, 3))).rejects.toThrow(
      /not a usable optimization checkpoint/,
    );
    const { wplus } = await engine.latents([1], 0.7);
    const run = await LatentOptimization.start(
      engine,
      { text, latent: wplus, steps: 2, idLambda: 0 },
      { graphCacheDir },
    );
    const state = await decodeOptimizationState(await run.checkpoint());
    const other = await encodeOptimizationState({
      ...state,
      modelSet: { ...state.modelSet, id: 'another-set' },
    });
    await expect(LatentOptimization.resume(engine, other)).rejects.toThrow(/made on model set another-set/);
    const corrupt = await encodeOptimizationState({ ...state, latent: new Float32Array(3) });
    await expect(LatentOptimization.resume(engine, corrupt)).rejects.toThrow(EngineError);
  }, 120_000);

  it('validates requests with clear messages', () => {
    const m = engine.manifest;
    expect(() => resolveOptimizeRequest({ text: ' ' }, m)).toThrow(/text is empty/);
    expect(() => resolveOptimizeRequest({ text }, m)).toThrow(/edit mode needs a start latent/);
    expect(() => resolveOptimizeRequest({ text, mode: 'free', steps: 0 }, m)).toThrow(
      /steps must be an integer in \[1, 5000\]/,
    );
    expect(() => resolveOptimizeRequest({ text, mode: 'free', lr: Number.NaN }, m)).toThrow(
      /lr must be a number/,
    );
    expect(() =>
      resolveOptimizeRequest({ text, latent: { shape: [1, 3, 64], data: new Float32Array(192) } }, m),
    ).toThrow(/must be W\+ \[1,10,64\]/);
    expect(resolveOptimizeRequest({ text, mode: 'free' }, m)).toMatchObject({
      steps: 300,
      lr: 0.1,
      l2Lambda: 0.008,
      idLambda: 0.005,
      space: 'wplus',
    });
  });
});
