import { EventEmitter } from 'node:events';
import type { JobRecord } from '../records';

/** A job as published: the record and when it last changed. */
export interface JobEvent {
  job: JobRecord;
  updatedAt: string;
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
export const isTerminal = (state: string): boolean => TERMINAL.has(state);

/**
 * In-process job events (this process runs the jobs it reports on). Subscribers get an async iterator that
 * starts with the current state and ends after a terminal state, or when they stop listening.
 */
export class JobEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: JobEvent): void {
    this.emitter.emit(event.job.id, event);
  }

  /**
   * Events of one job: `initial` first, then every update, ending after a terminal state. `return()` (the client
   * unsubscribing) ends it at once, even while it waits.
   */
  subscribe(initial: JobEvent): AsyncIterableIterator<JobEvent> {
    const queue: JobEvent[] = [initial];
    let wake: (() => void) | undefined;
    let ended = false;
    const onEvent = (e: JobEvent) => {
      queue.push(e);
      wake?.();
    };
    const stop = () => {
      if (ended) return;
      ended = true;
      this.emitter.off(initial.job.id, onEvent);
      wake?.();
    };
    this.emitter.on(initial.job.id, onEvent);
    const iterator: AsyncIterableIterator<JobEvent> = {
      next: async () => {
        while (!ended && queue.length === 0) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        const e = queue.shift();
        if (!e) return { value: undefined, done: true };
        if (isTerminal(e.job.state)) {
          // Deliver the terminal event; the next call ends the iteration.
          stop();
          queue.length = 0;
        }
        return { value: e, done: false };
      },
      return: async () => {
        stop();
        queue.length = 0;
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Listeners currently attached (for tests and metrics). */
  listeners(jobId: string): number {
    return this.emitter.listenerCount(jobId);
  }
}
