import { ApiError, badInput, notFound, toApiError } from '../errors';
import { isId, newId } from '../ids';
import type { Logger } from '../logger';
import type { ApiRecords, JobRecord } from '../records';
import { isTerminal, type JobEvent, type JobEvents } from './pubsub';

export type JobKind = JobRecord['kind'];

/** Progress a job handler reports. */
export interface JobProgress {
  phase: string;
  done: number;
  total: number;
  /** 0…1 overall. */
  progress: number;
  etaSeconds?: number;
}

export interface JobContext {
  job: JobRecord;
  signal: AbortSignal;
  progress(p: JobProgress): void;
}

/** Runs one job to completion and returns its result (JSON); throws on failure, or when `signal` aborts. */
export type JobHandler = (ctx: JobContext) => Promise<unknown>;

/** Why a running job was aborted. */
type AbortReason = 'cancel' | 'shutdown';

interface Active {
  job: JobRecord;
  updatedAt: string;
  controller: AbortController;
  done: Promise<void>;
  lastPersist: number;
  persisting: Promise<unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A job a shutdown interrupted: back to QUEUED, resumed at the next start. */
const interruptedByShutdown = (job: JobRecord): JobRecord => ({
  ...job,
  state: 'QUEUED',
  phase: 'interrupted by a shutdown; resumes at the next start',
  interrupted: true,
});

/**
 * The in-process job runner: jobs are records (QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED); at most
 * `concurrency` run at once, the rest wait in order. Progress is pushed to subscribers at once and persisted at
 * most every `persistIntervalMs`. `cancel` aborts a job through its AbortSignal. `checkpoint` (shutdown) aborts
 * running jobs as interrupted: they go back to QUEUED and `resume` (at the next start) runs them again; the
 * work itself resumes from what it saved (the precompute's chunks on disk).
 */
export class JobRunner {
  private readonly queue: JobRecord[] = [];
  private readonly active = new Map<string, Active>();
  private stopping = false;

  constructor(
    private readonly records: ApiRecords,
    private readonly events: JobEvents,
    private readonly handlers: Record<JobKind, JobHandler>,
    private readonly o: { concurrency: number; queueLimit: number; persistIntervalMs: number; log: Logger },
  ) {}

  /**
   * The live state of a job running in this process, without reading storage; undefined otherwise (a queued
   * job's record is its state, as `get` returns it).
   */
  live(id: string): JobEvent | undefined {
    const a = this.active.get(id);
    return a ? { job: a.job, updatedAt: a.updatedAt } : undefined;
  }

  /** A job of this process (fresher than its record while it runs), or the stored one. */
  async get(id: string): Promise<JobEvent | undefined> {
    if (!isId(id)) return undefined;
    const live = this.live(id);
    if (live) return live;
    const queued = this.queue.find((j) => j.id === id);
    const rec = await this.records.get('job', id);
    if (!rec) return queued ? { job: queued, updatedAt: queued.createdAt } : undefined;
    return { job: rec.value, updatedAt: rec.updatedAt };
  }

  /** Jobs waiting or running here, for a model set (to refuse concurrent work on the same files). */
  activeFor(modelSetId: string): JobRecord | undefined {
    return [...this.active.values()]
      .map((a) => a.job)
      .concat(this.queue)
      .find((j) => j.modelSetId === modelSetId);
  }

  get stats() {
    return { running: this.active.size, queued: this.queue.length };
  }

  async submit(kind: JobKind, modelSetId: string, params: JobRecord['params']): Promise<JobEvent> {
    if (this.stopping)
      throw new ApiError('JOB_LIMIT_REACHED', 'the server is shutting down; submit the job again shortly');
    const busy = this.activeFor(modelSetId);
    if (busy) {
      throw new ApiError(
        'JOB_LIMIT_REACHED',
        `job ${busy.id} is already ${busy.state.toLowerCase()} for model set ${modelSetId}; wait for it or cancel it`,
        {
          jobId: busy.id,
        },
      );
    }
    if (this.queue.length >= this.o.queueLimit) {
      throw new ApiError(
        'JOB_LIMIT_REACHED',
        `${this.queue.length} jobs are waiting already (the limit); try again later`,
      );
    }
    const now = new Date().toISOString();
    const job: JobRecord = {
      id: newId(),
      kind,
      state: 'QUEUED',
      modelSetId,
      params,
      progress: 0,
      phase: 'queued',
      done: 0,
      total: 0,
      createdAt: now,
      attempts: 0,
    };
    const stored = await this.records.put('job', job.id, job);
    this.enqueue(job);
    return { job, updatedAt: stored.updatedAt };
  }

  private enqueue(job: JobRecord): void {
    this.queue.push(job);
    this.pump();
  }

  private pump(): void {
    while (!this.stopping && this.active.size < this.o.concurrency && this.queue.length > 0) {
      this.start(this.queue.shift()!);
    }
  }

  private publish(a: { job: JobRecord; updatedAt: string }): void {
    this.events.publish({ job: a.job, updatedAt: a.updatedAt });
  }

  /** Persists a job, retrying a few times (a final state must not be lost to a short storage hiccup). */
  private async persist(job: JobRecord, attempts = 1): Promise<string> {
    for (let i = 1; ; i++) {
      try {
        return (await this.records.put('job', job.id, job)).updatedAt;
      } catch (e) {
        if (i >= attempts) throw e;
        this.o.log.warn({ jobId: job.id, err: (e as Error).message }, 'could not save job state; retrying');
        await sleep(500 * i);
      }
    }
  }

  private start(queued: JobRecord): void {
    const controller = new AbortController();
    const a: Active = {
      job: {
        ...queued,
        state: 'RUNNING',
        phase: 'starting',
        attempts: queued.attempts + 1,
      },
      updatedAt: new Date().toISOString(),
      controller,
      done: Promise.resolve(),
      lastPersist: 0,
      persisting: Promise.resolve(),
    };
    delete a.job.interrupted;
    this.active.set(a.job.id, a);
    const log = this.o.log.child({ jobId: a.job.id, kind: a.job.kind, modelSet: a.job.modelSetId });
    a.done = (async () => {
      const handler = this.handlers[a.job.kind];
      try {
        a.updatedAt = await this.persist(a.job);
        this.publish(a);
        log.info({ attempt: a.job.attempts }, 'job started');
        const result = await handler({
          job: a.job,
          signal: controller.signal,
          progress: (p) => this.onProgress(a, p),
        });
        await a.persisting.catch(() => undefined);
        a.job = { ...a.job, state: 'SUCCEEDED', phase: 'done', progress: 1, result: result ?? null };
        log.info('job succeeded');
      } catch (e) {
        await a.persisting.catch(() => undefined);
        const reason = controller.signal.aborted ? (controller.signal.reason as AbortReason) : undefined;
        if (reason === 'shutdown') {
          a.job = interruptedByShutdown(a.job);
          log.info('job interrupted by shutdown (will resume)');
        } else if (reason === 'cancel') {
          a.job = { ...a.job, state: 'CANCELLED', phase: 'cancelled' };
          log.info('job cancelled');
        } else {
          const api = toApiError(e);
          a.job = {
            ...a.job,
            state: 'FAILED',
            phase: 'failed',
            error: api
              ? { code: api.code, message: api.message }
              : {
                  code: 'INTERNAL_SERVER_ERROR',
                  message: `the job failed unexpectedly (job ${a.job.id}; see the server logs)`,
                },
          };
          log.error({ err: e }, 'job failed');
        }
      }
      delete a.job.etaSeconds; // a finished (or interrupted) job has no time estimate
      try {
        a.updatedAt = await this.persist(a.job, 5);
      } catch (e) {
        log.error({ err: e }, 'could not save the final job state; it will run again at the next start');
        a.updatedAt = new Date().toISOString();
      }
      this.active.delete(a.job.id);
      this.publish(a);
      this.pump();
    })();
  }

  private onProgress(a: Active, p: JobProgress): void {
    if (isTerminal(a.job.state)) return;
    a.job = {
      ...a.job,
      phase: p.phase,
      done: p.done,
      total: p.total,
      progress: Math.min(1, Math.max(0, p.progress)),
    };
    if (p.etaSeconds !== undefined && Number.isFinite(p.etaSeconds)) a.job.etaSeconds = p.etaSeconds;
    else delete a.job.etaSeconds;
    a.updatedAt = new Date().toISOString();
    this.publish(a);
    const now = performance.now();
    if (now - a.lastPersist >= this.o.persistIntervalMs) {
      a.lastPersist = now;
      const snapshot = a.job;
      a.persisting = a.persisting
        .then(() => this.persist(snapshot))
        .catch((e) =>
          this.o.log.warn({ jobId: a.job.id, err: (e as Error).message }, 'could not save job progress'),
        );
    }
  }

  /** Cancels a queued or running job; a finished job is returned as it is. */
  async cancel(id: string): Promise<JobEvent> {
    const a = this.active.get(id);
    if (a) {
      a.controller.abort('cancel' satisfies AbortReason);
      await a.done;
      return { job: a.job, updatedAt: a.updatedAt };
    }
    const i = this.queue.findIndex((j) => j.id === id);
    if (i >= 0) {
      const [job] = this.queue.splice(i, 1);
      const cancelled: JobRecord = { ...job!, state: 'CANCELLED', phase: 'cancelled' };
      const updatedAt = await this.persist(cancelled, 3);
      this.publish({ job: cancelled, updatedAt });
      return { job: cancelled, updatedAt };
    }
    const rec = isId(id) ? await this.records.get('job', id) : undefined;
    if (!rec) throw notFound('job', id);
    if (!isTerminal(rec.value.state)) {
      throw badInput(
        `job ${id} is ${rec.value.state.toLowerCase()} on another server instance; cancel it there`,
      );
    }
    return { job: rec.value, updatedAt: rec.updatedAt };
  }

  /** At start: queues the jobs a previous run left QUEUED or RUNNING (oldest first). Returns how many. */
  async resume(): Promise<number> {
    const found: JobRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.records.list('job', { limit: 200, ...(cursor ? { cursor } : {}) });
      for (const r of page.records)
        if (r.value.state === 'QUEUED' || r.value.state === 'RUNNING') found.push(r.value);
      cursor = page.nextCursor;
    } while (cursor);
    found.reverse(); // ids sort newest first
    for (const job of found) {
      if (this.active.has(job.id) || this.queue.some((j) => j.id === job.id)) continue;
      this.o.log.info({ jobId: job.id, state: job.state, attempts: job.attempts }, 'resuming job');
      this.queue.push({ ...job, state: 'QUEUED' });
    }
    this.pump();
    return found.length;
  }

  /**
   * Shutdown: stops starting jobs, marks running ones interrupted (so they resume at the next start even if this
   * process is killed before they settle), aborts them and waits up to `timeoutMs` for them to save.
   */
  async checkpoint(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const running = [...this.active.values()];
    await Promise.all(
      running.map((a) =>
        this.persist(interruptedByShutdown(a.job)).catch((e) =>
          this.o.log.warn(
            { jobId: a.job.id, err: (e as Error).message },
            'could not mark the job interrupted',
          ),
        ),
      ),
    );
    for (const a of running) a.controller.abort('shutdown' satisfies AbortReason);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const settled = await Promise.race([
      Promise.all(running.map((a) => a.done)).then(() => 'done' as const),
      timeout,
    ]);
    clearTimeout(timer);
    if (settled === 'timeout')
      this.o.log.warn(
        { jobs: running.map((a) => a.job.id) },
        'jobs did not stop in time; they resume at the next start',
      );
  }
}
