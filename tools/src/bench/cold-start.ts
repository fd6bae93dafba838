// Cold start of an API server whose model set lives in S3: the real process (`apps/api/src/main.ts`) with
// STYLECLIP_MODEL_SETS pointing at s3rver on loopback, timed from spawn to its first `/readyz` 200, and split by its
// own log lines into process boot (spawn → listening), pull (download and verify into the empty cache), session
// creation and warm-up (one generation + CLIP). Then a warm restart on the same cache: the pull step only re-hashes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRemoteUrl, pushModelSet, UploadJournals } from '@styleclip/studio';
import { freePort, LOCAL_S3_CREDENTIALS, startLocalS3 } from '@styleclip/studio/testing';

export interface ColdStartRow {
  run: 'cold' | 'warm restart';
  /** Spawn → the server listens (node, tsx, imports, config). */
  bootS: number;
  /** Pulling the set: download + hashing (cold), hashing only (warm). */
  pullS: number;
  transferredMB: number;
  pullMBps: number;
  /** Creating the sessions of the models the first requests use. */
  sessionsS: number;
  /** One generation and one CLIP image + text embedding. */
  warmUpS: number;
  /** Spawn → first `/readyz` 200. */
  readyS: number;
  /** Peak resident memory of the API process when ready (Linux: VmHWM), MB. */
  peakRssMB?: number;
}

export interface ColdStartResult {
  set: string;
  setMB: number;
  files: number;
  pushS: number;
  rows: ColdStartRow[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  t0: number;
  /** performance.now() when each message was first seen. */
  seen: Map<string, number>;
  out: () => string;
}

function startApi(root: string, env: NodeJS.ProcessEnv): Run {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps', 'api', 'src', 'main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  const logs: Record<string, unknown>[] = [];
  const seen = new Map<string, number>();
  let raw = '';
  let partial = '';
  child.stdout!.on('data', (b: Buffer) => {
    const lines = (partial + b.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      try {
        const l = JSON.parse(line) as Record<string, unknown>;
        logs.push(l);
        if (!seen.has(String(l.msg))) seen.set(String(l.msg), performance.now());
      } catch {
        raw = (raw + line + '\n').slice(-10_000);
      }
    }
  });
  child.stderr!.on('data', (b: Buffer) => (raw = (raw + b.toString()).slice(-10_000)));
  return {
    child,
    logs,
    t0,
    seen,
    out: () =>
      raw +
      logs
        .slice(-20)
        .map((l) => JSON.stringify(l))
        .join('\n'),
  };
}

async function untilReady(run: Run, url: string, timeoutMs: number): Promise<number> {
  for (;;) {
    if (run.child.exitCode !== null) throw new Error(`the API exited (${run.child.exitCode}):\n${run.out()}`);
    const status = await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return performance.now();
    if (performance.now() - run.t0 > timeoutMs)
      throw new Error(`the API was not ready in time:\n${run.out()}`);
    await sleep(50);
  }
}

/** The peak resident set of a process (Linux /proc), MB. */
async function peakRssMb(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
}

async function stop(run: Run): Promise<void> {
  if (run.child.exitCode !== null) return;
  const exited = new Promise((r) => run.child.once('exit', r));
  run.child.kill('SIGTERM');
  const t = setTimeout(() => run.child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(t);
}

/** Times the cold start and a warm restart of the API for the set in `setDir` (pushed to a local s3rver first). */
export async function benchColdStart(
  root: string,
  setDir: string,
  setId: string,
  o: { threads: number; timeoutMs?: number; log?: (line: string) => void },
): Promise<ColdStartResult> {
  const log = o.log ?? (() => undefined);
  const tmp = await mkdtemp(join(tmpdir(), 'bench-cold-start-'));
  const s3 = await startLocalS3({ directory: join(tmp, 's3rver') });
  try {
    const s3Env = {
      STYLECLIP_S3_ENDPOINT: s3.endpoint,
      STYLECLIP_S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    };
    const url = `s3://${s3.bucket}/models/${setId}`;
    log(`pushing ${setDir} to ${url} (s3rver on loopback)…`);
    const remote = openRemoteUrl(url, s3Env);
    const pushed = await pushModelSet(setDir, remote, {
      journals: new UploadJournals(join(tmp, 'journals')),
    });
    remote.objects.close();

    const cache = join(tmp, 'cache');
    const rows: ColdStartRow[] = [];
    for (const run of ['cold', 'warm restart'] as const) {
      const port = await freePort();
      const apiUrl = `http://127.0.0.1:${port}`;
      log(`${run === 'cold' ? 'cold start' : run} of the API (${setId}, ${o.threads} threads)…`);
      const api = startApi(root, {
        ...process.env,
        ...s3Env,
        STYLECLIP_PORT: String(port),
        STYLECLIP_STORAGE: 'fs',
        STYLECLIP_DATA_DIR: join(tmp, 'data'),
        STYLECLIP_MODELS_DIR: cache,
        STYLECLIP_MODEL_SETS: url,
        STYLECLIP_DEFAULT_MODEL_SET: setId,
        STYLECLIP_INTRA_OP_THREADS: String(o.threads),
        STYLECLIP_LOG_LEVEL: 'info',
        STYLECLIP_SHUTDOWN_TIMEOUT_MS: '5000',
      });
      try {
        const ready = await untilReady(api, apiUrl, o.timeoutMs ?? 30 * 60_000);
        // The log line with the split can trail the readiness answer on the pipe.
        for (let i = 0; i < 100 && !api.seen.has('default model set loaded'); i++) await sleep(50);
        const loaded = api.logs.find((l) => l.msg === 'default model set loaded');
        const pulled = api.logs.find((l) =>
          /^model set (pulled|verified in the local cache)$/.test(String(l.msg)),
        );
        if (!loaded || !pulled) throw new Error(`missing log lines:\n${api.out()}`);
        const listening = api.seen.get('listening') ?? ready;
        const rss = await peakRssMb(api.child.pid);
        const pullS = Number(loaded.pullMs) / 1000;
        const transferred = Number(pulled.transferredBytes);
        rows.push({
          run,
          bootS: (listening - api.t0) / 1000,
          pullS,
          transferredMB: transferred / 1e6,
          pullMBps: Number(pulled.totalBytes) / 1e6 / pullS,
          sessionsS: Number(loaded.sessionsMs) / 1000,
          warmUpS: Number(loaded.warmUpMs) / 1000,
          readyS: (ready - api.t0) / 1000,
          ...(rss !== undefined ? { peakRssMB: rss } : {}),
        });
      } finally {
        await stop(api);
      }
    }
    return {
      set: setId,
      setMB: pushed.totalBytes / 1e6,
      files: pushed.files.length,
      pushS: pushed.ms / 1000,
      rows,
    };
  } finally {
    await s3.dispose();
    await rm(tmp, { recursive: true, force: true });
  }
}
