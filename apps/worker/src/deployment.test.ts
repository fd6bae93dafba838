// The services configured the way the deployment configures its containers (infra/src/constructs/gpu-task.ts), with
// real parts on loopback: model sets pulled from S3 (s3rver) at start, Redis over TLS with the AUTH token given
// apart from the URL (a redis-server of our own with a self-signed certificate, trusted via NODE_EXTRA_CA_CERTS),
// the queue metrics published to CloudWatch (a local endpoint recording PutMetricData), and the CUDA execution
// provider asked for on a machine without it (both services log the fallback). A job submitted to the API runs on
// the worker.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRemoteUrl, pushModelSet, QUEUE_METRIC_NAMES, UploadJournals } from '@styleclip/studio';
import {
  freePort,
  LOCAL_S3_CREDENTIALS,
  modelsDirWithTiny,
  startFakeCloudWatch,
  startLocalRedis,
  startLocalS3,
  type FakeCloudWatch,
  type LocalRedis,
  type LocalS3,
} from '@styleclip/studio/testing';
import { ENTRY, startService, waitFor, type ServiceProcess } from './testing/processes';

const PASSWORD = 'an auth token from a secret store';

let redis: LocalRedis;
let s3: LocalS3;
let cloudwatch: FakeCloudWatch;
let root: string;
let apiUrl: string;
let api: ServiceProcess;
let worker: ServiceProcess;

function env(name: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    STYLECLIP_STORAGE: 's3',
    STYLECLIP_S3_BUCKET: s3.bucket,
    STYLECLIP_S3_PREFIX: 'data',
    STYLECLIP_S3_ENDPOINT: s3.endpoint,
    STYLECLIP_S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    // Each process starts with an empty models folder: its sets come from the bucket.
    STYLECLIP_MODELS_DIR: join(root, name, 'models'),
    STYLECLIP_MODEL_SETS: `s3://${s3.bucket}/models/*`,
    STYLECLIP_EXECUTION_PROVIDER: 'cuda',
    STYLECLIP_INTRA_OP_THREADS: '1',
    REDIS_URL: redis.url, // rediss://, no credentials
    REDIS_PASSWORD: PASSWORD,
    NODE_EXTRA_CA_CERTS: redis.caFile!,
    STYLECLIP_QUEUE_NAME: 'deployment',
    STYLECLIP_METRICS_NAMESPACE: 'StyleCLIP/Jobs',
    STYLECLIP_METRICS_STAGE: 'test',
    STYLECLIP_METRICS_INTERVAL_SECONDS: '1',
    AWS_ENDPOINT_URL_CLOUDWATCH: cloudwatch.endpoint, // the SDK's own variable: CloudWatch is the fake
    STYLECLIP_LOG_LEVEL: 'info',
    STYLECLIP_JOB_PERSIST_MS: '500',
    STYLECLIP_SHUTDOWN_TIMEOUT_MS: '10000',
    ...extra,
  };
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const said = (p: ServiceProcess, msg: string | RegExp) =>
  p.logs.filter((l) => (typeof msg === 'string' ? l.msg === msg : msg.test(String(l.msg))));

beforeAll(async () => {
  [redis, s3, cloudwatch] = await Promise.all([
    startLocalRedis({ tls: true, password: PASSWORD }),
    startLocalS3(),
    startFakeCloudWatch(),
  ]);
  root = await mkdtemp(join(tmpdir(), 'styleclip-deployment-'));
  // `styleclip models push` of the tiny set, as an operator would before pointing the services at the bucket.
  const tiny = join(await modelsDirWithTiny(join(root, 'src'), 'link'), 'tiny');
  const to = openRemoteUrl(`s3://${s3.bucket}/models/tiny`, {
    STYLECLIP_S3_ENDPOINT: s3.endpoint,
    STYLECLIP_S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
  });
  await pushModelSet(tiny, to, { journals: new UploadJournals(join(root, 'journals')) });
  to.objects.close();

  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  api = startService('api', ENTRY.api, env('api', { STYLECLIP_PORT: String(port) }));
  worker = startService('worker', ENTRY.worker, env('worker'));
}, 180_000);

afterAll(async () => {
  const exits = await Promise.all([worker?.stop(), api?.stop()]);
  await Promise.all([redis?.dispose(), s3?.dispose(), cloudwatch?.close()]);
  await rm(root, { recursive: true, force: true });
  for (const e of exits) expect(e).toEqual({ code: 0, signal: null });
});

describe('services as deployed (S3 model sets, TLS Redis with AUTH, CloudWatch metrics, CUDA fallback)', () => {
  it('the API pulls the set from S3, warms it up (logging the CPU fallback) and becomes ready', async () => {
    const first = await fetch(`${apiUrl}/readyz`).catch(() => undefined);
    if (first) expect([200, 503]).toContain(first.status);
    await waitFor(
      () => `the API to be ready:\n${api.output()}`,
      async () =>
        (await fetch(`${apiUrl}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined,
    );
    // (Log lines arrive over a pipe: the readiness answer can overtake them.)
    await waitFor(
      () => 'the API to log its warm-up',
      () => (said(api, 'default model set loaded').length ? true : undefined),
    );
    const pulled = said(api, 'model set pulled')[0]!;
    expect(pulled).toMatchObject({ modelSet: 'tiny', kept: 0 });
    expect(pulled.transferredBytes).toBe(pulled.totalBytes);
    const loaded = said(api, 'default model set loaded')[0]!;
    expect(loaded).toMatchObject({ modelSet: 'tiny' });
    expect(loaded.pullMs).toBeGreaterThan(0);
    expect(said(api, /CUDA execution provider unavailable .*; falling back to cpu/).length).toBeGreaterThan(
      0,
    );
    const ready = await gql<{ modelSets: { id: string }[] }>('{ modelSets { id } }');
    expect(ready.modelSets.map((s) => s.id)).toContain('tiny');
  });

  it('the worker pulls, warms up, logs the CPU fallback, then takes a job through TLS Redis with AUTH', async () => {
    await waitFor(
      () => `the worker to be ready:\n${worker.output()}`,
      () => (said(worker, 'worker ready: taking jobs').length ? true : undefined),
    );
    expect(said(worker, 'model set pulled')[0]).toMatchObject({ modelSet: 'tiny' });
    expect(
      said(worker, /CUDA execution provider unavailable .*; falling back to cpu/).length,
    ).toBeGreaterThan(0);
    expect(said(worker, /^model .*: execution provider cpu/).length).toBeGreaterThan(0);
    const order = worker.logs.map((l) => l.msg);
    expect(order.indexOf('default model set loaded')).toBeLessThan(
      order.indexOf('worker ready: taking jobs'),
    );

    const { precomputeDirections: job } = await gql<{ precomputeDirections: { id: string; state: string } }>(
      'mutation { precomputeDirections(input: { images: 2, samples: 100, shardChannels: 1000 }) { id state } }',
    );
    expect(job.state).toBe('QUEUED');
    // Wait on the worker's log, then ask the API a few times a second at most: polling GraphQL at waitFor's pace
    // would run into the API's per-address rate limit.
    await waitFor(
      () => `the job to finish:\n${worker.output()}`,
      () =>
        worker.logs.some((l) => l.jobId === job.id && /^job (succeeded|failed)$/.test(String(l.msg)))
          ? true
          : undefined,
    );
    const done = await waitFor(
      () => `the API to report the job finished:\n${api.output()}`,
      async () => {
        await new Promise((r) => setTimeout(r, 250));
        const { job: j } = await gql<{ job: { state: string } }>(
          'query($id: ID!) { job(id: $id) { state } }',
          {
            id: job.id,
          },
        );
        return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(j.state) ? j.state : undefined;
      },
      30_000,
    );
    expect(done).toBe('SUCCEEDED');
    expect(worker.logs.some((l) => l.jobId === job.id && l.msg === 'job succeeded')).toBe(true);
  });

  it('both services publish the queue metrics to CloudWatch, under the contract names', async () => {
    await waitFor(
      () => `metrics from both processes (${cloudwatch.puts.length} requests so far)`,
      () =>
        said(api, 'publishing queue metrics').length && said(worker, 'publishing queue metrics').length
          ? true
          : undefined,
    );
    const puts = cloudwatch.puts.filter((p) => p.namespace === 'StyleCLIP/Jobs');
    expect(puts.length).toBeGreaterThan(2);
    for (const p of puts) {
      expect(p.data.map((d) => [d.name, d.unit, d.dimensions])).toEqual([
        [QUEUE_METRIC_NAMES.backlog, 'Count', { Stage: 'test' }],
        [QUEUE_METRIC_NAMES.oldestWaitingAge, 'Seconds', { Stage: 'test' }],
      ]);
      expect(p.credentialScope).toMatch(/\/us-east-1\/monitoring\/aws4_request$/);
    }
    // The job above was in the backlog (waiting, or running on the worker) while it lasted; then it is empty.
    expect(puts.some((p) => p.data[0]!.value >= 1)).toBe(true);
    const after = cloudwatch.puts.length;
    await waitFor(
      () => 'an empty backlog to be published',
      () => (cloudwatch.puts.slice(after).some((p) => p.data[0]!.value === 0) ? true : undefined),
      10_000,
    );
  });
});
