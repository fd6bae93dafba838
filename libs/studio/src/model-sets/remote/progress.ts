/** Progress of a push or pull, in bytes of the set's files (verified, skipped or transferred so far). */
export interface TransferProgress {
  /** Bytes accounted for: files found in place and verified, plus bytes transferred (or re-read to resume). */
  done: number;
  /** All bytes of the set's files. */
  total: number;
  /** The file this update is about. */
  file: string;
  /** What is happening to it. */
  step: 'verified' | 'transferring' | 'done';
}

/** What happened to each file. */
export interface FileOutcome {
  path: string;
  bytes: number;
  /** `kept`: already there and verified; `transferred`: sent whole; `resumed`: continued from `resumedAt`. */
  action: 'kept' | 'transferred' | 'resumed';
  /** Bytes already there when a transfer resumed. */
  resumedAt?: number;
}

export interface TransferResult {
  id: string;
  files: FileOutcome[];
  /** Bytes that went over the network this run. */
  transferredBytes: number;
  totalBytes: number;
  ms: number;
}

/** Runs `fn` over `items` with at most `limit` at once; the first failure stops new starts and is thrown. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failed: { e: unknown } | undefined;
  const run = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!);
      } catch (e) {
        failed ??= { e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, run));
  if (failed) throw failed.e;
  return out;
}
