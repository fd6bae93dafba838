import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { studioConfigFromEnv } from '../../config';
import { badInput } from '../../errors';
import { silentLogger } from '../../log';
import { createStudio, type Studio } from '../../studio';
import { startLocalRedis, type LocalRedis } from '../../testing/redis';
import type { JobEvent } from '../board';
import type { JobKinds } from '../kinds';
import type { JobWorker } from './worker';

// The queue backend with real parts (Redis on loopback, the filesystem store), in one process: an "API" studio
// that submits and follows jobs, and "worker" studios that run them, each with its own Redis connections and
// job board, as separate processes would have. Kinds here are small test kinds; the precompute runs in the
// cluster test (apps/worker).

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How many times each test job has started (shared by the worker studios of this process). */
const starts = new Map<string, number>();
const bump = (key: string) => {
  const n = (starts.get(key) ?? 0) + 1;
  starts.set(key, n);
  return n;
};

function testKinds(kinds: JobKinds): void {
  kinds.register({
    name: 'TEST_FLAKY',
    params: z.object({ key: z.string() }),
    async run(ctx) {
      if (bump(ctx.params.key) === 1) throw new Error('a passing failure');
      return { ok: true };
    },
  });
  kinds.register({
    name: 'TEST_REFUSED',
    params: z.object({}),
    async run() {
      throw badInput('this job can never succeed');
    },
  });
  kinds.register({
    name: 'TEST_SLOW',
    params: z.object({ steps: z.int() }),
    async run(ctx) {
      for (let i = 1; i <= ctx.params.steps; i++) {
        if (ctx.signal.aborted) throw new Error('aborted');
        await sleep(50);
        ctx.progress({ phase: 'step', done: i, total: ctx.params.steps, progress: i / ctx.params.steps });
      }
      return { steps: ctx.params.steps };
    },
  });
  kinds.register({
    name: 'TEST_FAN',
    params: z.object({ children: z.int() }),
    async run(ctx) {
      ctx.progress({ phase: 'prepare', done: 1, total: 1, progress: 0.1 });
      const results = await ctx.fanOut(
        Array.from({ length: ctx.params.children }, (_, i) => ({
          kind: 'TEST_PART',
          params: { i },
          units: 4,
        })),
        { phase: 'parts', progress: [0.1, 1] },
      );
      return { results };
    },
  });
  kinds.registerChild({
    name: 'TEST_PART',
    params: z.object({ i: z.int() }),
    async run(ctx) {
      for (let u = 1; u <= 4; u++) {
        await sleep(20 + 10 * ctx.params.i);
        ctx.progress({ done: u });
      }
      return ctx.params.i * 10;
    },
  });
}

let redis: LocalRedis;
let root: string;
let api: Studio;
const workers: { studio: Studio; worker: JobWorker }[] = [];

function studioFor(name: string): Studio {
  const config = studioConfigFromEnv({
    STYLECLIP_STORAGE: 'fs',
    STYLECLIP_DATA_DIR: join(root, 'data'),
    STYLECLIP_MODELS_DIR: join(root, 'models'),
    REDIS_URL: redis.url,
    STYLECLIP_QUEUE_NAME: `test-${process.pid}`,
    STYLECLIP_JOB_BACKOFF_MS: '100',
    STYLECLIP_JOB_PERSIST_MS: '0',
    STYLECLIP_JOB_LOCK_MS: '5000',
    STYLECLIP_JOB_STALLED_INTERVAL_MS: '2000',
  });
  return createStudio(config, { log: silentLogger().child({ name }), registerKinds: testKinds });
}

async function until(id: string, done: (e: JobEvent) => boolean, ms = 20_000): Promise<JobEvent> {
  const t0 = Date.now();
  for (;;) {
    const e = await api.jobs.get(id);
    if (e && done(e)) return e;
    if (Date.now() - t0 > ms) throw new Error(`job ${id} did not get there: ${JSON.stringify(e?.job)}`);
    await sleep(25);
  }
}

beforeAll(async () => {
  redis = await startLocalRedis();
  root = await mkdtemp(join(tmpdir(), 'queue-test-'));
  api = studioFor('api');
  for (const name of ['w1', 'w2']) {
    const studio = studioFor(name);
    const worker = studio.createWorker({ concurrency: 2, name });
    await worker.start();
    workers.push({ studio, worker });
  }
}, 60_000);

afterAll(async () => {
  for (const w of workers) {
    await w.worker.close();
    await w.studio.close(5000);
  }
  await api?.close(5000);
  await redis?.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('jobs on the queue (BullMQ on Redis)', () => {
  it('runs a job on a worker and reports its progress to the submitting process, never backwards', async () => {
    const submitted = await api.jobs.submit('TEST_SLOW', 'tiny', { steps: 8 });
    expect(submitted.job.state).toBe('QUEUED');
    const events: JobEvent[] = [];
    for await (const e of await api.jobs.subscribe(submitted.job.id)) events.push(e);
    expect(events.at(-1)!.job).toMatchObject({ state: 'SUCCEEDED', result: { steps: 8 }, attempts: 1 });
    const running = events.filter((e) => e.job.state === 'RUNNING');
    expect(running.length).toBeGreaterThan(2);
    const progress = running.map((e) => e.job.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // The record (source of truth) says the same.
    expect((await api.jobStore.get(submitted.job.id))!.job).toMatchObject({
      state: 'SUCCEEDED',
      progress: 1,
    });
  });

  it('retries a failed job with backoff, and fails at once what cannot succeed', async () => {
    const flaky = await api.jobs.submit('TEST_FLAKY', 'tiny', { key: 'a' });
    const done = await until(flaky.job.id, (e) => e.job.state === 'SUCCEEDED');
    expect(done.job.attempts).toBe(2);
    expect(starts.get('a')).toBe(2);
    const refused = await api.jobs.submit('TEST_REFUSED', 'tiny', {});
    const failed = await until(refused.job.id, (e) => e.job.state === 'FAILED');
    expect(failed.job).toMatchObject({
      attempts: 1,
      error: { code: 'BAD_INPUT', message: 'this job can never succeed' },
    });
  });

  it('fans out children over the workers, sums their progress and returns their results in order', async () => {
    const fan = await api.jobs.submit('TEST_FAN', 'tiny', { children: 6 });
    const events: JobEvent[] = [];
    for await (const e of await api.jobs.subscribe(fan.job.id)) events.push(e);
    const last = events.at(-1)!.job;
    expect(last).toMatchObject({ state: 'SUCCEEDED', result: { results: [0, 10, 20, 30, 40, 50] } });
    const parts = events.filter((e) => e.job.phase === 'parts');
    expect(parts.some((e) => e.job.total === 24 && e.job.done > 0 && e.job.done < 24)).toBe(true);
    const progress = events.filter((e) => e.job.state === 'RUNNING').map((e) => e.job.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('cancels a running job from another process; a waiting one never runs', async () => {
    const slow = await api.jobs.submit('TEST_SLOW', 'tiny', { steps: 400 });
    await until(slow.job.id, (e) => e.job.state === 'RUNNING' && e.job.done >= 2);
    const cancelled = await api.jobs.cancel(slow.job.id);
    expect(cancelled.job.state).toBe('CANCELLED');
    expect(cancelled.job.done).toBeLessThan(400);
    expect((await api.jobStore.get(slow.job.id))!.job.state).toBe('CANCELLED');
    // Occupy every worker slot, queue one more, cancel it while it waits.
    const busy = await Promise.all(
      Array.from({ length: 4 }, () => api.jobs.submit('TEST_SLOW', 'tiny', { steps: 40 })),
    );
    const waiting = await api.jobs.submit('TEST_FLAKY', 'tiny', { key: 'never' });
    expect((await api.jobs.cancel(waiting.job.id)).job.state).toBe('CANCELLED');
    for (const b of busy) await until(b.job.id, (e) => e.job.state === 'SUCCEEDED');
    await sleep(200);
    expect(starts.get('never')).toBeUndefined();
  }, 30_000);

  it('queues again, from the records, a job the queue lost (Redis emptied)', async () => {
    const idle = await Promise.all(workers.map((w) => w.worker.close()));
    expect(idle).toHaveLength(2);
    const lost = await api.jobs.submit('TEST_SLOW', 'tiny', { steps: 2 });
    await redis.stop();
    await redis.start(); // nothing persisted: the queue is empty now
    expect(await api.jobs.resume()).toBe(1);
    const studio = studioFor('w3');
    const worker = studio.createWorker({ concurrency: 1, name: 'w3' });
    workers.push({ studio, worker });
    await worker.start();
    expect((await until(lost.job.id, (e) => e.job.state === 'SUCCEEDED')).job.result).toEqual({ steps: 2 });
  }, 30_000);
});
