import type { ExecutionProvider, Feeds, ModelInfo } from './types';

/** Messages between the runtime (main thread) and its worker. */
export type Request =
  | { id: number; op: 'init'; executionProvider: ExecutionProvider; intraOpNumThreads: number }
  | { id: number; op: 'load'; name: string; source: string | Uint8Array }
  | { id: number; op: 'run'; name: string; feeds: Feeds; outputs?: readonly string[] }
  | { id: number; op: 'unload'; name: string }
  | { id: number; op: 'dispose' };

export type Response =
  | { id: number; ok: true; value?: ModelInfo | Feeds }
  | { id: number; ok: false; error: string }
  | { id: -1; log: string };
