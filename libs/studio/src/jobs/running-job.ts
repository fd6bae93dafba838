import { toStudioError } from '../errors';
import type { Logger } from '../log';
import type { JobRecord } from '../records';
import { isTerminal, type JobBoard, type JobEvent } from './board';
import type { JobProgress } from './kinds';
import type { JobStore } from './store';

/** Why a running job was aborted. */
export type AbortReason = 'cancel' | 'shutdown';

export interface RunningJobDeps {
  store: JobStore;
  board: JobBoard;
  log: Logger;
  /** Progress is saved to the record at most this often (events go out at once). */
  persistIntervalMs: number;
}

/**
 * One job being run (or reported on) by this process: keeps its state, publishes every change on the board and
 * saves it to the record (progress throttled, lifecycle changes at once, final states with retries). Used by the
 * embedded runner and by workers alike.
 */
export class RunningJob {
  job: JobRecord;
  updatedAt: string;
  private lastPersist = 0;
  private persisting: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly d: RunningJobDeps,
    job: JobRecord,
    updatedAt = new Date().toISOString(),
  ) {
    this.job = job;
    this.updatedAt = updatedAt;
  }

  get event(): JobEvent {
    return { job: this.job, updatedAt: this.updatedAt };
  }

  /** RUNNING: saved and published. `countAttempt` is false when a run continues one (after a fan-out). */
  async begin(o: { countAttempt: boolean; phase?: string }): Promise<void> {
    const { interrupted: _i, ...rest } = this.job;
    this.job = {
      ...rest,
      state: 'RUNNING',
      phase: o.phase ?? 'starting',
      attempts: this.job.attempts + (o.countAttempt ? 1 : 0),
    };
    this.updatedAt = await this.d.store.put(this.job);
    await this.d.board.publish(this.event);
  }

  /** A progress report: published at once, saved at most every persist interval. */
  progress(p: JobProgress): void {
    if (isTerminal(this.job.state)) return;
    const next: JobRecord = {
      ...this.job,
      phase: p.phase,
      done: p.done,
      total: p.total,
      progress: Math.min(1, Math.max(0, p.progress)),
    };
    if (p.etaSeconds !== undefined && Number.isFinite(p.etaSeconds)) next.etaSeconds = p.etaSeconds;
    else delete next.etaSeconds;
    if (p.detail !== undefined) next.detail = p.detail;
    if (p.preview !== undefined) next.preview = p.preview;
    this.job = next;
    this.updatedAt = new Date().toISOString();
    const event = this.event;
    void this.d.board
      .publish(event)
      .catch((e) =>
        this.d.log.warn({ jobId: next.id, err: (e as Error).message }, 'could not publish progress'),
      );
    const now = performance.now();
    if (now - this.lastPersist >= this.d.persistIntervalMs) {
      this.lastPersist = now;
      this.persisting = this.persisting
        .then(() => this.d.store.put(next))
        .catch((e) =>
          this.d.log.warn({ jobId: next.id, err: (e as Error).message }, 'could not save job progress'),
        );
    }
  }

  /** Waits for progress saves in flight (before a run hands over to another). */
  async flush(): Promise<void> {
    await this.persisting.catch(() => undefined);
  }

  /**
   * Saves and publishes a new lifecycle state (after any progress save in flight). Final states are retried;
   * if storage stays down the job runs again later (its record still says it did not end).
   */
  async settle(fields: Partial<JobRecord> & { state: JobRecord['state'] }): Promise<JobEvent> {
    await this.persisting.catch(() => undefined);
    const next: JobRecord = { ...this.job, ...fields };
    if (next.state !== 'RUNNING') delete next.etaSeconds; // nothing runs, nothing to estimate
    this.job = next;
    try {
      this.updatedAt = await this.d.store.put(next, isTerminal(next.state) ? 5 : 2);
    } catch (e) {
      this.d.log.error({ jobId: next.id, err: e }, 'could not save the job state; it runs again later');
      this.updatedAt = new Date().toISOString();
    }
    await this.d.board
      .publish(this.event)
      .catch((e) => this.d.log.warn({ jobId: next.id, err: (e as Error).message }, 'could not publish'));
    return this.event;
  }
}

/** A job a shutdown interrupted: back to QUEUED, resumed later (next start, or another worker). */
export const INTERRUPTED: Partial<JobRecord> & { state: 'QUEUED' } = {
  state: 'QUEUED',
  phase: 'interrupted by a shutdown; resumes',
  interrupted: true,
};

/** What a failed job's record says: our error's code and message, or a masked unexpected failure. */
export function failure(e: unknown, jobId: string): { code: string; message: string } {
  const known = toStudioError(e);
  if (known && known.code !== 'INTERNAL') return { code: known.code, message: known.message };
  return { code: 'INTERNAL', message: `the job failed unexpectedly (job ${jobId}; see the logs)` };
}

/**
 * Whether a failure is the caller's (wrong parameters, a missing model, …): retrying cannot help. Storage outages
 * and unexpected errors may pass, so they are retried.
 */
export function isPermanent(e: unknown): boolean {
  const known = toStudioError(e);
  return known !== undefined && known.code !== 'STORAGE_UNAVAILABLE' && known.code !== 'INTERNAL';
}
