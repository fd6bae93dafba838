import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JobRunner } from '../jobs/runner';
import type { Metrics } from '../metrics';
import type { ModelSetRegistry } from '../model-sets';
import type { Storage } from '../storage';
import { sendJson } from './util';

/**
 * `/metrics` (JSON): request counts, GraphQL error codes, the generator micro-batch sizes observed per model set
 * (size → runs), jobs, and the blob cache.
 */
export function metricsHandler(deps: {
  metrics: Metrics;
  models: ModelSetRegistry;
  jobs: JobRunner;
  storage: Storage;
}) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const cache = (deps.storage.blobs as { stats?: unknown }).stats;
    sendJson(res, 200, {
      ...deps.metrics.snapshot(),
      batchSizes: await deps.models.batchSizes(),
      jobs: deps.jobs.stats,
      ...(cache ? { blobCache: cache } : {}),
    });
  };
}
