import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A Redis server of our own for tests: Debian's `redis-server` on a free loopback port, nothing persisted. */
export interface LocalRedis {
  /** `redis://127.0.0.1:<port>`, or `rediss://` with `tls` (never with the password: that is `password`). */
  url: string;
  port: number;
  password?: string;
  /** With `tls`: the PEM of the self-signed certificate the server presents (clients trust it as a CA). */
  caPem?: string;
  /** With `tls`: the file holding `caPem` (for NODE_EXTRA_CA_CERTS of child processes). */
  caFile?: string;
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

/** A self-signed certificate for 127.0.0.1 (openssl, Debian's `openssl` package), written into `dir`. */
async function selfSignedCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  // These are a test server's only: a random key, valid for a day, for the loopback address.
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1'];
  args.push('-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
  await new Promise<void>((resolve, reject) =>
    execFile('openssl', args, (e, _out, err) =>
      e ? reject(new Error(`cannot make a test certificate with openssl (${e.message}): ${err}`)) : resolve(),
    ),
  );
  return { cert, key };
}

export interface LocalRedisOptions {
  /** Require this password (AUTH), as a managed Redis with an auth token does. */
  password?: string;
  /** Serve TLS only (`rediss://`), with a self-signed certificate for 127.0.0.1. */
  tls?: boolean;
}

export async function startLocalRedis(o: LocalRedisOptions = {}): Promise<LocalRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'styleclip-redis-'));
  const port = await freePort();
  const url = `${o.tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`;
  const tls = o.tls ? await selfSignedCertificate(dir) : undefined;
  const caPem = tls ? await readFile(tls.cert, 'utf8') : undefined;
  let proc: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    const p = spawn(
      REDIS_SERVER,
      [
        // TLS only (the plain port off), server-authenticated as ElastiCache is (no client certificates).
        ...(tls
          ? ['--port', '0', '--tls-port', String(port), '--tls-auth-clients', 'no']
          : ['--port', String(port)]),
        ...(tls ? ['--tls-cert-file', tls.cert, '--tls-key-file', tls.key] : []),
        ...(o.password !== undefined ? ['--requirepass', o.password] : []),
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
      const probe = new Redis(url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
        ...(o.password !== undefined ? { password: o.password } : {}),
        ...(caPem ? { tls: { ca: caPem } } : {}),
      });
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
    ...(o.password !== undefined ? { password: o.password } : {}),
    ...(tls ? { caPem, caFile: tls.cert } : {}),
    start,
    stop,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
