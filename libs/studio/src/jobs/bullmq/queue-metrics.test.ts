import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CloudWatchMetrics } from '@styleclip/cloudwatch';
import { startFakeCloudWatch, type FakeCloudWatch } from '@styleclip/cloudwatch/testing';
import { studioConfigFromEnv } from '../../config';
import { silentLogger } from '../../log';
import { createStudio, type Studio } from '../../studio';
import { startLocalRedis, type LocalRedis } from '../../testing/redis';
import type { JobKinds } from '../kinds';
import type { JobWorker } from './worker';

// The queue metrics with real parts: BullMQ on a local Redis, the CloudWatch client against a local endpoint that
// records the PutMetricData requests. Jobs wait (no worker yet), then one worker takes one.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let release: () => void = () => undefined;
const released = new Promise<void>((r) => (release = r));

function kinds(k: JobKinds): void {
  k.register({
    name: 'TEST_HOLD',
    params: z.object({}),
    async run(ctx) {
      await Promise.race([released, new Promise((r) => ctx.signal.addEventListener('abort', r))]);
      return {};
    },
  });
}

let redis: LocalRedis;
let fake: FakeCloudWatch;
let root: string;
const studios: Studio[] = [];
let worker: JobWorker | undefined;

const env = (extra: Record<string, string> = {}) => ({
  STYLECLIP_STORAGE: 'fs',
  STYLECLIP_DATA_DIR: join(root, 'data'),
  STYLECLIP_MODELS_DIR: join(root, 'models'),
  REDIS_URL: redis.url,
  STYLECLIP_QUEUE_NAME: `metrics-${process.pid}`,
  STYLECLIP_JOB_QUEUE_LIMIT: '100',
  STYLECLIP_METRICS_NAMESPACE: 'StyleCLIP/Jobs',
  STYLECLIP_METRICS_STAGE: 'test',
  STYLECLIP_METRICS_INTERVAL_SECONDS: '1',
  ...extra,
});

function studio(extra: Record<string, string> = {}): Studio {
  const s = createStudio(studioConfigFromEnv(env(extra)), { log: silentLogger(), registerKinds: kinds });
  studios.push(s);
  return s;
}

const sink = () =>
  new CloudWatchMetrics({
    region: 'us-east-1',
    endpoint: fake.endpoint,
    credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'x' },
    maxAttempts: 1,
  });

/** The values of the last request (of stage `stage`) received after `since`. */
async function nextPut(since: number, stage = 'test') {
  for (let i = 0; i < 200; i++) {
    const put = fake.puts
      .slice(since)
      .filter((p) => p.data[0]?.dimensions.Stage === stage)
      .at(-1);
    if (put) return Object.fromEntries(put.data.map((d) => [d.name, d]));
    await sleep(25);
  }
  throw new Error('no PutMetricData arrived');
}

beforeAll(async () => {
  [redis, fake] = await Promise.all([startLocalRedis(), startFakeCloudWatch()]);
  root = await mkdtemp(join(tmpdir(), 'queue-metrics-'));
});

afterAll(async () => {
  release();
  await worker?.close();
  for (const s of studios) await s.close(5000);
  await Promise.all([redis?.dispose(), fake?.close()]);
  await rm(root, { recursive: true, force: true });
});

describe('queue metrics', () => {
  it('are only published where configured, and need the queue', () => {
    const off = createStudio(
      studioConfigFromEnv({ ...env(), STYLECLIP_METRICS_NAMESPACE: '', STYLECLIP_METRICS_STAGE: '' }),
      {
        log: silentLogger(),
      },
    );
    studios.push(off);
    expect(off.startQueueMetrics({ sink: sink() })).toBe(false);
    expect(() => studioConfigFromEnv({ ...env(), REDIS_URL: '' })).toThrow(
      /STYLECLIP_METRICS_NAMESPACE needs REDIS_URL/,
    );
    expect(() => studioConfigFromEnv({ ...env(), STYLECLIP_METRICS_STAGE: '' })).toThrow(/set both/);
    expect(() => studioConfigFromEnv({ ...env(), STYLECLIP_METRICS_NAMESPACE: 'AWS/EC2' })).toThrow(
      /must be 1–255 of/,
    );
  });

  it('report the backlog and the age of the oldest waiting job, then a worker taking one', async () => {
    const api = studio();
    const first = await api.jobs.submit('TEST_HOLD', 'any', {});
    await sleep(1200);
    await api.jobs.submit('TEST_HOLD', 'any', {});
    await api.jobs.submit('TEST_HOLD', 'any', {});

    const since = fake.puts.length;
    expect(api.startQueueMetrics({ sink: sink() })).toBe(true);
    let m = await nextPut(since);
    expect(m.QueueBacklog).toMatchObject({ unit: 'Count', value: 3, dimensions: { Stage: 'test' } });
    const age = m.OldestWaitingJobAgeSeconds!;
    expect(age).toMatchObject({ unit: 'Seconds', dimensions: { Stage: 'test' } });
    // The first job has waited since it was submitted (≥ 1.2 s), not the last ones.
    const waited = (Date.now() - Date.parse(first.job.createdAt)) / 1000;
    expect(age.value).toBeGreaterThanOrEqual(1.2);
    expect(age.value).toBeLessThanOrEqual(waited + 0.5);
    expect(fake.puts.at(-1)!.namespace).toBe('StyleCLIP/Jobs');

    // A worker takes one job (concurrency 1): it stays in the backlog (active) until done.
    const w = studio();
    worker = w.createWorker({ concurrency: 1, name: 'w' });
    await worker.start();
    for (let i = 0; ; i++) {
      const states = await Promise.all((await api.jobStore.unfinished()).map((j) => j.state));
      if (states.includes('RUNNING')) break;
      if (i > 400) throw new Error('the worker did not take a job');
      await sleep(25);
    }
    m = await nextPut(fake.puts.length);
    expect(m.QueueBacklog!.value).toBe(3);
    expect(m.OldestWaitingJobAgeSeconds!.value).toBeGreaterThan(0);
    expect(m.OldestWaitingJobAgeSeconds!.value).toBeLessThan(age.value + 30);

    // Every job done: nothing waits, nothing runs.
    release();
    for (let i = 0; (await api.jobStore.unfinished()).length > 0; i++) {
      if (i > 800) throw new Error('the jobs did not finish');
      await sleep(25);
    }
    m = await nextPut(fake.puts.length);
    expect(m.QueueBacklog!.value).toBe(0);
    expect(m.OldestWaitingJobAgeSeconds!.value).toBe(0);
  });

  it('keeps running through a CloudWatch outage and publishes again after it', async () => {
    const s = studio({ STYLECLIP_METRICS_STAGE: 'outage' });
    fake.failWith(500);
    expect(s.startQueueMetrics({ sink: sink() })).toBe(true);
    await sleep(1500);
    const during = fake.puts.length;
    fake.failWith(200);
    expect((await nextPut(during, 'outage')).QueueBacklog!.value).toBe(0);
  });
});
