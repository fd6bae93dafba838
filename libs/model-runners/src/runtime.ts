import { Worker } from 'node:worker_threads';
import type { HostRequest, Request, Response } from './protocol';
import { SessionHost } from './session-host';
import type { Feeds, ModelHandle, ModelInfo, Runtime, RunnerConfig } from './types';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** Distributes `Omit<Request, 'id'>` without collapsing the union. */
type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

/** The transport to a SessionHost: a worker thread, or the host itself in-process. */
interface Backend {
  call(req: HostRequest): Promise<unknown>;
  close(): Promise<void>;
}

function workerBackend(config: RunnerConfig, log: (line: string) => void): Backend {
  const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url));
  // A worker with no pending work must not keep the process alive.
  worker.unref();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: Error | undefined;
  worker.on('message', (msg: Response) => {
    if ('log' in msg) return log(msg.log);
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (pending.size === 0) worker.unref();
    if (!p) return;
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(msg.error));
  });
  const failAll = (e: Error) => {
    failure = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('error', (e) => failAll(new Error(`model runner worker crashed: ${e.message}`)));
  worker.on('exit', (code) => failAll(new Error(`model runner worker exited (code ${code})`)));
  const call = (req: RequestBody) =>
    new Promise<unknown>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...req, id });
    });
  const ready = call({
    op: 'init',
    executionProvider: config.executionProvider,
    intraOpNumThreads: config.intraOpNumThreads,
  });
  return {
    call: async (req) => {
      await ready;
      return call(req);
    },
    close: async () => {
      if (!failure) await call({ op: 'dispose' }).catch(() => undefined);
      await worker.terminate();
    },
  };
}

function inlineBackend(config: RunnerConfig, log: (line: string) => void): Backend {
  const host = new SessionHost({
    executionProvider: config.executionProvider,
    intraOpNumThreads: config.intraOpNumThreads,
    log,
  });
  return {
    call: (req) => host.handle(req),
    close: () => host.dispose(),
  };
}

export const defaultRunnerConfig = (): RunnerConfig => ({
  executionProvider: 'cpu',
  intraOpNumThreads: 2,
  offMainThread: true,
});

/** Creates a runtime: sessions live in one worker thread (or in-process when `offMainThread` is false). */
export function createRuntime(partial: Partial<RunnerConfig> = {}): Runtime {
  const config: RunnerConfig = { ...defaultRunnerConfig(), ...partial };
  if (!Number.isInteger(config.intraOpNumThreads) || config.intraOpNumThreads < 1) {
    throw new Error(`intraOpNumThreads must be a positive integer, got ${config.intraOpNumThreads}`);
  }
  const log = config.log ?? (() => undefined);
  const backend = config.offMainThread ? workerBackend(config, log) : inlineBackend(config, log);
  const models = new Map<string, Promise<ModelHandle>>();

  const handle = (info: ModelInfo): ModelHandle => ({
    ...info,
    run: (feeds, outputs) =>
      backend.call({ op: 'run', name: info.name, feeds, ...(outputs ? { outputs } : {}) }) as Promise<Feeds>,
  });

  const runtime: Runtime = {
    config,
    load(name, source, options) {
      let m = models.get(name);
      if (!m) {
        m = (
          backend.call({ op: 'load', name, source, ...(options ? { options } : {}) }) as Promise<ModelInfo>
        ).then(handle);
        m.catch(() => models.delete(name));
        models.set(name, m);
      }
      return m;
    },
    async warmUp(name, feeds) {
      const model = await models.get(name);
      if (!model) throw new Error(`warmUp: model ${name} is not loaded`);
      const t0 = performance.now();
      await model.run(feeds);
      return performance.now() - t0;
    },
    async unload(name) {
      models.delete(name);
      await backend.call({ op: 'unload', name });
    },
    async dispose() {
      models.clear();
      await backend.close();
    },
  };
  return runtime;
}
