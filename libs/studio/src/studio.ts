import { CloudWatchMetrics } from '@styleclip/cloudwatch';
import type { BlobStore } from '@styleclip/storage';
import type { StudioConfig } from './config';
import type { Logger } from './log';
import { DamagedRecords } from './damaged-records';
import { DirectionsSync } from './model-sets/directions';
import { MapperSync } from './model-sets/mappers';
import { ModelSetRegistry } from './model-sets/registry';
import { pullConfiguredModelSets } from './model-sets/remote/sync';
import { defineParameters, type Parameters } from './parameters/schema';
import { DeletionService } from './services/deletion';
import { EditService } from './services/edits';
import { ImageService } from './services/images';
import { UploadService } from './services/uploads';
import { PhotoService } from './photos/service';
import { PhotoEdits } from './photos/photo-edits';
import { invertPhotoKind } from './photos/invert-kind';
import { createStorage, type Storage } from './storage';
import type { JobBoard } from './jobs/board';
import { JobKinds } from './jobs/kinds';
import { LocalJobBoard } from './jobs/local-board';
import { LocalJobQueue } from './jobs/local-queue';
import { precomputeKind, precomputeShardKind } from './jobs/precompute/kind';
import { registerTrainingKinds } from './jobs/training/register';
import { TrainingSlots } from './jobs/training/slots';
import type { JobQueue } from './jobs/queue';
import { JobStore } from './jobs/store';
import { BullJobQueue } from './jobs/bullmq/queue';
import { RedisJobBoard } from './jobs/bullmq/board';
import { redisConnection, type RedisConnection } from './jobs/bullmq/connection';
import { JobWorker } from './jobs/bullmq/worker';
import { QueueMetricsPublisher, type MetricsSink } from './jobs/bullmq/queue-metrics';
import { JobQueues } from './jobs/bullmq/queues';

export interface StudioOptions {
  log: Logger;
  /** Base URL clients reach files and the upload endpoint at (API servers); other processes need none. */
  publicUrl?: () => string;
  /** Wraps the configured BlobStore (tests inject outages). */
  wrapBlobStore?: (store: BlobStore) => BlobStore;
  /** Extra job kinds to register beside the built-in ones (each process must register the same). */
  registerKinds?: (
    kinds: JobKinds,
    studio: Omit<Studio, 'jobs' | 'close' | 'createWorker' | 'redis' | 'startQueueMetrics'>,
  ) => void;
}

/**
 * The product core, composed: storage and records, model sets and their engines, the services (images, edits,
 * previews, uploads), the parameter schema, and jobs (their kinds, board and queue). The API server, the worker
 * and the CLI each make one and adapt it to their transport.
 */
export interface Studio {
  readonly config: StudioConfig;
  readonly log: Logger;
  readonly parameters: Parameters;
  readonly storage: Storage;
  readonly models: ModelSetRegistry;
  readonly directions: DirectionsSync;
  /** Mappers trained by jobs: published to storage, installed into every process's copy of their set. */
  readonly mappers: MapperSync;
  readonly images: ImageService;
  readonly edits: EditService;
  readonly uploads: UploadService;
  /** Uploaded photos: their faces found, aligned and inverted (INVERT_PHOTO jobs), paste-back. */
  readonly photos: PhotoService;
  /** Deleting images and edits (with what only they referred to). */
  readonly deletion: DeletionService;
  readonly kinds: JobKinds;
  readonly board: JobBoard;
  readonly jobStore: JobStore;
  /** Submit, read, follow and cancel jobs: in this process (embedded) or through the queue (REDIS_URL). */
  readonly jobs: JobQueue;
  /** The queue's Redis (REDIS_URL), when jobs go through it. */
  readonly redis?: RedisConnection;
  /** A worker taking jobs from the queue in this process (`apps/worker`); needs REDIS_URL. */
  createWorker(o: { concurrency: number; name?: string }): JobWorker;
  /**
   * Starts publishing the queue metrics (STYLECLIP_METRICS_*; API servers and workers call it, other entry points
   * do not). Returns whether metrics are configured. `sink` replaces CloudWatch (tests).
   */
  startQueueMetrics(o?: { sink?: MetricsSink }): boolean;
  /** Releases everything (jobs are interrupted and saved first). */
  close(timeoutMs: number): Promise<void>;
}

export function createStudio(config: StudioConfig, o: StudioOptions): Studio {
  const log = o.log;
  const parameters = defineParameters({ maxUploadBytes: config.maxUploadBytes });
  const storage = createStorage(config.storage, {
    cacheBytes: config.cacheBytes,
    urlTtlSeconds: config.urlTtlSeconds,
    publicUrl: o.publicUrl ?? (() => ''),
    ...(o.wrapBlobStore ? { wrap: o.wrapBlobStore } : {}),
  });
  const directions = new DirectionsSync(storage, log.child({ component: 'directions' }));
  const mappers = new MapperSync(storage, log.child({ component: 'mappers' }));
  const models = new ModelSetRegistry(config.modelsDir, config.defaultModelSet, {
    runner: config.runner,
    ...(config.batching ? { batching: config.batching } : {}),
    log,
    directions,
    // STYLECLIP_MODEL_SETS: sets in S3 are pulled into the folder before the default set is warmed up.
    ...(config.modelSets.length > 0
      ? {
          prepare: async () => {
            await pullConfiguredModelSets(config.modelSets, config.modelsDir, {
              log: log.child({ component: 'model-sets' }),
            });
          },
        }
      : {}),
    mappers,
  });
  const damaged = new DamagedRecords(log.child({ component: 'records' }));
  const images = new ImageService(storage, models, parameters, damaged);
  const deletion = new DeletionService(storage, images, log.child({ component: 'deletion' }));
  // The job queue is made below, after the kinds; photos submit their inversion jobs to it.
  const queue: { jobs?: JobQueue } = {};
  const photos = new PhotoService(storage, models, images, parameters, {
    faces: config.faces,
    log: log.child({ component: 'photos' }),
    jobs: () => queue.jobs!,
  });
  const edits = new EditService(
    storage,
    models,
    images,
    parameters,
    deletion,
    new PhotoEdits(storage, models, images, photos, parameters),
  );
  const uploads = new UploadService(storage, models, images, parameters, {
    ttlSeconds: Math.min(config.urlTtlSeconds, 3600),
    publicUrl: o.publicUrl ?? (() => ''),
    log,
    photos,
  });
  const jobLog = log.child({ component: 'jobs' });
  const redis = config.jobs.redisUrl
    ? redisConnection(config.jobs.redisUrl, config.jobs.queueName, {
        ...(config.jobs.redisPassword !== undefined ? { password: config.jobs.redisPassword } : {}),
      })
    : undefined;
  const board: JobBoard = redis ? new RedisJobBoard(redis, jobLog) : new LocalJobBoard();
  const jobStore = new JobStore(storage.records, jobLog, damaged);
  const kinds = new JobKinds();
  // Job runtimes log their sessions' execution provider (a CUDA → CPU fallback) as the registry's does.
  const jobRunner = { ...config.runner, log: (line: string) => jobLog.info({ runtime: true }, line) };
  const precomputeDeps = { models, directions, runner: jobRunner, log: jobLog };
  kinds.register(precomputeKind(precomputeDeps)).registerChild(precomputeShardKind(precomputeDeps));
  registerTrainingKinds(kinds, {
    parameters,
    models,
    images,
    edits,
    mappers,
    slots: new TrainingSlots(config.jobs.trainingConcurrency),
    runner: config.runner,
    log: jobLog,
  });
  kinds.register(invertPhotoKind(() => photos));
  const base = {
    config,
    log,
    parameters,
    storage,
    models,
    directions,
    mappers,
    images,
    edits,
    uploads,
    photos,
    deletion,
    kinds,
    board,
    jobStore,
  };
  o.registerKinds?.(kinds, base);
  const deps = { store: jobStore, board, kinds, log: jobLog, queueLimit: config.jobs.queueLimit };
  const jobs: JobQueue = redis
    ? new BullJobQueue(deps, { redis, config: config.jobs })
    : new LocalJobQueue(deps, {
        storage,
        concurrency: config.jobs.concurrency,
        persistIntervalMs: config.jobs.persistIntervalMs,
      });
  queue.jobs = jobs;
  // After a job succeeds, its kind may need every process to react (a precompute: reload the model set).
  const handled = new Set<string>(); // job ids already handled (the most recent ones; a Set keeps insertion order)
  const offEvents = board.onEvent((e) => {
    if (e.job.state !== 'SUCCEEDED' || handled.has(e.job.id)) return;
    handled.add(e.job.id);
    if (handled.size > 1000) handled.delete(handled.values().next().value!);
    const kind = kinds.find(e.job.kind);
    kind
      ?.onSucceeded?.(e.job)
      .catch((err) =>
        jobLog.warn({ jobId: e.job.id, err: (err as Error).message }, 'after-success step failed'),
      );
  });
  let queueMetrics: QueueMetricsPublisher | undefined;
  return {
    ...base,
    jobs,
    ...(redis ? { redis } : {}),
    startQueueMetrics(m = {}) {
      const mc = config.queueMetrics;
      if (!mc || !redis) return false;
      queueMetrics ??= new QueueMetricsPublisher({
        queues: new JobQueues(redis, config.jobs),
        sink: m.sink ?? new CloudWatchMetrics({ region: mc.region }),
        config: mc,
        log: jobLog,
      });
      queueMetrics.start();
      return true;
    },
    createWorker(w) {
      if (!redis) throw new Error('a queue worker needs REDIS_URL (jobs run in the API process without it)');
      return new JobWorker(
        { redis, config: config.jobs, kinds, store: jobStore, board, storage, log: jobLog },
        w,
      );
    },
    async close(timeoutMs) {
      await queueMetrics?.stop();
      await jobs.close(timeoutMs);
      offEvents();
      await board.close();
      await redis?.close();
      await models.close();
      storage.close();
    },
  };
}
