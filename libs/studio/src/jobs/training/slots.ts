/**
 * At most `size` training jobs at once in this process (each holds a loss graph: gigabytes at 1024), whatever the
 * job concurrency. A job waits for a slot (abortable: cancel and shutdown still work while it waits).
 */
export class TrainingSlots {
  private used = 0;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`training slots: ${size} is not a positive integer`);
  }

  get inUse(): number {
    return this.used;
  }

  /** Whether a slot is free now. */
  get free(): boolean {
    return this.used < this.size;
  }

  /** Waits for a slot; returns its release (call it once, when the job's work is done). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.used < this.size) {
      this.used++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(
          signal!.reason instanceof Error ? signal!.reason : new Error('aborted while waiting for a slot'),
        );
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
    return this.releaser();
  }

  /**
   * Runs `fn` holding a slot: `onWait` is called first when none is free (to say so in the job's progress),
   * the slot is released when `fn` settles.
   */
  async run<T>(fn: () => Promise<T>, o: { signal?: AbortSignal; onWait?: () => void } = {}): Promise<T> {
    if (!this.free) o.onWait?.();
    const release = await this.acquire(o.signal);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next)
        next.grant(); // the slot passes on: `used` stays
      else this.used--;
    };
  }
}
