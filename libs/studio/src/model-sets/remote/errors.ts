/** Why a model-set transfer stopped. */
export type TransferErrorCode =
  /** No model set at the URL (no manifest.json), or a file the manifest lists is missing there. */
  | 'not_found'
  /** Bytes that do not match the manifest (size or sha256), remote or local: refused, never installed or pushed. */
  | 'corrupt'
  /** The manifest or a path in it is not acceptable (invalid manifest, unsafe file path, wrong id). */
  | 'invalid'
  /** The storage backend could not be reached or refused the request. */
  | 'unavailable'
  /** The caller stopped it (signal); what was transferred is kept and a re-run continues from there. */
  | 'aborted';

/** A model-set push or pull that did not complete; the message says which file and why. */
export class ModelSetTransferError extends Error {
  constructor(
    readonly code: TransferErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ModelSetTransferError';
  }
}

export const isTransferError = (e: unknown, code?: TransferErrorCode): e is ModelSetTransferError =>
  e instanceof ModelSetTransferError && (code === undefined || e.code === code);

/** Throws `aborted` when the signal fired. */
export function checkAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted)
    throw new ModelSetTransferError(
      'aborted',
      `${what}: interrupted; run it again to continue where it stopped`,
    );
}
