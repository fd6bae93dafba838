import { createStudio, type Logger, type StudioConfig } from '@styleclip/studio';

export interface RunningWorker {
  /** Graceful stop: running jobs are interrupted and go back to the queue; resources released. */
  close(): Promise<void>;
}

/** Starts a worker process's studio and its queue worker (concurrency: STYLECLIP_JOB_CONCURRENCY). */
export async function startWorker(
  config: StudioConfig,
  o: { log: Logger; name: string },
): Promise<RunningWorker> {
  const studio = createStudio(config, { log: o.log });
  const worker = studio.createWorker({ concurrency: config.jobs.concurrency, name: o.name });
  await worker.start();
  studio.startQueueMetrics(); // STYLECLIP_METRICS_*: the autoscaler's signal
  const sets = await studio.models.list().catch(() => []);
  o.log.info(
    {
      name: o.name,
      queue: config.jobs.queueName,
      concurrency: config.jobs.concurrency,
      storage: studio.storage.raw.description,
      modelSets: sets.map((s) => s.id),
    },
    'worker ready: taking jobs',
  );
  let closing: Promise<void> | undefined;
  return {
    close: () =>
      (closing ??= (async () => {
        await worker.close();
        await studio.close(config.shutdownTimeoutMs);
        o.log.info('worker stopped');
      })()),
  };
}
