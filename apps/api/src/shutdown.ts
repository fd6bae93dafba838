import type { Logger } from '@styleclip/studio';

/** Counts in-flight requests so a shutdown can wait for them. */
export class Drain {
  private count = 0;
  private waiters: (() => void)[] = [];

  begin(): void {
    this.count++;
  }

  end(): void {
    this.count--;
    if (this.count === 0) for (const w of this.waiters.splice(0)) w();
  }

  get inFlight(): number {
    return this.count;
  }

  /** Resolves true when no request is in flight, false if `timeoutMs` passes first. */
  wait(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }
}

/**
 * SIGTERM / SIGINT → graceful stop (`close`), then exit 0; a second signal exits at once (code 130). Returns a
 * function that removes the handlers.
 */
export function handleSignals(
  close: () => Promise<void>,
  log: Logger,
  exit: (code: number) => void = (c) => process.exit(c),
): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      exit(130);
      return;
    }
    stopping = true;
    log.info({ signal }, 'signal received: stopping gracefully');
    close().then(
      () => exit(0),
      (e) => {
        log.error({ err: e }, 'error while stopping');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
