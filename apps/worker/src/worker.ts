import { createStudio, type Logger, type StudioConfig } from '@styleclip/studio';

export interface RunningWorker {
  /** Graceful stop: running jobs are interrupted and go back to the queue; resources released. */
  close(): Promise<void>;
}

/**
 * Starts a worker process's studio (model sets pulled and the default set warmed up) and its queue worker
 * (concurrency: STYLECLIP_JOB_CONCURRENCY).
 */
export async function startWorker(
  config: StudioConfig,
  o: { log: Logger; name: string },
): Promise<RunningWorker> {
  const studio = createStudio(config, { log: o.log });
  studio.startQueueMetrics(); // STYLECLIP_METRICS_*: the autoscaler's signal, also while this worker warms up
  // Model sets from S3 (STYLECLIP_MODEL_SETS) into the local folder, then the default set's sessions and a warm-up
  // run (which logs the execution provider, and a CUDA → CPU fallback, as the API does), before taking jobs.
  try {
    await studio.models.warmUp();
  } catch (e) {
    await studio.close(0);
    throw e;
  }
  const worker = studio.createWorker({ concurrency: config.jobs.concurrency, name: o.name });
  await worker.start();
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
