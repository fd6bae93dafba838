// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- packages importing @styleclip/storage/testing need the ambient s3rver types
/// <reference path="./s3rver.d.ts" />
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** s3rver's fixed credentials (it checks signatures against them). */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface LocalS3 {
  readonly endpoint: string;
  readonly port: number;
  readonly directory: string;
  readonly bucket: string;
  readonly running: boolean;
  /** Stops the server now, dropping open connections (simulates an outage). Data stays in `directory`. */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory. */
  start(): Promise<void>;
  /** Stops it and removes the directory (unless it was given). */
  dispose(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver) on 127.0.0.1, on a random free port, storing into a temporary folder,
 * with `bucket` created. For tests only (s3rver is a devDependency).
 */
export async function startLocalS3(options: { bucket?: string; directory?: string } = {}): Promise<LocalS3> {
  const bucket = options.bucket ?? 'styleclip-test';
  const directory = options.directory ?? (await mkdtemp(path.join(os.tmpdir(), 'styleclip-s3rver-')));
  let server: S3rver | undefined;
  let port = 0;
  const start = async (): Promise<void> => {
    if (server) return;
    const s = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    });
    const address = await s.run();
    port = address.port;
    server = s;
  };
  const stop = async (): Promise<void> => {
    const s = server;
    if (!s) return;
    server = undefined;
    s.httpServer?.closeAllConnections();
    await s.close();
  };
  await start();
  return {
    get endpoint() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    directory,
    bucket,
    get running() {
      return server !== undefined;
    },
    start,
    stop,
    async dispose() {
      await stop();
      if (!options.directory) await rm(directory, { recursive: true, force: true });
    },
  };
}
