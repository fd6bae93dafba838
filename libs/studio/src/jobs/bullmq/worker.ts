import {
  QueueEvents,
  UnrecoverableError,
  WaitingChildrenError,
  WaitingError,
  Worker,
  type Job as BullJob,
} from 'bullmq';
import type { JobsConfig } from '../../config';
import type { Logger } from '../../log';
import { parseParameters } from '../../parameters/parse';
import type { JobRecord } from '../../records';
import type { Storage } from '../../storage';
import { isTerminal, type JobBoard } from '../board';
import { childContext, childParams, jobContext, unitsOf, type FanOutRunner } from '../context';
import type { JobKinds } from '../kinds';
import { jobLog } from '../queue';
import { failure, INTERRUPTED, isPermanent, RunningJob, type AbortReason } from '../running-job';
import { JobScratch } from '../scratch';
import type { JobStore } from '../store';
import type { RedisConnection } from './connection';
import { JobQueues, type ChildData, type RootData } from './queues';

export interface JobWorkerDeps {
  redis: RedisConnection;
  config: JobsConfig;
  kinds: JobKinds;
  store: JobStore;
  board: JobBoard;
  storage: Storage;
  log: Logger;
}

interface Running {
  rootId: string;
  controller: AbortController;
}

/**
 * A worker: takes root jobs and fan-out children from the BullMQ queues and runs them with the same handlers
 * and contexts as the embedded runner. What BullMQ adds: a job whose worker dies (its lock expires) is taken over
 * by another worker (stalled-job recovery) and resumes from its stored partial results; failures are retried
 * with exponential backoff; a parent waits for its children without holding a worker. What this adds: the job
 * record (the source of truth) follows every step, progress reaches every process over the job board, and a
 * cancel stops the job wherever it runs.
 */
export class JobWorker {
  private readonly queues: JobQueues;
  private readonly workers: Worker[] = [];
  private readonly running = new Map<string, Running>();
  private events: QueueEvents[] = [];
  private offCancel: (() => void) | undefined;
  private stopping = false;

  constructor(
    private readonly d: JobWorkerDeps,
    private readonly o: { concurrency: number; name?: string },
  ) {
    this.queues = new JobQueues(d.redis, d.config);
  }

  private get runDeps() {
    return {
      store: this.d.store,
      board: this.d.board,
      log: this.d.log,
      persistIntervalMs: this.d.config.persistIntervalMs,
    };
  }

  /** Starts taking jobs. */
  async start(): Promise<void> {
    this.offCancel = this.d.board.onCancel((id) => {
      for (const r of this.running.values())
        if (r.rootId === id) r.controller.abort('cancel' satisfies AbortReason);
    });
    const options = {
      concurrency: this.o.concurrency,
      lockDuration: this.d.config.lockMs,
      stalledInterval: this.d.config.stalledIntervalMs,
      maxStalledCount: this.d.config.maxStalled,
      ...(this.o.name ? { name: this.o.name } : {}),
    };
    const roots = new Worker<RootData>(this.d.config.queueName, (job, token) => this.runRoot(job, token), {
      ...options,
      connection: this.d.redis.bull(),
    });
    const children = new Worker<ChildData>(
      `${this.d.config.queueName}-shards`,
      (job, token) => this.runChild(job, token),
      { ...options, connection: this.d.redis.bull() },
    );
    for (const w of [roots, children]) {
      w.on('error', (e) => this.d.log.warn({ err: e.message }, 'queue worker error (retrying)'));
      w.on('stalled', (id) =>
        this.d.log.warn({ bullJobId: id }, 'a job lost its worker; it runs again elsewhere'),
      );
      this.workers.push(w);
    }
    // A job can also fail outside any processor (stalled too often): its record must still say so.
    this.events = [this.queues.roots, this.queues.children].map((q) => {
      const events = new QueueEvents(q.name, { connection: this.d.redis.bull() });
      events.on('failed', ({ jobId }) => void this.onFailed(q.name, jobId));
      events.on('error', () => undefined);
      return events;
    });
    await Promise.all([
      ...this.workers.map((w) => w.waitUntilReady()),
      ...this.events.map((e) => e.waitUntilReady()),
    ]);
  }

  /** Jobs (root and children) running in this worker now. */
  get active(): number {
    return this.running.size;
  }

  private track(key: string, rootId: string): AbortController {
    const controller = new AbortController();
    this.running.set(key, { rootId, controller });
    return controller;
  }

  private async runRoot(job: BullJob<RootData>, token: string | undefined): Promise<unknown> {
    const id = job.data.jobId;
    const rec = await this.d.store.get(id);
    if (!rec) throw new UnrecoverableError(`job record ${id} is missing`);
    if (isTerminal(rec.job.state)) return null; // cancelled (or finished) while it waited
    const log = jobLog(this.d.log, rec.job);
    const run = new RunningJob(this.runDeps, rec.job, rec.updatedAt);
    const controller = this.track(`root:${id}`, id);
    try {
      if (await this.d.board.cancelRequested(id)) controller.abort('cancel' satisfies AbortReason);
      const kind = this.d.kinds.find(rec.job.kind);
      if (!kind) throw new UnrecoverableError(`this worker does not know job kind ${rec.job.kind}`);
      const params = parseParameters(kind.params, rec.job.params, 'params');
      const continuing = (job.data.fanOuts ?? 0) > 0;
      await run.begin({
        countAttempt: !continuing,
        phase: continuing ? (rec.job.phase ?? 'continuing') : 'starting',
      });
      if (!continuing) log.info({ attempt: run.job.attempts, worker: this.o.name }, 'job started');
      const ctx = jobContext({
        run,
        params,
        signal: controller.signal,
        storage: this.d.storage,
        log,
        fanOut: this.fanOutOnQueue(job, token, run),
      });
      const result = await kind.run(ctx);
      await run.settle({ state: 'SUCCEEDED', phase: 'done', progress: 1, result: result ?? null });
      log.info('job succeeded');
      await this.finish(run.job);
      return null;
    } catch (e) {
      if (e instanceof WaitingChildrenError) {
        await run.flush();
        throw e;
      }
      throw await this.failRoot(e, job, token, run, controller.signal, log);
    } finally {
      this.running.delete(`root:${id}`);
    }
  }

  /** Settles a root run that threw; returns what to throw to BullMQ. */
  private async failRoot(
    e: unknown,
    job: BullJob,
    token: string | undefined,
    run: RunningJob,
    signal: AbortSignal,
    log: Logger,
  ): Promise<Error> {
    const reason = signal.aborted ? (signal.reason as AbortReason) : undefined;
    if (reason === 'cancel') {
      await run.settle({ state: 'CANCELLED', phase: 'cancelled' });
      await this.finish(run.job);
      log.info('job cancelled');
      return new UnrecoverableError('cancelled');
    }
    if (reason === 'shutdown') {
      await run.settle(INTERRUPTED);
      await job.moveToWait(token);
      log.info('job interrupted by a shutdown; it goes back to the queue');
      return new WaitingError();
    }
    const final =
      e instanceof UnrecoverableError || isPermanent(e) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (final) {
      await run.settle({ state: 'FAILED', phase: 'failed', error: failure(e, run.job.id) });
      await this.finish(run.job);
      log.error({ err: e }, 'job failed');
      return e instanceof UnrecoverableError ? e : new UnrecoverableError((e as Error).message);
    }
    const attempt = job.attemptsMade + 1;
    await run.settle({
      state: 'QUEUED',
      phase: `retrying after an error (attempt ${attempt} of ${job.opts.attempts})`,
      error: failure(e, run.job.id),
    });
    log.warn({ err: e, attempt }, 'job failed; it will be retried');
    return e instanceof Error ? e : new Error(String(e));
  }

  /**
   * A fan-out on the queue: the children are added (with ids that make adding them again a no-op) and the parent
   * waits for them without holding this worker; when they are done BullMQ runs the parent again from the start,
   * and this call returns their results.
   */
  private fanOutOnQueue(job: BullJob<RootData>, token: string | undefined, run: RunningJob): FanOutRunner {
    let seq = 0;
    return async (specs, o) => {
      const n = seq++;
      const done = job.data.fanOuts ?? 0;
      if (done <= n) {
        const totalUnits = unitsOf(specs);
        await this.queues.children.addBulk(
          specs.map((c, index) => {
            const data: ChildData = {
              rootId: run.job.id,
              index,
              kind: c.kind,
              params: c.params,
              totalUnits,
              fanOut: o,
            };
            return {
              name: c.kind,
              data,
              opts: {
                ...this.queues.jobOptions,
                jobId: JobQueues.childId(run.job.id, n, index),
                parent: { id: job.id!, queue: job.queueQualifiedName },
                failParentOnFailure: true,
              },
            };
          }),
        );
        await job.updateData({ ...job.data, fanOuts: n + 1 });
        run.progress({ phase: o.phase, done: 0, total: totalUnits, progress: o.progress[0] });
      }
      if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
      const values = await job.getChildrenValues<unknown>();
      const byId = new Map(
        Object.entries(values).map(([key, v]) => [key.slice(key.lastIndexOf(':') + 1), v]),
      );
      return specs.map((_, index) => {
        const id = JobQueues.childId(run.job.id, n, index);
        if (!byId.has(id)) throw new Error(`child ${id} of job ${run.job.id} has no result`);
        return byId.get(id);
      });
    };
  }

  private async runChild(job: BullJob<ChildData>, token: string | undefined): Promise<unknown> {
    const d = job.data;
    const rec = await this.d.store.get(d.rootId);
    if (!rec) throw new UnrecoverableError(`job record ${d.rootId} is missing`);
    if (isTerminal(rec.job.state)) return null; // its job ended (cancelled, or failed in another child)
    const log = jobLog(this.d.log, rec.job).child({ child: d.index });
    // The root as this child reports it: progress only (its lifecycle belongs to the root's own runs).
    const root = new RunningJob(this.runDeps, rec.job, rec.updatedAt);
    const key = `child:${job.id}`;
    const controller = this.track(key, d.rootId);
    try {
      if (await this.d.board.cancelRequested(d.rootId)) controller.abort('cancel' satisfies AbortReason);
      const kind = this.d.kinds.child(d.kind);
      const result = await kind.run(
        childContext({
          root: rec.job,
          index: d.index,
          params: childParams(kind, d.params),
          totalUnits: d.totalUnits,
          fanOut: d.fanOut,
          signal: controller.signal,
          storage: this.d.storage,
          board: this.d.board,
          log,
          report: (p) => root.progress(p),
        }),
      );
      await root.flush();
      return result ?? null;
    } catch (e) {
      await root.flush();
      const reason = controller.signal.aborted ? (controller.signal.reason as AbortReason) : undefined;
      if (reason === 'shutdown') {
        await job.moveToWait(token);
        log.info('shard interrupted by a shutdown; it goes back to the queue');
        throw new WaitingError();
      }
      if (reason === 'cancel') {
        await this.settleRoot(d.rootId, { state: 'CANCELLED', phase: 'cancelled' });
        log.info('child cancelled');
        throw new UnrecoverableError('cancelled');
      }
      const final = isPermanent(e) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) {
        log.error({ err: e }, 'shard failed; the job fails');
        await this.settleRoot(d.rootId, { state: 'FAILED', phase: 'failed', error: failure(e, d.rootId) });
        throw new UnrecoverableError((e as Error).message);
      }
      log.warn({ err: e, attempt: job.attemptsMade + 1 }, 'shard failed; it will be retried');
      throw e;
    } finally {
      this.running.delete(key);
    }
  }

  /** Ends a root job from outside its own run (a child failed or saw the cancel). */
  private async settleRoot(
    rootId: string,
    fields: Partial<JobRecord> & { state: JobRecord['state'] },
  ): Promise<void> {
    const rec = await this.d.store.get(rootId);
    if (!rec || isTerminal(rec.job.state)) return;
    const run = new RunningJob(this.runDeps, rec.job, rec.updatedAt);
    await run.settle(fields);
    await this.finish(run.job);
  }

  /** A BullMQ job failed for good (also when no processor saw it: stalled too often). */
  private async onFailed(queueName: string, bullJobId: string): Promise<void> {
    try {
      const queue = queueName === this.queues.roots.name ? this.queues.roots : this.queues.children;
      const job = await queue.getJob(bullJobId);
      if (!job || (await job.getState()) !== 'failed') return;
      const rootId =
        queue === this.queues.roots ? (job.data as RootData).jobId : (job.data as ChildData).rootId;
      await this.settleRoot(rootId, {
        state: 'FAILED',
        phase: 'failed',
        error: { code: 'INTERNAL', message: `the job failed: ${job.failedReason}` },
      });
    } catch (e) {
      this.d.log.warn({ bullJobId, err: (e as Error).message }, 'could not record a failed job');
    }
  }

  /** After a job ended: forget its tally, release its exclusive claim, drop its partial results. */
  private async finish(job: JobRecord): Promise<void> {
    await this.d.board.clearTally(job.id).catch(() => undefined);
    const key = this.d.kinds.find(job.kind)?.exclusiveKey?.(job);
    if (key) await this.d.board.release(key, job.id).catch(() => undefined);
    await new JobScratch(this.d.storage.blobs, job.id).clear().catch(() => undefined);
  }

  /**
   * Stops: no new jobs; running ones are interrupted and go back to the queue (another worker, or this one after
   * a restart, resumes them from their stored partial results).
   */
  async close(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.offCancel?.();
    await Promise.all(this.workers.map((w) => w.pause(true)));
    for (const r of this.running.values()) r.controller.abort('shutdown' satisfies AbortReason);
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.events.map((e) => e.close()));
    await this.queues.close();
  }
}
