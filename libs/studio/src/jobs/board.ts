import type { JobRecord } from '../records';

/** A job as published: the record and when it last changed. */
export interface JobEvent {
  job: JobRecord;
  updatedAt: string;
}

export type JobState = JobRecord['state'];

const TERMINAL: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
export const isTerminal = (state: string): boolean => TERMINAL.has(state);

/**
 * Whether `next` may replace the live state `live` of a job. Updates of one job come from several places at
 * once (the shards of a precompute run on different workers), so the live state only moves forward: a terminal
 * state is final (the first one wins), and within one state progress never goes back. A state change (QUEUED →
 * RUNNING, or back to QUEUED after an interruption) always passes.
 */
export function acceptsUpdate(
  live: { state: string; progress: number } | undefined,
  next: { state: string; progress: number },
): boolean {
  if (!live) return true;
  if (isTerminal(live.state)) return live.state === next.state;
  if (live.state === next.state) return next.progress >= live.progress;
  return true;
}

/** Sum of the children's units in a fan-out, and the baseline its rate (ETA) is measured from. */
export interface FanOutTally {
  /** Units done over every child (each child's count never decreases). */
  done: number;
  /** Units that were done before this run measured anything (resumed work), and when measuring began. */
  baseline: number;
  since: number;
  /** Now, on the same clock as `since` (ms). */
  now: number;
}

/**
 * Live job state, events and cancellation shared by every process that runs or reports jobs: in memory for the
 * embedded default, in Redis when jobs go through the queue. Job records in the blob store stay the source of
 * truth; the board holds what changes too often to write there (progress) and tells everyone at once.
 */
export interface JobBoard {
  /** Publishes a new state of a job when `acceptsUpdate` allows it (and keeps it as the live state). */
  publish(event: JobEvent): Promise<boolean>;
  /** Live states of jobs (undefined for a job nobody reported on recently). */
  live(ids: readonly string[]): Promise<(JobEvent | undefined)[]>;
  /**
   * Events of one job: `initial` first, then every accepted update, ending after a terminal state. `return()`
   * (the client leaving) ends it at once, even while it waits.
   */
  subscribe(initial: JobEvent): AsyncIterableIterator<JobEvent>;
  /** Every accepted event (of any job), in this process. Returns the unsubscribe function. */
  onEvent(listener: (e: JobEvent) => void): () => void;
  /** Records child `index`'s units done in a fan-out of `rootId` (never decreasing) and returns the tally. */
  tallyChild(rootId: string, index: number, done: number, o?: { baseline?: boolean }): Promise<FanOutTally>;
  /** Forgets a fan-out's tally (when its job ended). */
  clearTally(rootId: string): Promise<void>;
  /** Marks a job cancelled for every process; listeners (`onCancel`) hear it at once. */
  requestCancel(id: string): Promise<void>;
  cancelRequested(id: string): Promise<boolean>;
  onCancel(listener: (id: string) => void): () => void;
  /**
   * Takes an exclusive key (e.g. one precompute per model set) for a job; returns the holder when another job
   * holds it (stale holders are the caller's to judge and `release`).
   */
  claim(key: string, jobId: string): Promise<string | undefined>;
  release(key: string, jobId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * An async iterator over events pushed to it: ends after a terminal event, or when the consumer returns. Used by
 * both boards for `subscribe`.
 */
export function eventStream(
  initial: JobEvent,
  attach: (push: (e: JobEvent) => void) => () => void,
): AsyncIterableIterator<JobEvent> {
  const queue: JobEvent[] = [initial];
  let wake: (() => void) | undefined;
  let ended = false;
  const detach = attach((e) => {
    queue.push(e);
    wake?.();
  });
  const stop = () => {
    if (ended) return;
    ended = true;
    detach();
    wake?.();
  };
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
