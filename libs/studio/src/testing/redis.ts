import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A Redis server of our own for tests: Debian's `redis-server` on a free loopback port, nothing persisted. */
export interface LocalRedis {
  url: string;
  port: number;
  /** Stops it (an outage); `start` brings it back on the same port (empty: nothing was persisted). */
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where `redis-server` is (REDIS_SERVER, else the PATH); CI installs Debian's `redis-server` package. */
const REDIS_SERVER = process.env['REDIS_SERVER'] ?? 'redis-server';

export async function startLocalRedis(): Promise<LocalRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'styleclip-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let proc: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    const p = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc = p;
    p.stdout!.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-4000)));
    p.stderr!.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-4000)));
    const spawnError = new Promise<never>((_, reject) =>
      p.once('error', (e) =>
        reject(
          new Error(
            `cannot run ${REDIS_SERVER} (${e.message}); install Debian's redis-server (apt-get install redis-server)`,
          ),
        ),
      ),
    );
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (p.exitCode !== null) throw new Error(`redis-server exited (${p.exitCode}):\n${output}`);
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      const ok = await Promise.race([
        probe.connect().then(
          () => probe.ping().then((r) => r === 'PONG'),
          () => false,
        ),
        spawnError,
      ]);
      probe.disconnect();
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on ${url}:\n${output}`);
      await sleep(50);
    }
  };
  const stop = async () => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  };
  await start();
  return {
    url,
    port,
    start,
    stop,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
