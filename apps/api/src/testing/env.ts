import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type BlobStore } from '@styleclip/studio';
import {
  LOCAL_S3_CREDENTIALS,
  modelsDirWithTiny,
  startLocalS3,
  StorageError,
  type LocalS3,
} from '@styleclip/studio/testing';
import { hashApiKey } from '../auth';
import { configFromEnv } from '../config';
import { startApiServer, type ApiServer } from '../server';
import { GqlClient } from './client';

export type Backend = 'fs' | 's3';

/**
 * A storage outage on demand. `armOnNextPut()`: the next write (a `put`) first takes storage down, then
 * proceeds, so it fails mid-request. On S3 the local server really stops (and `restore` starts it again); on
 * the filesystem, which cannot go away, every operation fails with `unavailable` until `restore`.
 */
export class Outage {
  private armed = false;
  private down = false;
  constructor(private readonly s3?: LocalS3) {}

  armOnNextPut(): void {
    this.armed = true;
  }

  async restore(): Promise<void> {
    this.armed = false;
    this.down = false;
    if (this.s3 && !this.s3.running) await this.s3.start();
  }

  wrap(inner: BlobStore): BlobStore {
    const gate = async (op: string) => {
      if (this.armed && op === 'put') {
        this.armed = false;
        if (this.s3) await this.s3.stop();
        else this.down = true;
      }
      if (this.down) throw new StorageError('unavailable', `simulated filesystem outage (${op})`);
    };
    return {
      description: inner.description,
      put: async (k, b, o) => (await gate('put'), inner.put(k, b, o)),
      get: async (k) => (await gate('get'), inner.get(k)),
      getStream: async (k) => (await gate('get'), inner.getStream(k)),
      head: async (k) => (await gate('head'), inner.head(k)),
      exists: async (k) => (await gate('head'), inner.exists(k)),
      delete: async (k) => (await gate('delete'), inner.delete(k)),
      list: async (p, o) => (await gate('list'), inner.list(p, o)),
      url: async (k, o) => (await gate('url'), inner.url(k, o)),
      presignPut: async (k, o) => (await gate('presign'), inner.presignPut(k, o)),
      close: () => (inner as { close?: () => void }).close?.(),
    } as BlobStore;
  }
}

export const TEST_API_KEY = 'test-key-0123456789';

export interface TestEnv {
  backend: Backend;
  root: string;
  s3?: LocalS3;
  /** Environment of servers on this env's storage (each server gets its own prefix / data folder by name). */
  envFor(name: string, extra?: Record<string, string>): Record<string, string>;
  /** Starts a server on this env's storage. */
  start(
    name: string,
    extra?: Record<string, string>,
    o?: { outage?: Outage; wrap?: (store: BlobStore) => BlobStore },
  ): Promise<ApiServer>;
  dispose(): Promise<void>;
}

/** Temp folders, a local S3 server when the backend is S3, and the tiny model set, for integration tests. */
export async function createTestEnv(backend: Backend): Promise<TestEnv> {
  const root = await mkdtemp(join(tmpdir(), `styleclip-api-${backend}-`));
  const s3 = backend === 's3' ? await startLocalS3() : undefined;
  const models = await modelsDirWithTiny(root, 'link');
  const servers: ApiServer[] = [];
  const envFor = (name: string, extra: Record<string, string> = {}): Record<string, string> => ({
    STYLECLIP_HOST: '127.0.0.1',
    STYLECLIP_PORT: '0',
    STYLECLIP_MODELS_DIR: models,
    STYLECLIP_LOG_LEVEL: process.env.STYLECLIP_TEST_LOG_LEVEL ?? 'silent',
    STYLECLIP_INTRA_OP_THREADS: '1',
    STYLECLIP_API_KEY_SHA256: `tests:${hashApiKey(TEST_API_KEY)}`,
    STYLECLIP_RATE_LIMIT_PER_MINUTE: '0',
    STYLECLIP_JOB_PERSIST_MS: '0',
    STYLECLIP_SHUTDOWN_TIMEOUT_MS: '20000',
    ...(s3
      ? {
          STYLECLIP_STORAGE: 's3',
          STYLECLIP_S3_BUCKET: s3.bucket,
          STYLECLIP_S3_ENDPOINT: s3.endpoint,
          STYLECLIP_S3_FORCE_PATH_STYLE: 'true',
          STYLECLIP_S3_PREFIX: name,
          AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
        }
      : { STYLECLIP_STORAGE: 'fs', STYLECLIP_DATA_DIR: join(root, 'data', name) }),
    ...extra,
  });
  return {
    backend,
    root,
    ...(s3 ? { s3 } : {}),
    envFor,
    async start(name, extra = {}, o = {}) {
      const config = configFromEnv(envFor(name, extra));
      const wrap = o.outage ? (b: BlobStore) => o.outage!.wrap(b) : o.wrap;
      const server = await startApiServer(config, {
        logger: createLogger(config.studio.logLevel),
        ...(wrap ? { wrapBlobStore: wrap } : {}),
      });
      servers.push(server);
      return server;
    },
    async dispose() {
      await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
      await s3?.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export const clientOf = (server: ApiServer, key: string | null = TEST_API_KEY): GqlClient =>
  new GqlClient(server.url, key ?? undefined);

/**
 * A store whose next write of a key matching `pattern` fails as an outage would (once per `arm()`), for failures
 * at one precise step (e.g. publishing directions).
 */
export class FailingWrite {
  private armed = false;
  constructor(private readonly pattern: RegExp) {}

  arm(): void {
    this.armed = true;
  }

  wrap = (inner: BlobStore): BlobStore =>
    new Proxy(inner, {
      get: (target, prop) => {
        if (prop === 'put') {
          const put: BlobStore['put'] = async (key, body, options) => {
            if (this.armed && this.pattern.test(key)) {
              this.armed = false;
              throw new StorageError('unavailable', `simulated outage writing ${key}`);
            }
            return target.put(key, body, options);
          };
          return put;
        }
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
}

/**
 * A store that runs a step of the test at a precise point of the server's work: `once('delete', /pattern/, fn)`
 * runs `fn` when the server is about to delete a matching key (before the delete happens), once. For interleavings
 * that timing alone would make flaky (a concurrent writer between two steps of a deletion).
 */
export class Interleave {
  private readonly hooks: { op: 'put' | 'delete'; pattern: RegExp; fn: () => Promise<void> }[] = [];

  once(op: 'put' | 'delete', pattern: RegExp, fn: () => Promise<void>): void {
    this.hooks.push({ op, pattern, fn });
  }

  private async run(op: 'put' | 'delete', key: string): Promise<void> {
    const i = this.hooks.findIndex((h) => h.op === op && h.pattern.test(key));
    if (i < 0) return;
    const [hook] = this.hooks.splice(i, 1);
    await hook!.fn();
  }

  wrap = (inner: BlobStore): BlobStore =>
    new Proxy(inner, {
      get: (target, prop) => {
        if (prop === 'put') {
          const put: BlobStore['put'] = async (key, body, options) => {
            await this.run('put', key);
            return target.put(key, body, options);
          };
          return put;
        }
        if (prop === 'delete') {
          const del: BlobStore['delete'] = async (key) => {
            await this.run('delete', key);
            return target.delete(key);
          };
          return del;
        }
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
}
