import { Queue, type JobsOptions } from 'bullmq';
import type { JobsConfig } from '../../config';
import type { RedisConnection } from './connection';

/** What a root job carries on the queue: only its id (the record holds everything else). */
export interface RootData {
  jobId: string;
  /** Fan-outs whose children were added (a parent handler runs again when they are done). */
  fanOuts?: number;
}

/** What a child job carries: which job it belongs to, which child it is, and its share of the progress. */
export interface ChildData {
  rootId: string;
  index: number;
  kind: string;
  params: unknown;
  totalUnits: number;
  fanOut: { phase: string; progress: [number, number] };
}

/** Finished jobs stay in Redis this long (for inspection, and so a re-added child id stays a no-op). */
const KEEP_COMPLETED_S = 7 * 24 * 3600;
const KEEP_FAILED_S = 30 * 24 * 3600;

/**
 * The two BullMQ queues of a deployment: root jobs (what users submit) and child jobs (fan-out shards), so the
 * queue limit counts users' jobs and shards of one job spread over every worker. Retries use exponential
 * backoff; a child that fails for good fails its parent.
 */
export class JobQueues {
  readonly roots: Queue;
  readonly children: Queue;

  constructor(
    redis: RedisConnection,
    readonly config: JobsConfig,
  ) {
    const connection = redis.bull();
    this.roots = new Queue(config.queueName, { connection });
    this.children = new Queue(`${config.queueName}-shards`, { connection });
    // A queue reports Redis errors as events; commands fail on their own, so only keep the process alive.
    this.roots.on('error', () => undefined);
    this.children.on('error', () => undefined);
  }

  get jobOptions(): JobsOptions {
    return {
      attempts: this.config.attempts,
      backoff: { type: 'exponential', delay: this.config.backoffMs },
      removeOnComplete: { age: KEEP_COMPLETED_S },
      removeOnFail: { age: KEEP_FAILED_S },
    };
  }

  async addRoot(kind: string, jobId: string): Promise<void> {
    const data: RootData = { jobId };
    await this.roots.add(kind, data, { ...this.jobOptions, jobId });
  }

  /** A child's BullMQ id: the root, the fan-out and the child (so adding it again is a no-op). */
  static childId(rootId: string, fanOut: number, index: number): string {
    return `${rootId}-f${fanOut}-c${index}`;
  }

  async close(): Promise<void> {
    await Promise.all([this.roots.close(), this.children.close()]);
  }
}
