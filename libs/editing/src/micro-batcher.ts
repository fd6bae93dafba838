import { concatRows, rows, type Array32 } from '@styleclip/latent-math';

export interface MicroBatchOptions {
  /** Most rows per run. */
  maxBatch: number;
  /** How long the first request of a batch waits for company (ms). 0 = only what is already queued. */
  windowMs: number;
}

interface Pending {
  input: Array32;
  resolve: (out: Array32) => void;
  reject: (e: unknown) => void;
}

/**
 * Gathers concurrent calls of a batched function (e.g. synthesis S [N,C] → images [N,…]) into one run: the
 * first call opens a short window, calls arriving meanwhile join, inputs are concatenated along the batch
 * axis and the output is split back. Counts the batch sizes it ran (for metrics and load reports).
 */
export class MicroBatcher {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** How many runs had each batch size (rows → runs), since the batcher was made. */
  readonly histogram = new Map<number, number>();

  constructor(
    private readonly fn: (input: Array32) => Promise<Array32>,
    private readonly o: MicroBatchOptions,
  ) {}

  call(input: Array32): Promise<Array32> {
    if (input.shape[0]! >= this.o.maxBatch)
      return this.fn(input).then((out) => (this.record(input.shape[0]!), out));
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private record(n: number): void {
    this.histogram.set(n, (this.histogram.get(n) ?? 0) + 1);
  }

  private schedule(): void {
    if (this.running || this.timer) return;
    const queued = this.queue.reduce((s, p) => s + p.input.shape[0]!, 0);
    if (queued >= this.o.maxBatch || this.o.windowMs === 0) void this.flush();
    else this.timer = setTimeout(() => void this.flush(), this.o.windowMs);
  }

  private async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || this.queue.length === 0) return;
    // Take whole requests up to maxBatch rows (at least one).
    const batch: Pending[] = [];
    let n = 0;
    while (
      this.queue.length > 0 &&
      (batch.length === 0 || n + this.queue[0]!.input.shape[0]! <= this.o.maxBatch)
    ) {
      const p = this.queue.shift()!;
      batch.push(p);
      n += p.input.shape[0]!;
    }
    this.running = true;
    try {
      const out = await this.fn(batch.length === 1 ? batch[0]!.input : concatRows(batch.map((p) => p.input)));
      this.record(n);
      let at = 0;
      for (const p of batch) {
        const k = p.input.shape[0]!;
        // Copy each slice so callers never share (or keep alive) the whole batch's buffer.
        const part = rows(out, at, at + k);
        p.resolve({ shape: part.shape, data: part.data.slice() });
        at += k;
      }
    } catch (e) {
      for (const p of batch) p.reject(e);
    } finally {
      this.running = false;
      if (this.queue.length > 0) this.schedule();
    }
  }
}
