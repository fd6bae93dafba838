// The sharded precompute on N worker processes: the real topology (BullMQ on a local Redis, `apps/worker`
// processes, a filesystem store), timed from the job's own events. For each N: how fast the shards go together
// (channels/s and generator images/s over the fs3 phase), the speed-up over N = 1, and the merge overhead (from
// the last shard to the job's end: reading the chunks, writing and publishing the table).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createStudio, studioConfigFromEnv, type JobEvent } from '@styleclip/studio';
import { modelsDirWithTiny, startLocalRedis } from '@styleclip/studio/testing';

export interface WorkersRow {
  workers: number;
  threadsPerWorker: number;
  shards: number;
  channels: number;
  fs3Seconds: number;
  channelsPerSecond: number;
  imagesPerSecond: number;
  speedup: number;
  mergeSeconds: number;
  totalSeconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startWorker(root: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps', 'worker', 'src', 'main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  return child;
}

/** Resolves when a worker logged that it takes jobs. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('worker ready: taking jobs')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`a worker exited (${code}) before it was ready:\n${out.slice(-2000)}`)),
    );
  });
}

export async function benchPrecomputeWorkers(
  root: string,
  o: { workers: number[]; images: number; shardChannels: number; threads: number },
): Promise<WorkersRow[]> {
  const redis = await startLocalRedis();
  const tmp = await mkdtemp(join(tmpdir(), 'bench-precompute-'));
  const rows: WorkersRow[] = [];
  try {
    for (const n of o.workers) {
      const dir = join(tmp, `n${n}`);
      const models = await modelsDirWithTiny(dir, 'copy');
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        STYLECLIP_STORAGE: 'fs',
        STYLECLIP_DATA_DIR: join(dir, 'data'),
        STYLECLIP_MODELS_DIR: models,
        REDIS_URL: redis.url,
        STYLECLIP_QUEUE_NAME: `bench-n${n}`,
        STYLECLIP_INTRA_OP_THREADS: String(o.threads),
        STYLECLIP_LOG_LEVEL: 'info',
        STYLECLIP_JOB_PERSIST_MS: '2000',
      };
      const workers = Array.from({ length: n }, () => startWorker(root, env));
      await Promise.all(workers.map(ready));
      const studio = createStudio(studioConfigFromEnv(env), { log: createLogger('warn') });
      try {
        const t0 = performance.now();
        // Few S-statistics samples: the fs3 shards are what is measured.
        const job = await studio.jobs.submit('PRECOMPUTE_DIRECTIONS', 'tiny', {
          images: o.images,
          samples: 100,
          shardChannels: o.shardChannels,
        });
        let fs3Start: number | undefined;
        let mergeStart: number | undefined;
        let last: JobEvent = job;
        for await (const e of await studio.jobs.subscribe(job.job.id)) {
          const t = performance.now();
          if (e.job.phase === 'fs3' && fs3Start === undefined) fs3Start = t;
          if (e.job.phase === 'merge' && mergeStart === undefined) mergeStart = t;
          last = e;
        }
        const end = performance.now();
        if (last.job.state !== 'SUCCEEDED')
          throw new Error(`the job ended ${last.job.state}: ${JSON.stringify(last.job.error)}`);
        const result = last.job.result as { rows: number; shards: number };
        const fs3Seconds = ((mergeStart ?? end) - (fs3Start ?? t0)) / 1000;
        const channelsPerSecond = result.rows / fs3Seconds;
        rows.push({
          workers: n,
          threadsPerWorker: o.threads,
          shards: result.shards,
          channels: result.rows,
          fs3Seconds,
          channelsPerSecond,
          imagesPerSecond: channelsPerSecond * 2 * o.images,
          speedup: rows.length ? channelsPerSecond / rows[0]!.channelsPerSecond : 1,
          mergeSeconds: (end - (mergeStart ?? end)) / 1000,
          totalSeconds: (end - t0) / 1000,
        });
      } finally {
        await studio.close(5000);
        for (const w of workers) w.kill('SIGTERM');
        await Promise.all(
          workers.map((w) => (w.exitCode === null ? new Promise((r) => w.once('exit', r)) : undefined)),
        );
        await sleep(200);
      }
    }
  } finally {
    await redis.dispose();
    await rm(tmp, { recursive: true, force: true });
  }
  return rows;
}

export const machineCores = (): number => cpus().length;
