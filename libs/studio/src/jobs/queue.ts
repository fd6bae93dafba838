import { StudioError, notFound } from '../errors';
import { isId, newId } from '../ids';
import type { Logger } from '../log';
import { parseParameters } from '../parameters/parse';
import type { JobRecord } from '../records';
import { acceptsUpdate, isTerminal, type JobBoard, type JobEvent } from './board';
import type { JobKinds } from './kinds';
import type { JobStore } from './store';

export interface JobQueueDeps {
  store: JobStore;
  board: JobBoard;
  kinds: JobKinds;
  log: Logger;
  /** Submissions beyond this many waiting jobs are refused (BUSY). */
  queueLimit: number;
}

/** How long `cancel` waits for a running job to stop before answering with its current state. */
const CANCEL_WAIT_MS = 30_000;

/**
 * Jobs as the API and the CLI see them: submit, read (the live state when fresher than the record), list,
 * follow, cancel. Two backends run them: in this process (`LocalJobQueue`, the embedded default) or on workers
 * through BullMQ on Redis (`BullJobQueue`). Everything else (records, events, exclusivity, validation) is here.
 */
export abstract class JobQueue {
  abstract readonly mode: 'embedded' | 'queue';

  constructor(protected readonly d: JobQueueDeps) {}

  /** Hands a stored QUEUED job to the backend. */
  protected abstract enqueue(job: JobRecord): Promise<void>;
  /** Jobs waiting to run (for the queue limit). */
  protected abstract waiting(): Promise<number>;
  /**
   * Takes a job that has not started out of the backend's queue: true if it was waiting (it will never run), false
   * if it runs now (somewhere) or is unknown to the backend.
   */
  protected abstract dequeue(id: string): Promise<boolean>;
  /** Resumes jobs a previous run left unfinished (embedded) or that the queue lost (queue). */
  abstract resume(): Promise<number>;
  /** Counters for `/metrics`. */
  abstract stats(): Promise<Record<string, number>>;
  /** Stops taking jobs; running ones are interrupted and saved to resume (embedded). */
  abstract close(timeoutMs: number): Promise<void>;

  /**
   * Submits a job of a registered kind; its parameters are validated by the kind's schema. `submittedBy` records
   * who asked (adapters decide what it means, e.g. the API's key name).
   */
  async submit(
    kindName: string,
    modelSetId: string,
    params: unknown,
    o: { submittedBy?: string } = {},
  ): Promise<JobEvent> {
    const kind = this.d.kinds.find(kindName);
    if (!kind) throw new StudioError('BAD_INPUT', `there is no job kind ${JSON.stringify(kindName)}`);
    const parsed = parseParameters(kind.params, params);
    const now = new Date().toISOString();
    const job: JobRecord = {
      id: newId(),
      kind: kind.name,
      state: 'QUEUED',
      modelSetId,
      params: parsed,
      ...(o.submittedBy !== undefined ? { submittedBy: o.submittedBy } : {}),
      progress: 0,
      phase: 'queued',
      done: 0,
      total: 0,
      createdAt: now,
      attempts: 0,
    };
    await kind.check?.(job, parsed);
    const waiting = await this.waiting();
    if (waiting >= this.d.queueLimit)
      throw new StudioError('BUSY', `${waiting} jobs are waiting already (the limit); try again later`);
    const key = kind.exclusiveKey?.(job);
    if (key) await this.claim(key, job);
    try {
      const updatedAt = await this.d.store.put(job);
      const event = { job, updatedAt };
      await this.d.board.publish(event);
      await this.enqueue(job);
      return event;
    } catch (e) {
      if (key) await this.d.board.release(key, job.id).catch(() => undefined);
      throw e;
    }
  }

  /** Claims an exclusive key; a holder whose job has ended (or vanished) is stale and loses it. */
  private async claim(key: string, job: JobRecord): Promise<void> {
    for (let i = 0; i < 3; i++) {
      const holder = await this.d.board.claim(key, job.id);
      if (holder === undefined) return;
      const h = await this.get(holder);
      if (h && !isTerminal(h.job.state)) {
        throw new StudioError(
          'BUSY',
          `job ${holder} is already ${h.job.state.toLowerCase()} for model set ${h.job.modelSetId}; wait for it or cancel it`,
          { jobId: holder },
        );
      }
      await this.d.board.release(key, holder);
    }
    throw new StudioError('BUSY', 'another job was submitted at the same time; try again');
  }

  /**
   * A job: its live state while the board holds one (every change of the record is published there first, so it
   * is never older), else its record.
   */
  async get(id: string): Promise<JobEvent | undefined> {
    if (!isId(id)) return undefined;
    const [live] = await this.d.board.live([id]);
    return live ?? (await this.d.store.get(id));
  }

  /**
   * A page of jobs (newest first), each with its live state when fresher; `skipped` counts damaged records left
   * out.
   */
  async page(
    limit: number,
    cursor?: string,
  ): Promise<{ jobs: JobEvent[]; nextCursor?: string; skipped: number }> {
    const page = await this.d.store.page(limit, cursor);
    const live = await this.d.board.live(page.jobs.map((j) => j.job.id));
    return {
      jobs: page.jobs.map((rec, i) => {
        const l = live[i];
        return l && acceptsUpdate(rec.job, l.job) ? l : rec;
      }),
      skipped: page.skipped,
      ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /** Events of a job: its current state first, then every update until it ends. */
  async subscribe(id: string): Promise<AsyncIterableIterator<JobEvent>> {
    const initial = await this.get(id);
    if (!initial) throw notFound('job', id);
    return this.d.board.subscribe(initial);
  }

  /**
   * Cancels a job wherever it is: a waiting one is removed and marked CANCELLED here; a running one is told to
   * stop (every process hears it) and this waits for it to end. A finished job is returned as it is.
   */
  async cancel(id: string): Promise<JobEvent> {
    const current = await this.get(id);
    if (!current) throw notFound('job', id);
    if (isTerminal(current.job.state)) return current;
    const events = this.d.board.subscribe(current);
    try {
      await this.d.board.requestCancel(id);
      if (await this.dequeue(id)) {
        const job: JobRecord = { ...current.job, state: 'CANCELLED', phase: 'cancelled' };
        delete job.etaSeconds;
        const updatedAt = await this.d.store.put(job, 3);
        await this.d.board.publish({ job, updatedAt });
        await this.releaseExclusive(job);
        return { job, updatedAt };
      }
      return await lastEventWithin(events, CANCEL_WAIT_MS, current);
    } finally {
      await events.return?.();
    }
  }

  protected async releaseExclusive(job: JobRecord): Promise<void> {
    const key = this.d.kinds.find(job.kind)?.exclusiveKey?.(job);
    if (key) await this.d.board.release(key, job.id);
  }
}

/** Reads events until a terminal one or the timeout; returns the last seen. */
async function lastEventWithin(
  events: AsyncIterableIterator<JobEvent>,
  ms: number,
  initial: JobEvent,
): Promise<JobEvent> {
  let last = initial;
  const deadline = Date.now() + ms;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
  try {
    while (Date.now() < deadline) {
      const next = await Promise.race([events.next(), timeout]);
      if (next === 'timeout' || next.done) break;
      last = next.value;
      if (isTerminal(last.job.state)) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return last;
}

/** A handle for log lines about one job. */
export const jobLog = (log: Logger, job: JobRecord): Logger =>
  log.child({ jobId: job.id, kind: job.kind, modelSet: job.modelSetId });
