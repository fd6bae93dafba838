// The training jobs on the scale-out topology with real parts: the API and 2 worker processes, Redis and S3 on
// loopback, each process with its own copy of the model sets. A latent optimization and a mapper training are
// each SIGKILLed on the worker running them after a checkpoint; the other worker takes the job over once its
// lock expires, resumes from the checkpoint in storage, and ends with exactly what an uninterrupted run of the
// same job gives (the same latent bytes; the same mapper parameters), which the API then serves.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
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

interface Job {
  id: string;
  state: string;
  done: number;
  attempts: number;
  error: { code: string; message: string } | null;
  result: {
    runs: { startStep: number }[];
    latentId?: string;
    editId?: string;
    name?: string;
    paramsSha256?: string;
  } | null;
  training: { step: number; losses: { total: number } | null } | null;
}
const JOB_FIELDS = 'id state done attempts error { code message } result training { step losses { total } }';

let redis: LocalRedis;
let s3: LocalS3;
let root: string;
let apiUrl: string;
let api: ServiceProcess;
const workers: ServiceProcess[] = [];
const killed: ServiceProcess[] = [];

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

/** Follows a job over graphql-ws until it ends; returns its last state. */
async function finished(id: string): Promise<Job> {
  const ws = createClient({
    url: `${apiUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  let last: Job | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      ws.subscribe<{ jobUpdated: Job }>(
        { query: `subscription($id: ID!) { jobUpdated(id: $id) { ${JOB_FIELDS} } }`, variables: { id } },
        {
          next: (m) => (m.errors ? reject(new Error(JSON.stringify(m.errors))) : (last = m.data!.jobUpdated)),
          error: reject,
          complete: resolve,
        },
      );
    });
  } finally {
    await ws.dispose();
  }
  expect(last?.state, JSON.stringify(last?.error)).toBe('SUCCEEDED');
  return last!;
}

function env(models: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    STYLECLIP_STORAGE: 's3',
    STYLECLIP_S3_BUCKET: s3.bucket,
    STYLECLIP_S3_ENDPOINT: s3.endpoint,
    STYLECLIP_S3_FORCE_PATH_STYLE: 'true',
    STYLECLIP_S3_PREFIX: 'training',
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    STYLECLIP_MODELS_DIR: models,
    REDIS_URL: redis.url,
    STYLECLIP_QUEUE_NAME: 'training',
    STYLECLIP_INTRA_OP_THREADS: '1',
    STYLECLIP_JOB_PERSIST_MS: '500',
    // A dead worker's job moves on within seconds (locks renew every 2.5 s on a live worker).
    STYLECLIP_JOB_LOCK_MS: '5000',
    STYLECLIP_JOB_STALLED_INTERVAL_MS: '1500',
    STYLECLIP_JOB_BACKOFF_MS: '500',
    STYLECLIP_LOG_LEVEL: 'info',
    STYLECLIP_SHUTDOWN_TIMEOUT_MS: '20000',
    ...extra,
  };
}

const linesOf = (w: ServiceProcess, jobId: string, msg: string) =>
  w.logs.filter((l) => l.jobId === jobId && l.msg === msg) as ({ step: number } & Record<string, unknown>)[];

/** Waits for a worker to save a checkpoint of the job past step 0, SIGKILLs it, returns it and that step. */
async function killAfterCheckpoint(jobId: string) {
  const live = workers.filter((w) => !killed.includes(w));
  const victim = await waitFor(
    () => `a worker to checkpoint job ${jobId}:\n${live.map((w) => w.output()).join('\n---\n')}`,
    () =>
      live
        .map((w) => ({ worker: w, step: linesOf(w, jobId, 'checkpoint saved').at(-1)?.step }))
        .find((v) => v.step !== undefined && v.step > 0),
    180_000,
  );
  victim.worker.child.kill('SIGKILL');
  killed.push(victim.worker);
  await victim.worker.exited;
  return victim as { worker: ServiceProcess; step: number };
}

/** Starts a worker with its own copy of the model sets and waits until it takes jobs. */
async function startWorker(name: string): Promise<ServiceProcess> {
  const w = startService(name, ENTRY.worker, env(await modelsDirWithTiny(join(root, name), 'copy')));
  workers.push(w);
  await waitFor(
    () => `${name} to be ready:\n${w.output()}`,
    () => (w.logs.some((l) => l.msg === 'worker ready: taking jobs') ? true : undefined),
  );
  return w;
}

beforeAll(async () => {
  [redis, s3] = await Promise.all([startLocalRedis(), startLocalS3()]);
  root = await mkdtemp(join(tmpdir(), 'styleclip-training-'));
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  api = startService(
    'api',
    ENTRY.api,
    env(await modelsDirWithTiny(join(root, 'api'), 'copy'), {
      STYLECLIP_PORT: String(port),
      STYLECLIP_LOG_LEVEL: 'warn',
    }),
  );
  await waitFor(
    () => `the API to be ready:\n${api.output()}`,
    async () => ((await fetch(`${apiUrl}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined),
  );
  await Promise.all([startWorker('w1'), startWorker('w2')]);
}, 180_000);

afterAll(async () => {
  const exits = await Promise.all(workers.filter((w) => !killed.includes(w)).map((w) => w.stop()));
  await api?.stop();
  await redis?.dispose();
  await s3?.dispose();
  await rm(root, { recursive: true, force: true });
  for (const e of exits) expect(e).toEqual({ code: 0, signal: null });
});

describe('training jobs on workers: SIGKILL mid-run, resume, the same result', () => {
  it('latent optimization: resumed by the other worker from its checkpoint, the same final latent', async () => {
    const { generateImages } = await gql<{ generateImages: { id: string }[] }>(
      'mutation { generateImages(input: { seeds: [3] }) { id } }',
    );
    const input = {
      imageId: generateImages[0]!.id,
      text: 'a face with blue eyes',
      steps: 60,
      checkpointEvery: 5,
      previewEvery: 10,
    };
    const OPTIMIZE = `mutation($i: OptimizeLatentInput!) { optimizeLatent(input: $i) { ${JOB_FIELDS} } }`;
    const { optimizeLatent: job } = await gql<{ optimizeLatent: Job }>(OPTIMIZE, { i: input });
    const done = finished(job.id);
    const victim = await killAfterCheckpoint(job.id);
    const resumed = await done;
    expect(resumed.attempts).toBeGreaterThanOrEqual(2);
    const runs = resumed.result!.runs;
    expect(runs[0]!.startStep).toBe(0);
    expect(runs.at(-1)!.startStep).toBeGreaterThanOrEqual(victim.step); // from the checkpoint, not from 0
    const survivor = workers.find((w) => !killed.includes(w))!;
    expect(linesOf(survivor, job.id, 'optimization resumed').length).toBe(1);
    expect(resumed.training!.step).toBe(60);

    // The same job uninterrupted: the very same latent (content-addressed: equal ids are equal bytes).
    const { optimizeLatent: again } = await gql<{ optimizeLatent: Job }>(OPTIMIZE, { i: input });
    const whole = await finished(again.id);
    expect(whole.result!.runs.map((r) => r.startStep)).toEqual([0]);
    expect(whole.result!.latentId).toBe(resumed.result!.latentId);
    expect(whole.training!.losses).toEqual(resumed.training!.losses);
    // The API serves the result as an edit of the source image.
    const { edit } = await gql<{
      edit: { method: string; results: { image: { latent: { id: string } } }[] };
    }>('query($id: ID!) { edit(id: $id) { method results { image { latent { id } } } } }', {
      id: resumed.result!.editId,
    });
    expect(edit).toEqual({
      method: 'OPTIMIZE',
      results: [{ image: { latent: { id: resumed.result!.latentId } } }],
    });
  });

  it('mapper training: resumed on a fresh worker from its checkpoint, identical final parameters; every process edits with it', async () => {
    await startWorker('w3'); // one worker was killed: keep two
    const input = {
      text: 'a face with blue eyes',
      steps: 24,
      batch: 2,
      seedCount: 8,
      checkpointEvery: 4,
      evalEvery: 8,
    };
    const TRAIN = `mutation($i: TrainMapperInput!) { trainMapper(input: $i) { ${JOB_FIELDS} } }`;
    const { trainMapper: job } = await gql<{ trainMapper: Job }>(TRAIN, { i: { ...input, name: 'killed' } });
    const done = finished(job.id);
    const victim = await killAfterCheckpoint(job.id);
    const resumed = await done;
    const runs = resumed.result!.runs;
    expect(runs[0]!.startStep).toBe(0);
    expect(runs.at(-1)!.startStep).toBeGreaterThanOrEqual(victim.step);
    expect(resumed.result!.name).toBe('killed');

    const { trainMapper: again } = await gql<{ trainMapper: Job }>(TRAIN, { i: { ...input, name: 'whole' } });
    const whole = await finished(again.id);
    expect(whole.result!.runs.map((r) => r.startStep)).toEqual([0]);
    expect(whole.result!.paramsSha256).toBe(resumed.result!.paramsSha256);

    // The API process (its own copy of the set) installed both and edits with them.
    const { generateImages } = await gql<{ generateImages: { id: string }[] }>(
      'mutation { generateImages(input: { seeds: [11] }) { id } }',
    );
    const urls: string[] = [];
    for (const mapper of ['killed', 'whole']) {
      const r = await waitFor(
        () => `the API to edit with mapper ${mapper}`,
        async () => {
          const res = await fetch(`${apiUrl}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              query: `mutation($id: ID!, $m: String!) { editMapper(input: { imageId: $id, mapper: $m }) { results { image { url } } } }`,
              variables: { id: generateImages[0]!.id, m: mapper },
            }),
          });
          const body = (await res.json()) as {
            data?: { editMapper: { results: { image: { url: string } }[] } };
          };
          return body.data?.editMapper.results[0]!.image.url;
        },
        30_000,
      );
      urls.push(new URL(r).pathname);
    }
    // Identical parameters: identical edits (content-addressed PNG keys).
    expect(urls[0]).toBe(urls[1]);
  });
});
