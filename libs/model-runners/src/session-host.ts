// The module that runs sessions on onnxruntime-node (kernel-profile.ts is the only other). Used inside the worker
// thread, or inline.
import './no-telemetry'; // first: before onnxruntime-node initializes
import * as ort from 'onnxruntime-node';
import type { HostRequest } from './protocol';
import type { ExecutionProvider, Feeds, LoadOptions, ModelInfo, TensorData } from './types';

export interface HostOptions {
  executionProvider: ExecutionProvider;
  intraOpNumThreads: number;
  log: (line: string) => void;
}

/** Every session's settings: threads per operator as configured, all graph optimizations, one op at a time. */
export function sessionOptions(intraOpNumThreads: number): ort.InferenceSession.SessionOptions {
  return {
    intraOpNumThreads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  };
}

/** Feeds as onnxruntime tensors (the typed arrays are shared, not copied). */
export function ortFeeds(feeds: Feeds): Record<string, ort.Tensor> {
  return Object.fromEntries(
    Object.entries(feeds).map(([k, v]) => [k, new ort.Tensor(v.type, v.data as never, [...v.dims])]),
  );
}

export class SessionHost {
  private readonly sessions = new Map<string, { session: ort.InferenceSession; info: ModelInfo }>();

  constructor(private readonly o: HostOptions) {}

  async load(name: string, source: string | Uint8Array, options: LoadOptions = {}): Promise<ModelInfo> {
    const existing = this.sessions.get(name);
    if (existing) return existing.info;
    const base: ort.InferenceSession.SessionOptions = {
      ...sessionOptions(this.o.intraOpNumThreads),
      ...(options.memoryArena === false ? { enableCpuMemArena: false } : {}),
    };
    let session: ort.InferenceSession | undefined;
    let provider: ExecutionProvider = 'cpu';
    if (this.o.executionProvider === 'cuda') {
      try {
        session = await create(source, { ...base, executionProviders: ['cuda', 'cpu'] });
        provider = 'cuda';
      } catch (e) {
        this.o.log(
          `model ${name}: CUDA execution provider unavailable (${firstLine(e)}); falling back to cpu`,
        );
      }
    }
    session ??= await create(source, { ...base, executionProviders: ['cpu'] });
    this.o.log(
      `model ${name}: execution provider ${provider}, intraOpNumThreads ${this.o.intraOpNumThreads}`,
    );
    const info: ModelInfo = {
      name,
      inputNames: [...session.inputNames],
      outputNames: [...session.outputNames],
      executionProvider: provider,
    };
    this.sessions.set(name, { session, info });
    return info;
  }

  async run(name: string, feeds: Feeds, outputs?: readonly string[]): Promise<Feeds> {
    const entry = this.sessions.get(name);
    if (!entry) throw new Error(`model ${name} is not loaded`);
    const missing = entry.info.inputNames.filter((n) => !(n in feeds));
    if (missing.length > 0) throw new Error(`model ${name}: missing inputs ${missing.join(', ')}`);
    const unknown = Object.keys(feeds).find((k) => !entry.info.inputNames.includes(k));
    if (unknown !== undefined) throw new Error(`model ${name}: unknown input ${unknown}`);
    const inputs = ortFeeds(feeds);
    const result = outputs ? await entry.session.run(inputs, [...outputs]) : await entry.session.run(inputs);
    const out: Feeds = {};
    for (const [k, t] of Object.entries(result)) {
      out[k] = { type: t.type as TensorData['type'], dims: [...t.dims], data: t.data as TensorData['data'] };
    }
    return out;
  }

  async unload(name: string): Promise<void> {
    const entry = this.sessions.get(name);
    this.sessions.delete(name);
    await entry?.session.release();
  }

  async dispose(): Promise<void> {
    for (const name of [...this.sessions.keys()]) await this.unload(name);
  }

  /** Answers one request: load → ModelInfo, run → Feeds, unload / dispose → undefined. */
  async handle(req: HostRequest): Promise<ModelInfo | Feeds | void> {
    switch (req.op) {
      case 'load':
        return this.load(req.name, req.source, req.options);
      case 'run':
        return this.run(req.name, req.feeds, req.outputs);
      case 'unload':
        return this.unload(req.name);
      case 'dispose':
        return this.dispose();
    }
  }
}

function create(source: string | Uint8Array, options: ort.InferenceSession.SessionOptions) {
  return typeof source === 'string'
    ? ort.InferenceSession.create(source, options)
    : ort.InferenceSession.create(source, options);
}

const firstLine = (e: unknown) => String(e instanceof Error ? e.message : e).split('\n')[0];
