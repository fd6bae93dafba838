// `npm run load`: 16 concurrent clients doing global edits against the API (its own process, loopback, tiny
// model set, filesystem storage in a temp folder) for 30 s; prints latency, throughput, errors and the generator
// micro-batch sizes, writes bench-results/load.json, and stops by itself. Options: --seconds N, --clients N.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GqlClient } from '../testing/client';
import { modelsDirWithTiny } from '@styleclip/studio/testing';
import { histogramDelta, histogramMean, prng, quantile } from './stats';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
};
const SECONDS = Math.min(arg('seconds', 30), 600);
const CLIENTS = Math.min(arg('clients', 16), 256);
const BASE_IMAGES = 16;
const TARGETS = [
  'a smiling face',
  'an old face',
  'a face with glasses',
  'a surprised face',
  'a face with a beard',
  'an angry face',
  'a face with curly hair',
  'a young face',
];
const EDIT = `mutation($id: ID!, $target: String!, $alphas: [Float!]!) {
  editGlobal(input: { imageId: $id, neutral: "a face", target: $target, alphas: $alphas }) { id results { alpha image { id url } } }
}`;

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`the API did not become ready within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function batchSizes(url: string): Promise<Record<string, number>> {
  const m = (await (await fetch(`${url}/metrics`)).json()) as {
    batchSizes: Record<string, Record<string, number>>;
  };
  return m.batchSizes.tiny ?? {};
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'styleclip-load-'));
  console.log('preparing the tiny model set (cached after the first run)…');
  const models = await modelsDirWithTiny(root, 'link');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    STYLECLIP_HOST: '127.0.0.1',
    STYLECLIP_PORT: String(port),
    STYLECLIP_MODELS_DIR: models,
    STYLECLIP_DEFAULT_MODEL_SET: 'tiny',
    STYLECLIP_STORAGE: 'fs',
    STYLECLIP_DATA_DIR: join(root, 'data'),
    STYLECLIP_API_KEY_SHA256: '',
    STYLECLIP_RATE_LIMIT_PER_MINUTE: '0',
    // 16 clients from one address measure throughput, not the per-address work budget.
    STYLECLIP_ANON_WORK_PER_MINUTE: '0',
    STYLECLIP_LOG_LEVEL: 'warn',
    STYLECLIP_BATCH_MAX: process.env.STYLECLIP_BATCH_MAX ?? '16',
    STYLECLIP_BATCH_WINDOW_MS: process.env.STYLECLIP_BATCH_WINDOW_MS ?? '5',
  };
  const main = fileURLToPath(new URL('../main.ts', import.meta.url));
  // STYLECLIP_LOAD_NODE_ARGS: extra node flags for the API process (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const nodeArgs = (process.env.STYLECLIP_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', main], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let stopped = false;
  const stop = async (): Promise<number | null> => {
    if (!stopped) {
      stopped = true;
      child.kill('SIGTERM');
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  try {
    await Promise.race([
      waitReady(url, 120_000),
      exited.then((c) => Promise.reject(new Error(`the API exited (code ${c})`))),
    ]);
    const client = new GqlClient(url);
    const seeds = Array.from({ length: BASE_IMAGES }, (_, i) => 1000 + i);
    const { generateImages } = await client.ok<{ generateImages: { id: string }[] }>(
      `mutation($s: [Int!]!) { generateImages(input: { seeds: $s }) { id } }`,
      { s: seeds },
    );
    const images = generateImages.map((i) => i.id);
    // Warm-up (not measured): every prompt once, so text embeddings are cached as in steady state.
    for (const target of TARGETS) await client.ok(EDIT, { id: images[0], target, alphas: [1] });
    const before = await batchSizes(url);

    console.log(`running ${CLIENTS} clients for ${SECONDS} s against ${url} …`);
    const latencies: number[] = [];
    const errors: string[] = [];
    let results = 0;
    const t0 = performance.now();
    const deadline = t0 + SECONDS * 1000;
    const worker = async (k: number) => {
      const rand = prng(k + 1);
      while (performance.now() < deadline) {
        const id = images[Math.floor(rand() * images.length)]!;
        const target = TARGETS[Math.floor(rand() * TARGETS.length)]!;
        const alphas = Array.from(
          { length: 1 + Math.floor(rand() * 3) },
          () => Math.round((rand() * 8 - 4) * 10) / 10,
        );
        const s = performance.now();
        try {
          const r = await client.gql<{ editGlobal: { results: unknown[] } }>(EDIT, { id, target, alphas });
          if (r.errors?.length || !r.data) errors.push(`${r.status} ${JSON.stringify(r.errors)}`);
          else {
            latencies.push(performance.now() - s);
            results += r.data.editGlobal.results.length;
          }
        } catch (e) {
          errors.push((e as Error).message);
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, k) => worker(k)));
    const elapsed = (performance.now() - t0) / 1000;
    const after = await batchSizes(url);
    const exitCode = await stop();

    latencies.sort((a, b) => a - b);
    const histogram = histogramDelta(before, after);
    const report = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
      setup: {
        clients: CLIENTS,
        seconds: SECONDS,
        modelSet: 'tiny (64×64)',
        storage: 'fs (temp folder)',
        operation: 'editGlobal, 1–3 α each, 8 prompts, 16 base images',
        batching: {
          maxBatch: Number(env.STYLECLIP_BATCH_MAX),
          windowMs: Number(env.STYLECLIP_BATCH_WINDOW_MS),
        },
      },
      requests: latencies.length + errors.length,
      errors: errors.length,
      errorSamples: errors.slice(0, 5),
      elapsedSeconds: Math.round(elapsed * 100) / 100,
      throughput: {
        editsPerSecond: Math.round((latencies.length / elapsed) * 10) / 10,
        imagesPerSecond: Math.round((results / elapsed) * 10) / 10,
      },
      latencyMs: {
        p50: Math.round(quantile(latencies, 0.5)),
        p90: Math.round(quantile(latencies, 0.9)),
        p99: Math.round(quantile(latencies, 0.99)),
        max: Math.round(latencies.at(-1) ?? Number.NaN),
      },
      microBatches: {
        runs: Object.values(histogram).reduce((a, b) => a + b, 0),
        meanRows: Math.round(histogramMean(histogram) * 100) / 100,
        histogram,
      },
      apiExitCode: exitCode,
    };
    const out = join(repoRoot, 'bench-results', 'load.json');
    await mkdir(join(repoRoot, 'bench-results'), { recursive: true });
    await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);

    console.log(`\nrequests ${report.requests}, errors ${report.errors} in ${report.elapsedSeconds} s`);
    console.log(
      `throughput ${report.throughput.editsPerSecond} edits/s (${report.throughput.imagesPerSecond} images/s)`,
    );
    console.log(
      `latency p50 ${report.latencyMs.p50} ms, p90 ${report.latencyMs.p90} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms`,
    );
    console.log(
      `generator micro-batches: ${report.microBatches.runs} runs, mean ${report.microBatches.meanRows} rows`,
    );
    const width = Math.max(...Object.values(histogram), 1);
    for (const [size, n] of Object.entries(histogram))
      console.log(
        `  ${size.padStart(3)} rows │${'█'.repeat(Math.max(1, Math.round((n / width) * 40)))} ${n}`,
      );
    console.log(`API stopped (exit code ${exitCode}); wrote ${out}`);
    if (errors.length > 0) {
      console.error(`errors (first ${Math.min(5, errors.length)}):\n  ${errors.slice(0, 5).join('\n  ')}`);
      process.exitCode = 1;
    }
    if (exitCode !== 0) process.exitCode = 1;
  } finally {
    await stop();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
