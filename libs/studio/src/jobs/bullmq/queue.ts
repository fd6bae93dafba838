import type { JobsConfig } from '../../config';
import type { JobRecord } from '../../records';
import { JobQueue, type JobQueueDeps } from '../queue';
import { viaRedis, type RedisConnection } from './connection';
import { JobQueues } from './queues';

/**
 * The queue backend (REDIS_URL): submitted jobs go to BullMQ and any number of workers (`npm run worker`, on any
 * machine sharing Redis and the blob store) run them. This side (API servers, the CLI) submits, cancels and
 * reads; events and live progress come over the Redis job board.
 */
export class BullJobQueue extends JobQueue {
  readonly mode = 'queue' as const;
  private readonly queues: JobQueues;

  constructor(d: JobQueueDeps, o: { redis: RedisConnection; config: JobsConfig }) {
    super(d);
    this.queues = new JobQueues(o.redis, o.config);
  }

  protected async enqueue(job: JobRecord): Promise<void> {
    await viaRedis('queueing the job', () => this.queues.addRoot(job.kind, job.id));
  }

  protected async waiting(): Promise<number> {
    return viaRedis('counting waiting jobs', () =>
      this.queues.roots.getJobCountByTypes('wait', 'prioritized', 'delayed'),
    );
  }

  /**
   * A job that has not started is removed. A parent waiting for its children (a precompute between shards) is
   * removed too when none of its children runs now (the unstarted ones are removed first); otherwise the running
   * children hear the cancel, stop, and mark the job CANCELLED themselves.
   */
  protected async dequeue(id: string): Promise<boolean> {
    const job = await viaRedis('finding the job', () => this.queues.roots.getJob(id));
    if (!job) return false;
    const state = await job.getState();
    try {
      if (state === 'waiting' || state === 'delayed' || state === 'prioritized') {
        await job.remove();
        return true;
      }
      if (state === 'waiting-children') {
        await job.removeUnprocessedChildren();
        const pending = await job.getDependenciesCount({ unprocessed: true });
        if ((pending.unprocessed ?? 0) > 0) return false;
        await job.remove({ removeChildren: true });
        return true;
      }
    } catch {
      return false; // it started meanwhile (locked): it hears the cancel
    }
    return false;
  }

  /**
   * Records are the source of truth: a job whose record says it is unfinished but which the queue does not know
   * (Redis was flushed or replaced) is queued again; it resumes from its stored partial results.
   */
  async resume(): Promise<number> {
    let n = 0;
    for (const job of await this.d.store.unfinished()) {
      if (!this.d.kinds.find(job.kind)) continue;
      if (await this.queues.roots.getJob(job.id)) continue;
      this.d.log.warn(
        { jobId: job.id, state: job.state },
        'the queue lost an unfinished job; queueing it again',
      );
      await this.queues.addRoot(job.kind, job.id);
      n++;
    }
    return n;
  }

  async stats(): Promise<Record<string, number>> {
    const [roots, children] = await Promise.all([
      this.queues.roots.getJobCounts('wait', 'active', 'delayed', 'waiting-children', 'failed', 'completed'),
      this.queues.children.getJobCounts('wait', 'active', 'delayed'),
    ]);
    return {
      queued: (roots.wait ?? 0) + (roots.delayed ?? 0),
      running: (roots.active ?? 0) + (roots['waiting-children'] ?? 0),
      shardsQueued: (children.wait ?? 0) + (children.delayed ?? 0),
      shardsRunning: children.active ?? 0,
    };
  }

  async close(): Promise<void> {
    await this.queues.close();
  }
}
