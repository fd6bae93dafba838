import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@styleclip/testing';

/** A service process of the cluster (API or worker) with its JSON log lines kept for the test to read. */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Parsed pino lines so far (stdout). */
  logs: Record<string, unknown>[];
  /** Raw output (stderr and unparsable stdout), for failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait (SIGKILL after `ms`). */
  stop(ms?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const ENTRY = {
  api: join(repoRoot(), 'apps', 'api', 'src', 'main.ts'),
  worker: join(repoRoot(), 'apps', 'worker', 'src', 'main.ts'),
};

export function startService(name: string, entry: string, env: NodeJS.ProcessEnv): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let raw = '';
  let partial = '';
  child.stdout!.on('data', (b: Buffer) => {
    const lines = (partial + b.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        raw = (raw + line + '\n').slice(-20_000);
      }
    }
  });
  child.stderr!.on('data', (b: Buffer) => (raw = (raw + b.toString()).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  return {
    name,
    child,
    logs,
    output: () =>
      `${raw}${logs
        .slice(-30)
        .map((l) => JSON.stringify(l))
        .join('\n')}`,
    exited,
    async stop(ms = 30_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), ms);
        const r = await exited;
        clearTimeout(t);
        return r;
      }
      return exited;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value (not undefined), or throws with `what` after `ms`. */
export async function waitFor<T>(
  what: () => string,
  check: () => T | undefined | Promise<T | undefined>,
  ms = 120_000,
): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting: ${what()}`);
    await sleep(25);
  }
}
