import type { Queue } from 'bullmq';
import type { QueueMetricsConfig } from '../../config';
import type { Logger } from '../../log';
import type { JobQueues } from './queues';

/**
 * The metric names and the dimension the deployment reads (infra/src/contract.ts `QUEUE_METRICS`; the infra tests
 * check that these equal the contract's).
 */
export const QUEUE_METRIC_NAMES = {
  backlog: 'QueueBacklog',
  oldestWaitingAge: 'OldestWaitingJobAgeSeconds',
  stageDimension: 'Stage',
} as const;

/** What the queue looks like now, in the contract's terms. */
export interface QueueMetricsSample {
  /** Waiting + prioritized + active jobs of the queues the workers take (root jobs and shards; no delayed retries). */
  backlog: number;
  /** Age of the oldest waiting or prioritized job in seconds; 0 when none waits. */
  oldestWaitingAgeSeconds: number;
}

/** Where the values go: CloudWatch (`@styleclip/cloudwatch`) in a deployment, anything with `put` in tests. */
export interface MetricsSink {
  put(
    namespace: string,
    data: { name: string; unit: 'Count' | 'Seconds'; value: number; dimensions: Record<string, string> }[],
  ): Promise<void>;
  close(): void;
}

/** Prioritized jobs sit in a sorted set ordered by priority, not age: at most this many are looked at. */
const PRIORITIZED_SCAN = 1000;

async function oldestWaitingTimestamp(queue: Queue): Promise<number | undefined> {
  // The wait list is pushed at the head and taken from the tail: the oldest job is the first in ascending order.
  const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
  let t = oldest?.timestamp;
  const prioritized = await queue.getJobs(['prioritized'], 0, PRIORITIZED_SCAN - 1);
  for (const job of prioritized) if (t === undefined || job.timestamp < t) t = job.timestamp;
  return t;
}

/** Reads the sample from BullMQ's counts of both queues (root jobs and fan-out children). */
export async function sampleQueueMetrics(queues: JobQueues, now = Date.now()): Promise<QueueMetricsSample> {
  let backlog = 0;
  let oldest: number | undefined;
  for (const queue of [queues.roots, queues.children]) {
    const counts = await queue.getJobCounts('wait', 'prioritized', 'active');
    backlog += (counts.wait ?? 0) + (counts.prioritized ?? 0) + (counts.active ?? 0);
    if ((counts.wait ?? 0) + (counts.prioritized ?? 0) === 0) continue;
    const t = await oldestWaitingTimestamp(queue);
    if (t !== undefined && (oldest === undefined || t < oldest)) oldest = t;
  }
  return { backlog, oldestWaitingAgeSeconds: oldest === undefined ? 0 : Math.max(0, (now - oldest) / 1000) };
}

/**
 * Publishes the queue metrics the worker autoscaling and the oldest-job alarm read: at start and then every
 * `intervalSeconds`, from every API and worker process (the deployment reads the Maximum, so publishers do not add
 * up). A failed publish is logged (once per outage, with a line when it recovers) and never stops the process.
 */
export class QueueMetricsPublisher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private failing = false;
  private stopped = false;

  constructor(
    private readonly d: {
      queues: JobQueues;
      sink: MetricsSink;
      config: QueueMetricsConfig;
      log: Logger;
    },
  ) {}

  /** Publishes now and then every interval (the timer does not keep the process alive). */
  start(): void {
    if (this.timer || this.stopped) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.d.config.intervalSeconds * 1000);
    this.timer.unref();
    this.d.log.info(
      {
        namespace: this.d.config.namespace,
        stage: this.d.config.stage,
        everySeconds: this.d.config.intervalSeconds,
        region: this.d.config.region,
      },
      'publishing queue metrics',
    );
  }

  private tick(): Promise<unknown> {
    if (this.running || this.stopped) return this.running ?? Promise.resolve();
    this.running = this.publishOnce()
      .catch(() => undefined)
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Samples the queue and publishes the two values; returns what was published. Throws what failed. */
  async publishOnce(): Promise<QueueMetricsSample> {
    const { config, log } = this.d;
    try {
      const sample = await sampleQueueMetrics(this.d.queues);
      const dimensions = { [QUEUE_METRIC_NAMES.stageDimension]: config.stage };
      await this.d.sink.put(config.namespace, [
        { name: QUEUE_METRIC_NAMES.backlog, unit: 'Count', value: sample.backlog, dimensions },
        {
          name: QUEUE_METRIC_NAMES.oldestWaitingAge,
          unit: 'Seconds',
          value: Math.round(sample.oldestWaitingAgeSeconds * 1000) / 1000,
          dimensions,
        },
      ]);
      if (this.failing) log.info({ ...sample }, 'queue metrics published again');
      else log.debug({ ...sample }, 'queue metrics published');
      this.failing = false;
      return sample;
    } catch (e) {
      if (!this.failing)
        log.warn(
          { err: (e as Error).message, namespace: config.namespace },
          'cannot publish the queue metrics (worker autoscaling reads them); retrying every interval',
        );
      this.failing = true;
      throw e;
    }
  }

  /** Stops publishing (waits for a publish in flight) and releases the sink and the queues' connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    this.d.sink.close();
    await this.d.queues.close();
  }
}
