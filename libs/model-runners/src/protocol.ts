import type { ExecutionProvider, Feeds, LoadOptions, ModelInfo } from './types';

/** The requests a SessionHost answers (`SessionHost.handle`), in the worker or in-process. */
export type HostRequest =
  | { op: 'load'; name: string; source: string | Uint8Array; options?: LoadOptions }
  | { op: 'run'; name: string; feeds: Feeds; outputs?: readonly string[] }
  | { op: 'unload'; name: string }
  | { op: 'dispose' };

/** Messages between the runtime (main thread) and its worker: the host requests plus the worker's init. */
export type Request =
  | { id: number; op: 'init'; executionProvider: ExecutionProvider; intraOpNumThreads: number }
  | (HostRequest & { id: number });

export type Response =
  | { id: number; ok: true; value?: ModelInfo | Feeds }
  | { id: number; ok: false; error: string }
  | { id: -1; log: string };
