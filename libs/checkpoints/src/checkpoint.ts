export type CheckpointFormat =
  'torch-zip' | 'torch-legacy' | 'torchscript' | 'safetensors' | 'npy' | 'npz' | 'pickle';

/** An open checkpoint: its object tree is in memory, tensor data stays in the file until loaded. */
export interface Checkpoint {
  readonly path: string;
  readonly format: CheckpointFormat;
  /**
   * The stored object: for torch files the unpickled object (dicts as Map, tensors as LazyTensor, TorchScript
   * modules as PickleObject records); for safetensors/npz a Map of name → LazyTensor; for npy a LazyTensor.
   */
  readonly root: unknown;
  /** TorchScript only: the unpickled `constants.pkl` (a tuple). */
  readonly constants?: unknown;
  /** safetensors only: the `__metadata__` strings. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Closes the file; LazyTensors of this checkpoint cannot load afterwards. */
  close(): Promise<void>;
}

/** What a format reader returns; `open.ts` adds the path and close(). */
export interface Opened {
  format: CheckpointFormat;
  root: unknown;
  constants?: unknown;
  metadata?: Record<string, string>;
}

export interface ReadOptions {
  /**
   * Extra pickle globals to accept as opaque records ("module.name" or "module.*"), e.g. a project's own
   * options class. They are never imported or called.
   */
  opaqueGlobals?: Iterable<string>;
}
