/** Progress of long work (S statistics, fs3): what, how far, and an ETA when it can be estimated. */
export interface WorkProgress {
  phase: 's-stats' | 'fs3' | 'done';
  done: number;
  total: number;
  /** Seconds remaining at the current rate (undefined until measurable). */
  etaSeconds?: number;
  note?: string;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const e = new Error('cancelled');
    e.name = 'AbortError';
    throw e;
  }
}

/** Tracks a rate over the units done in this run (not the ones resumed from disk). */
export class Eta {
  private readonly t0 = performance.now();
  constructor(private readonly startDone: number) {}
  seconds(done: number, total: number): number | undefined {
    const fresh = done - this.startDone;
    if (fresh <= 0) return undefined;
    const perUnit = (performance.now() - this.t0) / 1000 / fresh;
    return perUnit * (total - done);
  }
}
