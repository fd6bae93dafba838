import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMapperCheckpoint } from '@styleclip/model-sets';
import { sha256Hex } from '@styleclip/storage';
import { studioConfigFromEnv } from '../../config';
import { StudioError } from '../../errors';
import { silentLogger } from '../../log';
import { createStudio, type Studio } from '../../studio';
import { modelsDirWithTiny } from '../../testing/models';
import type { JobEvent } from '../board';
import { OPTIMIZE_LATENT, type OptimizeLatentResult } from './optimize-kind';
import type { LossCurve } from './progress';
import { TRAIN_MAPPER, type TrainMapperResult } from './train-mapper-kind';

// The training jobs on the embedded runner with real parts: the tiny model set (a copy: a trained mapper is
// installed into it), filesystem storage, the engine's loss graphs on onnxruntime. The queue, a SIGKILLed worker
// and a killed API process are covered in apps/worker (training-resume.test.ts).

let root: string;
let env: Record<string, string>;
const studios: Studio[] = [];

function open(extra: Record<string, string> = {}): Studio {
  const s = createStudio(studioConfigFromEnv({ ...env, ...extra }), { log: silentLogger() });
  studios.push(s);
  return s;
}

async function close(s: Studio): Promise<void> {
  studios.splice(studios.indexOf(s), 1);
  await s.close(20_000);
}

/** Follows a job until `until` holds for an event (or it ends); returns every event seen. */
async function follow(s: Studio, id: string, until: (e: JobEvent) => boolean = () => false) {
  const events: JobEvent[] = [];
  for await (const e of await s.jobs.subscribe(id)) {
    events.push(e);
    if (until(e) || ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(e.job.state)) break;
  }
  return events;
}

const finalOf = async (s: Studio, id: string) => {
  const events = await follow(s, id);
  const last = events.at(-1)!;
  expect(last.job.state, JSON.stringify(last.job.error)).toBe('SUCCEEDED');
  return { events, job: last.job };
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'studio-training-'));
  env = {
    STYLECLIP_MODELS_DIR: await modelsDirWithTiny(join(root, 'a'), 'copy'),
    STYLECLIP_DATA_DIR: join(root, 'data'),
    STYLECLIP_INTRA_OP_THREADS: '1',
    STYLECLIP_JOB_PERSIST_MS: '0',
  };
}, 120_000);

afterAll(async () => {
  for (const s of [...studios]) await close(s);
  await rm(root, { recursive: true, force: true });
});

const text = 'a face with blue eyes';

describe('OPTIMIZE_LATENT', () => {
  it('interrupted by a shutdown, resumed by the next start from its checkpoint: the same latent as an uninterrupted run; the result is an edit usable as a new base', async () => {
    let studio = open();
    const [image] = await studio.images.generate({ seeds: [3] });
    const params = { imageId: image!.id, text, steps: 12, checkpointEvery: 4, previewEvery: 5 };
    const { job } = await studio.jobs.submit(OPTIMIZE_LATENT, 'tiny', params);
    await follow(studio, job.id, (e) => e.job.done >= 6);
    await close(studio); // a shutdown: the run saves its state and the job goes back to QUEUED
    studio = open();
    expect((await studio.jobs.get(job.id))!.job).toMatchObject({ state: 'QUEUED', interrupted: true });
    expect(await studio.jobs.resume()).toBe(1);
    const resumed = await finalOf(studio, job.id);
    const r = resumed.job.result as OptimizeLatentResult;
    expect(r.runs.map((x) => x.startStep)[0]).toBe(0);
    expect(r.runs.length).toBe(2);
    expect(r.runs[1]!.startStep).toBeGreaterThanOrEqual(4); // from a checkpoint, not from the start
    expect(resumed.job.attempts).toBe(2);

    // The same job uninterrupted: the very same latent (content-addressed: equal ids are equal bytes).
    const again = await studio.jobs.submit(OPTIMIZE_LATENT, 'tiny', params);
    const whole = await finalOf(studio, again.job.id);
    const w = whole.job.result as OptimizeLatentResult;
    expect(w.runs.map((x) => x.startStep)).toEqual([0]);
    expect(w.latentId).toBe(r.latentId);
    expect(w.losses).toEqual(r.losses);
    expect(w.imageId).not.toBe(r.imageId);

    // Progress: the loss terms and curve in `detail`, previews, an ETA, steps counted.
    const running = whole.events.filter((e) => e.job.state === 'RUNNING' && e.job.phase === 'optimizing');
    expect(running.length).toBeGreaterThan(0);
    const detail = whole.job.detail as { losses: Record<string, number>; curve: LossCurve; step: number };
    expect(detail.step).toBe(12);
    expect(Object.keys(detail.losses).sort()).toEqual(['clip', 'id', 'l2', 'lr', 'total']);
    expect(detail.curve.step.at(-1)).toBe(12);
    expect(detail.curve.total.length).toBe(12);
    expect(detail.curve.id?.length).toBe(12);
    expect(whole.job.preview?.key).toMatch(/^blobs\/images\//);
    expect(new Set(whole.events.map((e) => e.job.preview?.key).filter(Boolean)).size).toBeGreaterThanOrEqual(
      2,
    );
    expect(running.some((e) => e.job.etaSeconds !== undefined)).toBe(true);

    // The result: an OPTIMIZE edit of the source image, its image with a W+ latent, linked to the source.
    const edit = await studio.edits.get(r.editId);
    expect(edit).toMatchObject({
      method: 'OPTIMIZE',
      imageId: image!.id,
      target: text,
      optimization: { jobId: job.id, mode: 'EDIT', space: 'WPLUS', steps: 12 },
      results: [{ imageId: r.imageId }],
    });
    const result = await studio.images.require(r.imageId);
    expect(result).toMatchObject({ source: 'EDITED', parentEditId: r.editId, seed: 3, latentId: r.latentId });
    expect(await studio.images.getLatent(r.latentId)).toMatchObject({ space: 'WPLUS', shape: [1, 10, 64] });
    const listed = await studio.images.gallery(10, null, { method: 'OPTIMIZE' });
    expect(listed.edges.map((e) => e.node.id)).toEqual([image!.id]);
    // Reusable as the base of every method: global, mapper, and another optimization.
    const global = await studio.edits.global({
      imageId: r.imageId,
      neutral: 'a face',
      target: 'a happy face',
    });
    expect(global.results.length).toBe(1);
    const mapped = await studio.edits.mapper({ imageId: r.imageId, mapper: 'demo' });
    expect(mapped.results.length).toBe(1);
    const next = await studio.jobs.submit(OPTIMIZE_LATENT, 'tiny', { imageId: r.imageId, text, steps: 2 });
    expect((await finalOf(studio, next.job.id)).job.result).toMatchObject({ sourceImageId: r.imageId });
  }, 240_000);

  it('optimizes StyleSpace codes into an S latent; refuses what it cannot start from, before queueing', async () => {
    const studio = open();
    const [image] = await studio.images.generate({ seeds: [5] });
    const submitted = await studio.jobs.submit(OPTIMIZE_LATENT, 'tiny', {
      imageId: image!.id,
      text,
      steps: 3,
      space: 'S',
      mode: 'FREE',
    });
    const r = (await finalOf(studio, submitted.job.id)).job.result as OptimizeLatentResult;
    expect(r.space).toBe('S');
    const latent = await studio.images.getLatent(r.latentId);
    expect(latent?.space).toBe('S');
    expect((await studio.edits.get(r.editId))?.optimization).toMatchObject({ mode: 'FREE', space: 'S' });
    expect((await studio.edits.get(r.editId))?.optimization?.losses.l2).toBeUndefined();

    const refusal = async (params: Record<string, unknown>) => {
      const e = await studio.jobs.submit(OPTIMIZE_LATENT, 'tiny', params).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(StudioError);
      return `${(e as StudioError).code}: ${(e as StudioError).message}`;
    };
    // An S latent cannot be optimized (the optimization starts from W+).
    expect(await refusal({ imageId: r.imageId, text })).toMatch(/^BAD_INPUT: .*starts from a W\+ latent/);
    expect(await refusal({ imageId: 'nosuchimage000000000', text })).toMatch(/^NOT_FOUND/);
    expect(await refusal({ imageId: image!.id, text, steps: 0 })).toBe(
      'BAD_INPUT: steps must be at least 1, got 0',
    );
    expect(await refusal({ imageId: image!.id, text: '' })).toMatch(/^BAD_INPUT: text/);
  }, 120_000);
});

describe('TRAIN_MAPPER', () => {
  it('trains, installs the mapper for editMapper at once, publishes it for other processes, keeps the official checkpoint', async () => {
    const studio = open();
    const params = {
      text,
      name: 'blue-eyes',
      steps: 6,
      batch: 2,
      seedCount: 8,
      evalEvery: 3,
      checkpointEvery: 2,
    };
    const { job } = await studio.jobs.submit(TRAIN_MAPPER, 'tiny', params);
    // One job per mapper name at a time, and a taken name is refused.
    await expect(studio.jobs.submit(TRAIN_MAPPER, 'tiny', params)).rejects.toMatchObject({ code: 'BUSY' });
    const { job: done, events } = await finalOf(studio, job.id);
    const r = done.result as TrainMapperResult;
    expect(r).toMatchObject({ name: 'blue-eyes', modelSetId: 'tiny', steps: 6 });
    expect(Object.keys(r.losses).sort()).toEqual(['clip', 'id', 'l2', 'lr', 'total']);
    await expect(studio.jobs.submit(TRAIN_MAPPER, 'tiny', params)).rejects.toThrow(
      /already has a mapper named "blue-eyes"/,
    );

    // Evaluations at steps 0, 3 and 6, each a preview (faces on top, their edits below).
    const detail = done.detail as { evals: { step: number; total: number }[]; curve: LossCurve };
    expect(detail.evals.map((e) => e.step)).toEqual([0, 3, 6]);
    expect(detail.curve.step.at(-1)).toBe(6);
    // (The subscription may start after the first preview: it sees the state as it is, then every change.)
    expect(new Set(events.map((e) => e.job.preview?.key).filter(Boolean)).size).toBeGreaterThanOrEqual(2);

    // editMapper uses it at once, in this process.
    const [image] = await studio.images.generate({ seeds: [11] });
    const edit = await studio.edits.mapper({ imageId: image!.id, mapper: 'blue-eyes', strength: 1 });
    expect(edit.results.length).toBe(1);

    // The official checkpoint reads back through our importer: exactly the trained parameters.
    const record = await studio.mappers.get('tiny', 'blue-eyes');
    expect(record).toMatchObject({ jobId: job.id, text, paramsSha256: r.paramsSha256 });
    expect(record!.training).toMatchObject({ steps: 6, batch: 2, optimizer: 'RANGER', seedCount: 8 });
    const pt = join(root, 'blue-eyes.pt');
    await writeFile(pt, (await studio.storage.blobs.get(r.checkpoint.key))!);
    const weights = await readMapperCheckpoint(pt);
    const bytes = Buffer.concat(
      [...weights.values()].map((w) => Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength)),
    );
    expect(sha256Hex(bytes)).toBe(r.paramsSha256);
    expect([...weights.keys()][0]).toMatch(/^(course|medium|fine)_mapping\./); // the official names (sic)

    // Another machine (its own copy of the set, the same storage) installs it when it opens the set.
    const other = open({ STYLECLIP_MODELS_DIR: await modelsDirWithTiny(join(root, 'b'), 'copy') });
    expect((await other.models.get('tiny')).manifest.mappers['blue-eyes']).toBeUndefined();
    const there = await other.edits.mapper({ imageId: image!.id, mapper: 'blue-eyes', strength: 1 });
    const here = await studio.images.require(edit.results[0]!.imageId);
    const thereImage = await other.images.require(there.results[0]!.imageId);
    expect(thereImage.png.sha256).toBe(here.png.sha256);
    expect((await other.mappers.list('tiny')).map((m) => m.name)).toEqual(['blue-eyes']);
  }, 240_000);

  it('is cancelled between steps', async () => {
    const studio = open();
    const { job } = await studio.jobs.submit(TRAIN_MAPPER, 'tiny', {
      text,
      steps: 10_000,
      seedCount: 8,
      idLambda: 0,
    });
    await follow(studio, job.id, (e) => e.job.phase === 'training' && e.job.done > 0);
    const cancelled = await studio.jobs.cancel(job.id);
    expect(cancelled.job.state).toBe('CANCELLED');
    expect(cancelled.job.done).toBeLessThan(10_000);
  }, 120_000);
});
