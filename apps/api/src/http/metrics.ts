import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '../metrics';
import type { JobQueue, ModelSetRegistry, Storage } from '@styleclip/studio';
import { sendJson } from './util';

/**
 * `/metrics` (JSON): request counts, GraphQL error codes, the generator micro-batch sizes observed per model set
 * (size → runs), jobs, and the blob cache.
 */
export function metricsHandler(deps: {
  metrics: Metrics;
  models: ModelSetRegistry;
  jobs: JobQueue;
  storage: Storage;
}) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const cache = (deps.storage.blobs as { stats?: unknown }).stats;
    sendJson(res, 200, {
      ...deps.metrics.snapshot(),
      batchSizes: await deps.models.batchSizes(),
      jobs: await deps.jobs.stats().catch(() => ({ unavailable: 1 })),
      ...(cache ? { blobCache: cache } : {}),
    });
  };
}
