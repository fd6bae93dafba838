// The scale-out topology with real parts: the API and 3 worker processes, Redis (Debian's redis-server) and S3
// (s3rver) on loopback, each process with its own copy of the model sets (as on separate machines). A precompute
// fans out into shards over the workers; one worker is SIGKILLed in the middle of a shard; the job still ends
// with exactly the table a single process computes, every shard ran to completion once, no chunk twice, and the
// progress subscribers saw never went backwards. Then a second precompute is cancelled from the API while its
// shards run on the workers.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { precomputeDirections } from '@styleclip/editing';
import { defaultOf, PARAMETERS } from '@styleclip/studio';
import {
  freePort,
  LOCAL_S3_CREDENTIALS,
  modelsDirWithTiny,
  startLocalRedis,
  startLocalS3,
  type LocalRedis,
  type LocalS3,
} from '@styleclip/studio/testing';
import { ENTRY, startService, waitFor, type ServiceProcess } from './testing/processes';

const IMAGES = 4;
const SAMPLES = 200;
/** 240 channels, chunks of 32 (256 images each) → 8 chunks; shards of 96 channels → 3 shards of 3, 3, 2 chunks. */
const SHARD_CHANNELS = 96;

interface Job {
  id: string;
  state: string;
  phase: string | null;
  progress: number;
  done: number;
  total: number;
  attempts: number;
  error: { code: string; message: string } | null;
  result: {
    rows: number;
    shards: number;
    chunks: number;
    shardRuns: number[];
    chunkRuns: number[];
    sha256: string;
  } | null;
}
const JOB_FIELDS = 'id state phase progress done total attempts error { code message } result';

let redis: LocalRedis;
let s3: LocalS3;
let root: string;
let apiUrl: string;
let api: ServiceProcess;
const workers: ServiceProcess[] = [];
const killed: ServiceProcess[] = [];
const modelsOf: Record<string, string> = {};

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data)
    throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}\nAPI:\n${api.output()}`);
  return body.data;
}

function env(name: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    STYLECLIP_STORAGE: 's3',
    STYLECLIP_S3_BUCKET: s3.bucket,
    STYLECLIP_S3_ENDPOINT: s3.endpoint,
    STYLECLIP_S3_FORCE_PATH_STYLE: 'true',
    STYLECLIP_S3_PREFIX: 'cluster',
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    STYLECLIP_MODELS_DIR: modelsOf[name]!,
    REDIS_URL: redis.url,
    STYLECLIP_QUEUE_NAME: 'cluster',
    STYLECLIP_INTRA_OP_THREADS: '1',
    STYLECLIP_JOB_PERSIST_MS: '1000',
    // A dead worker's shard moves on within seconds (locks renew every 2.5 s on a live worker).
    STYLECLIP_JOB_LOCK_MS: '5000',
    STYLECLIP_JOB_STALLED_INTERVAL_MS: '1500',
    STYLECLIP_JOB_BACKOFF_MS: '500',
    STYLECLIP_LOG_LEVEL: 'info',
    STYLECLIP_SHUTDOWN_TIMEOUT_MS: '20000',
    ...extra,
  };
}

/** Log lines of a worker about job `jobId` with message `msg`. */
const linesOf = (w: ServiceProcess, jobId: string, msg: string) =>
  w.logs.filter((l) => l.jobId === jobId && l.msg === msg) as ({
    shard: number;
    chunk?: number;
    stored?: number;
  } & Record<string, unknown>)[];

beforeAll(async () => {
  [redis, s3] = await Promise.all([startLocalRedis(), startLocalS3()]);
  root = await mkdtemp(join(tmpdir(), 'styleclip-cluster-'));
  for (const name of ['api', 'w1', 'w2', 'w3', 'reference'])
    modelsOf[name] = await modelsDirWithTiny(join(root, name), 'copy');
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  api = startService(
    'api',
    ENTRY.api,
    env('api', { STYLECLIP_PORT: String(port), STYLECLIP_LOG_LEVEL: 'warn' }),
  );
  for (const name of ['w1', 'w2', 'w3']) workers.push(startService(name, ENTRY.worker, env(name)));
  await waitFor(
    () => `the API to be ready:\n${api.output()}`,
    async () => ((await fetch(`${apiUrl}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined),
  );
  for (const w of workers)
    await waitFor(
      () => `${w.name} to be ready:\n${w.output()}`,
      () => (w.logs.some((l) => l.msg === 'worker ready: taking jobs') ? true : undefined),
    );
}, 180_000);

afterAll(async () => {
  const exits = await Promise.all(workers.filter((w) => !killed.includes(w)).map((w) => w.stop()));
  await api?.stop();
  await redis?.dispose();
  await s3?.dispose();
  await rm(root, { recursive: true, force: true });
  // A graceful stop of a worker exits 0.
  for (const e of exits) expect(e).toEqual({ code: 0, signal: null });
});

describe('API + 3 workers + Redis + S3', () => {
  it('a precompute survives a worker killed mid-shard: identical table, every shard once, progress never backwards', async () => {
    const { precomputeDirections: submitted } = await gql<{ precomputeDirections: Job }>(
      `mutation($i: PrecomputeDirectionsInput!) { precomputeDirections(input: $i) { ${JOB_FIELDS} } }`,
      { i: { images: IMAGES, samples: SAMPLES, layers: 'OFFICIAL', shardChannels: SHARD_CHANNELS } },
    );
    expect(submitted.state).toBe('QUEUED');

    // Follow it over graphql-ws, as the web app does.
    const ws = createClient({
      url: `${apiUrl.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const events: Job[] = [];
    const finished = new Promise<void>((resolve, reject) => {
      ws.subscribe<{ jobUpdated: Job }>(
        {
          query: `subscription($id: ID!) { jobUpdated(id: $id) { ${JOB_FIELDS} } }`,
          variables: { id: submitted.id },
        },
        {
          next: (m) =>
            m.errors ? reject(new Error(JSON.stringify(m.errors))) : events.push(m.data!.jobUpdated),
          error: reject,
          complete: resolve,
        },
      );
    });

    // The single-process table, computed meanwhile with the same settings.
    const referenceSet = join(modelsOf.reference!, 'tiny');
    const reference = precomputeDirections(referenceSet, {
      images: IMAGES,
      samples: SAMPLES,
      layers: 'official',
      batch: defaultOf(PARAMETERS.precomputeDirections, 'batch'), // what the job used (its default)
      runner: { intraOpNumThreads: 1 },
    });

    // Kill a worker that has stored a chunk of its shard but not finished the shard.
    const victim = await waitFor(
      () => `a worker in the middle of a shard:\n${workers.map((w) => w.output()).join('\n---\n')}`,
      () =>
        workers
          .map((w) => {
            const stored = linesOf(w, submitted.id, 'chunk stored');
            const done = new Set(linesOf(w, submitted.id, 'shard done').map((l) => l.shard));
            const open = stored.find((l) => !done.has(l.shard));
            return open ? { worker: w, shard: open.shard } : undefined;
          })
          .find((v) => v !== undefined),
      180_000,
    );
    victim.worker.child.kill('SIGKILL');
    killed.push(victim.worker);
    await victim.worker.exited;

    await finished;
    await ws.dispose();
    await reference;
    const last = events.at(-1)!;
    expect(last.state, JSON.stringify(last.error)).toBe('SUCCEEDED');
    const r = last.result!;
    expect(r).toMatchObject({ rows: 240, shards: 3, chunks: 8 });
    // Every shard ran to completion exactly once; no chunk was computed twice (a chunk stored just before the
    // kill may lack its marker, hence ≥ chunks − 1 in all).
    expect(r.shardRuns).toEqual([1, 1, 1]);
    expect(Math.max(...r.chunkRuns)).toBe(1);
    expect(r.chunkRuns.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(r.chunks - 1);
    // The killed shard was taken over by another worker and resumed from the chunks it had stored.
    const survivors = workers.filter((w) => w !== victim.worker);
    const takeover = survivors
      .flatMap((w) => linesOf(w, submitted.id, 'shard started'))
      .filter((l) => l.shard === victim.shard);
    expect(takeover.length).toBe(1);
    expect(takeover[0]!.stored).toBeGreaterThanOrEqual(1);

    // Progress as subscribers saw it never went backwards, and reached every channel.
    const progress = events.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const fs3 = events.filter((e) => e.phase === 'fs3');
    expect(fs3.length).toBeGreaterThan(3);
    expect(Math.max(...fs3.map((e) => e.done))).toBe(240);
    expect(new Set(fs3.map((e) => e.total))).toEqual(new Set([240]));

    // The table and S statistics the API now edits with (installed from storage into its own copy of the set)
    // are byte for byte the single-process ones.
    const apiSet = join(modelsOf.api!, 'tiny');
    await waitFor(
      () => 'the API to install the new directions',
      async () => {
        const m = await gql<{ modelSet: { directions: { rows: number; images: number } } }>(
          '{ modelSet(id: "tiny") { directions { rows images } } }',
        );
        return m.modelSet.directions.images === IMAGES ? true : undefined;
      },
      30_000,
    );
    // Each set's manifest names its own version files (content-named, so the same names when the bytes agree).
    const filesOf = async (set: string) => {
      const m = JSON.parse(await readFile(join(set, 'manifest.json'), 'utf8')) as {
        directions: { sStats: { path: string }; fs3: { path: string } };
      };
      return [m.directions.fs3.path, m.directions.sStats.path];
    };
    const [apiFiles, referenceFiles] = [await filesOf(apiSet), await filesOf(referenceSet)];
    expect(apiFiles).toEqual(referenceFiles);
    for (const file of referenceFiles)
      expect(
        (await readFile(join(apiSet, file))).equals(await readFile(join(referenceSet, file))),
        file,
      ).toBe(true);
    const [img] = (
      await gql<{ generateImages: { id: string }[] }>(
        'mutation { generateImages(input: { seeds: [3] }) { id } }',
      )
    ).generateImages;
    const edit = await gql<{ editGlobal: { channels: number } }>(
      'mutation($id: ID!) { editGlobal(input: { imageId: $id, neutral: "a face", target: "a happy face", alphas: [1] }) { channels } }',
      { id: img!.id },
    );
    expect(edit.editGlobal.channels).toBeGreaterThan(0);
  });

  it('cancels a precompute from the API while its shards run on the workers', async () => {
    const { precomputeDirections: job } = await gql<{ precomputeDirections: Job }>(
      `mutation($i: PrecomputeDirectionsInput!) { precomputeDirections(input: $i) { ${JOB_FIELDS} } }`,
      { i: { images: 3, samples: SAMPLES, layers: 'OFFICIAL', shardChannels: 64 } },
    );
    const live = workers.filter((w) => !killed.includes(w));
    await waitFor(
      () => 'a stored chunk of the second job',
      () => (live.some((w) => linesOf(w, job.id, 'chunk stored').length > 0) ? true : undefined),
    );
    const { cancelJob } = await gql<{ cancelJob: Job }>(
      `mutation($id: ID!) { cancelJob(id: $id) { ${JOB_FIELDS} } }`,
      { id: job.id },
    );
    expect(cancelJob.state).toBe('CANCELLED');
    // A cancel takes effect between chunks: each shard running at that moment may finish the chunk it is in, then
    // stops. Wait until every shard that started has stopped (cancelled, or done), whatever the machine's load.
    const count = () => live.reduce((n, w) => n + linesOf(w, job.id, 'chunk stored').length, 0);
    const atCancel = count();
    const started = () =>
      live.flatMap((w) => linesOf(w, job.id, 'shard started').map((l) => `${w.name}:${l.shard}`));
    const stopped = () =>
      live.flatMap((w) => [
        ...linesOf(w, job.id, 'shard done').map((l) => `${w.name}:${l.shard}`),
        ...w.logs
          .filter((l) => l.jobId === job.id && l.msg === 'child cancelled')
          .map((l) => `${w.name}:${l['child'] as number}`),
      ]);
    await waitFor(
      () => `every started shard of the cancelled job to stop (started ${started()}, stopped ${stopped()})`,
      () => (started().every((s) => stopped().includes(s)) ? true : undefined),
    );
    const running = started().length - live.reduce((n, w) => n + linesOf(w, job.id, 'shard done').length, 0);
    const after = count();
    expect(after - atCancel).toBeLessThanOrEqual(running);
    // And nothing of the job runs anywhere any more.
    await new Promise((r) => setTimeout(r, 3000));
    expect(count()).toBe(after);
    const { job: stored } = await gql<{ job: Job }>(`query($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`, {
      id: job.id,
    });
    expect(stored.state).toBe('CANCELLED');
    expect(stored.done).toBeLessThan(stored.total);
  });
});
