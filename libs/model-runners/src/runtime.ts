import { Worker } from 'node:worker_threads';
import type { HostRequest, Request, Response } from './protocol';
import { SessionHost } from './session-host';
import type { Feeds, ModelHandle, ModelInfo, Runtime, RunnerConfig } from './types';

/** Most worker threads a runtime starts (each holds a copy of every model it loads). */
export const MAX_WORKERS = 64;

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

/**
 * Several worker threads, each holding every model: loads, unloads and disposal go to all, a run goes to the
 * worker with the fewest runs in flight. Concurrent runs then execute in parallel (one onnxruntime session
 * runs one call at a time, and the Node binding blocks its thread while it does).
 */
function poolBackend(config: RunnerConfig, log: (line: string) => void): Backend {
  const members = Array.from({ length: config.workers ?? 1 }, () => ({
    backend: workerBackend(config, log),
    inFlight: 0,
  }));
  return {
    async call(req) {
      if (req.op !== 'run') {
        const [first] = await Promise.all(members.map((m) => m.backend.call(req)));
        return first;
      }
      const member = members.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      member.inFlight++;
      try {
        return await member.backend.call(req);
      } finally {
        member.inFlight--;
      }
    },
    close: async () => {
      await Promise.all(members.map((m) => m.backend.close()));
    },
  };
}

export const defaultRunnerConfig = (): RunnerConfig => ({
  executionProvider: 'cpu',
  intraOpNumThreads: 2,
  offMainThread: true,
});

/**
 * The configuration for throughput work made of many independent runs (the fs3 precompute): on CPU, one
 * single-threaded session per thread of `config` in as many worker threads, instead of one session using them
 * all. On this project's 2-core machine two single-threaded 1024 renders in parallel give 1.16× the images/s of
 * one two-threaded render (memory-bound and single-threaded operators leave a second thread idle). GPU
 * configurations are returned unchanged.
 */
export function throughputRunnerConfig(config: Partial<RunnerConfig> = {}): Partial<RunnerConfig> {
  const full = { ...defaultRunnerConfig(), ...config };
  if (full.executionProvider !== 'cpu' || !full.offMainThread) return config;
  return { ...config, workers: full.intraOpNumThreads * (full.workers ?? 1), intraOpNumThreads: 1 };
}

/**
 * Creates a runtime: sessions live in one worker thread, or `workers` of them (or in-process when
 * `offMainThread` is false).
 */
export function createRuntime(partial: Partial<RunnerConfig> = {}): Runtime {
  const config: RunnerConfig = { ...defaultRunnerConfig(), ...partial };
  if (!Number.isInteger(config.intraOpNumThreads) || config.intraOpNumThreads < 1) {
    throw new Error(`intraOpNumThreads must be a positive integer, got ${config.intraOpNumThreads}`);
  }
  const workers = config.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS)
    throw new Error(`workers must be an integer from 1 to ${MAX_WORKERS}, got ${config.workers}`);
  if (workers > 1 && !config.offMainThread) throw new Error('workers > 1 needs offMainThread');
  const log = config.log ?? (() => undefined);
  const backend = !config.offMainThread
    ? inlineBackend(config, log)
    : workers > 1
      ? poolBackend(config, log)
      : workerBackend(config, log);
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
