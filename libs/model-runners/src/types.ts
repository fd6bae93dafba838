/** A tensor crossing the runner boundary: plain typed arrays, no onnxruntime types. */
export interface TensorData {
  type: 'float32' | 'int64' | 'int32' | 'uint8' | 'bool' | 'float16';
  dims: readonly number[];
  data: Float32Array | BigInt64Array | Int32Array | Uint8Array | Uint16Array;
}

export type Feeds = Record<string, TensorData>;

export type ExecutionProvider = 'cpu' | 'cuda';

export interface RunnerConfig {
  /** Preferred provider; `cuda` falls back to `cpu` (with a log line) when CUDA is unavailable. */
  executionProvider: ExecutionProvider;
  /** Threads per operator (set explicitly: onnxruntime's default oversubscribes containers). */
  intraOpNumThreads: number;
  /** Run sessions in a worker thread (default) so the caller's event loop is never blocked. */
  offMainThread: boolean;
  /**
   * Worker threads (default 1), each holding every loaded model with `intraOpNumThreads` threads per operator;
   * concurrent runs go to different workers (see `throughputRunnerConfig`). Needs `offMainThread`.
   */
  workers?: number;
  /** Receives one line per notable event (provider choice, fallbacks). */
  log?: (line: string) => void;
}

export interface ModelInfo {
  name: string;
  inputNames: readonly string[];
  outputNames: readonly string[];
  /** The provider actually used. */
  executionProvider: ExecutionProvider;
}

export interface ModelHandle extends ModelInfo {
  run(feeds: Feeds, outputs?: readonly string[]): Promise<Feeds>;
}

/** Per-model session settings. */
export interface LoadOptions {
  /**
   * onnxruntime's CPU memory arena (default on: fastest for the product's forward graphs). The training graphs
   * turn it off: the arena grows by doubling and keeps what it grew, so a mapper-training step at 1024 (batch 2)
   * peaked above 24 GiB with it and at 9.7 GB without, and ran faster (tools/README.md).
   */
  memoryArena?: boolean;
}

export interface Runtime {
  readonly config: RunnerConfig;
  /** Loads (or returns the already loaded) model `name` from an ONNX file path or bytes. */
  load(name: string, source: string | Uint8Array, options?: LoadOptions): Promise<ModelHandle>;
  /** Runs `feeds` once so first-request latency does not include lazy initialization. */
  warmUp(name: string, feeds: Feeds): Promise<number>;
  unload(name: string): Promise<void>;
  dispose(): Promise<void>;
}
