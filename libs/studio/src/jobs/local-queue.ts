import type { JobRecord } from '../records';
import type { Storage } from '../storage';
import { isTerminal } from './board';
import { childContext, childParams, jobContext, unitsOf, type FanOutRunner } from './context';
import { parseParameters } from '../parameters/parse';
import { JobQueue, jobLog, type JobQueueDeps } from './queue';
import { failure, INTERRUPTED, RunningJob, type AbortReason } from './running-job';
import { JobScratch } from './scratch';

interface Active {
  run: RunningJob;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The embedded backend: jobs run in this process, at most `concurrency` at once, the rest wait in order. A
 * fan-out runs its children here one after the other. On shutdown running jobs are interrupted (back to
 * QUEUED, saved) and the next start resumes them from what they stored.
 */
export class LocalJobQueue extends JobQueue {
  readonly mode = 'embedded' as const;
  private readonly queue: JobRecord[] = [];
  private readonly active = new Map<string, Active>();
  private stopping = false;
  private readonly offCancel: () => void;

  constructor(
    d: JobQueueDeps,
    private readonly o: { storage: Storage; concurrency: number; persistIntervalMs: number },
  ) {
    super(d);
    this.offCancel = d.board.onCancel((id) =>
      this.active.get(id)?.controller.abort('cancel' satisfies AbortReason),
    );
  }

  protected async enqueue(job: JobRecord): Promise<void> {
    if (this.stopping) throw new Error('the job queue is closed');
    this.queue.push(job);
    this.pump();
  }

  protected async waiting(): Promise<number> {
    return this.queue.length;
  }

  protected async dequeue(id: string): Promise<boolean> {
    const i = this.queue.findIndex((j) => j.id === id);
    if (i < 0) return false;
    this.queue.splice(i, 1);
    return true;
  }

  async stats(): Promise<Record<string, number>> {
    return { running: this.active.size, queued: this.queue.length };
  }

  private pump(): void {
    while (!this.stopping && this.active.size < this.o.concurrency && this.queue.length > 0) {
      this.start(this.queue.shift()!);
    }
  }

  private start(queued: JobRecord): void {
    const controller = new AbortController();
    const run = new RunningJob(
      {
        store: this.d.store,
        board: this.d.board,
        log: this.d.log,
        persistIntervalMs: this.o.persistIntervalMs,
      },
      queued,
    );
    const a: Active = { run, controller, done: Promise.resolve() };
    this.active.set(queued.id, a);
    const log = jobLog(this.d.log, queued);
    a.done = (async () => {
      try {
        if (await this.d.board.cancelRequested(queued.id)) controller.abort('cancel' satisfies AbortReason);
        const kind = this.d.kinds.get(queued.kind);
        const params = parseParameters(kind.params, queued.params, 'params');
        await run.begin({ countAttempt: true });
        log.info({ attempt: run.job.attempts }, 'job started');
        const ctx = jobContext({
          run,
          params,
          signal: controller.signal,
          storage: this.o.storage,
          log,
          fanOut: this.fanOutHere(run, controller.signal, log),
        });
        const result = await kind.run(ctx);
        await run.settle({ state: 'SUCCEEDED', phase: 'done', progress: 1, result: result ?? null });
        log.info('job succeeded');
      } catch (e) {
        const reason = controller.signal.aborted ? (controller.signal.reason as AbortReason) : undefined;
        if (reason === 'shutdown') {
          await run.settle(INTERRUPTED);
          log.info('job interrupted by shutdown (will resume)');
        } else if (reason === 'cancel') {
          await run.settle({ state: 'CANCELLED', phase: 'cancelled' });
          log.info('job cancelled');
        } else {
          await run.settle({ state: 'FAILED', phase: 'failed', error: failure(e, queued.id) });
          log.error({ err: e }, 'job failed');
        }
      }
      if (isTerminal(run.job.state)) {
        // An ended job never runs again: its tally, claim and partial results go.
        await this.d.board.clearTally(run.job.id);
        await this.releaseExclusive(run.job).catch(() => undefined);
        await new JobScratch(this.o.storage.blobs, queued.id).clear().catch(() => undefined);
      }
      this.active.delete(queued.id);
      this.pump();
    })();
  }

  /** Fan-out in this process: the children one after the other, their progress tallied into the parent's. */
  private fanOutHere(run: RunningJob, signal: AbortSignal, log: JobQueueDeps['log']): FanOutRunner {
    return async (children, o) => {
      const totalUnits = unitsOf(children);
      const results: unknown[] = [];
      for (const [index, spec] of children.entries()) {
        if (signal.aborted) throw new Error('aborted');
        const kind = this.d.kinds.child(spec.kind);
        results.push(
          await kind.run(
            childContext({
              root: run.job,
              index,
              params: childParams(kind, spec.params),
              totalUnits,
              fanOut: o,
              signal,
              storage: this.o.storage,
              board: this.d.board,
              log: log.child({ child: index }),
              report: (p) => run.progress(p),
            }),
          ),
        );
      }
      return results;
    };
  }

  /** At start: queues the jobs a previous run left QUEUED or RUNNING (oldest first). Returns how many. */
  async resume(): Promise<number> {
    const found = await this.d.store.unfinished();
    let n = 0;
    for (const job of found) {
      if (this.active.has(job.id) || this.queue.some((j) => j.id === job.id)) continue;
      if (!this.d.kinds.find(job.kind)) {
        this.d.log.warn(
          { jobId: job.id, kind: job.kind },
          'not resuming a job of a kind this release does not know',
        );
        continue;
      }
      const key = this.d.kinds.find(job.kind)?.exclusiveKey?.(job);
      if (key) await this.d.board.claim(key, job.id);
      this.d.log.info({ jobId: job.id, state: job.state, attempts: job.attempts }, 'resuming job');
      this.queue.push({ ...job, state: 'QUEUED' });
      n++;
    }
    this.pump();
    return n;
  }

  /**
   * Shutdown: stops starting jobs, marks running ones interrupted (so they resume at the next start even if this
   * process is killed before they settle), aborts them and waits up to `timeoutMs` for them to save.
   */
  async close(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.offCancel();
    const running = [...this.active.values()];
    await Promise.all(
      running.map((a) =>
        this.d.store
          .put({ ...a.run.job, ...INTERRUPTED })
          .catch((e) =>
            this.d.log.warn(
              { jobId: a.run.job.id, err: (e as Error).message },
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
      this.d.log.warn(
        { jobs: running.map((a) => a.run.job.id) },
        'jobs did not stop in time; they resume at the next start',
      );
  }
}
