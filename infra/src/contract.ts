// What the deployment and the product code must agree on, defined once: ports, health paths, shutdown times,
// the bucket layout, the queue metrics the autoscaler reads, and the environment the containers get.
// The product side of each value is cited; tests check the ones that can be checked from here.

/** The GraphQL API (apps/api). */
export const API = {
  /** STYLECLIP_PORT (apps/api/src/config.ts). */
  port: 4000,
  /** Liveness: 200 while the process lives, also while draining (apps/api/src/http/health.ts). */
  livenessPath: '/healthz',
  /** Readiness: 200 once the default model set is loaded and storage answers; 503 while shutting down. */
  readinessPath: '/readyz',
  /**
   * STYLECLIP_SHUTDOWN_TIMEOUT_MS in seconds. On SIGTERM the API waits this long for in-flight requests, then as
   * long again for running jobs to checkpoint (`close()` in apps/api/src/server.ts). The load balancer's
   * deregistration delay equals it: ECS deregisters a task and waits that delay before it sends SIGTERM, so
   * requests get the same time at either stage.
   */
  shutdownTimeoutSeconds: 25,
} as const;

/**
 * Seconds ECS waits after SIGTERM before SIGKILL: the API's request drain plus its job checkpoint, plus a margin
 * for closing sessions. ECS allows at most 120 s.
 */
export const API_STOP_TIMEOUT_SECONDS = 2 * API.shutdownTimeoutSeconds + 10;

/** The job worker (apps/worker, `npm run worker`): no HTTP port. */
export const WORKER = {
  /** Time a worker gets to checkpoint its running job after SIGTERM (STYLECLIP_SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutSeconds: 100,
  /** ECS's maximum; a Spot interruption notice gives 120 s as well. */
  stopTimeoutSeconds: 120,
} as const;

/** The web app (apps/web, `next start`). */
export const WEB = {
  /** `next start` reads PORT (default 3000) and binds 0.0.0.0. */
  port: 3000,
  /** A prerendered page that does not call the API, so the web's health does not follow the API's. */
  healthPath: '/settings',
  deregistrationDelaySeconds: 15,
  stopTimeoutSeconds: 30,
} as const;

/** Inside the GPU image (infra/Dockerfile): the model-set folder (the `tiny` set is built into the image). */
export const MODELS_DIR_IN_IMAGE = '/app/models';

/**
 * Key prefixes in the data bucket. Containers get STYLECLIP_S3_PREFIX=`data` (libs/storage adds the `/`), so the
 * API's keys (`blobs/…`, `records/…`, `index/…`, `uploads/…`) land under `data/`. Model sets live under
 * `models/<set-id>/` (pushed by `styleclip models push`).
 */
export const BUCKET_LAYOUT = {
  dataPrefix: 'data',
  modelsPrefix: 'models',
  /** Raw uploads: deleted by the API once processed; the rest (abandoned tickets) expire. */
  uploadsPrefix: 'data/uploads/',
  /** Job progress previews (optimization steps): disposable. */
  previewsPrefix: 'data/previews/',
} as const;

/**
 * The queue metrics the workers autoscale on and the oldest-job alarm watches (published by
 * `libs/studio/src/jobs/bullmq/queue-metrics.ts`; a test checks the names). Every API and worker process with
 * STYLECLIP_METRICS_NAMESPACE set publishes, every `periodSeconds`, from BullMQ's job counts over the queues the
 * workers take:
 * - `QueueBacklog` (Count): waiting + prioritized + active jobs (delayed retries excluded);
 * - `OldestWaitingJobAgeSeconds` (Seconds): age of the oldest waiting or prioritized job, 0 when none;
 * with the one dimension `Stage` = STYLECLIP_METRICS_STAGE. Scaling and alarms read the Maximum, so several
 * publishers of the same counts do not add up.
 */
export const QUEUE_METRICS = {
  namespace: 'StyleCLIP/Jobs',
  backlog: 'QueueBacklog',
  oldestWaitingAge: 'OldestWaitingJobAgeSeconds',
  stageDimension: 'Stage',
  periodSeconds: 60,
} as const;

/**
 * Environment variables of the GPU tasks (API and workers) beyond storage and the runner, as the product reads them
 * (`libs/studio/src/config.ts`, documented in `.env.example`; a test checks both).
 */
export const WORKER_ENV = {
  /** `rediss://<host>:<port>` (TLS; no credentials in the URL). */
  redisUrl: 'REDIS_URL',
  /** The ElastiCache AUTH token, from Secrets Manager (the product sends it apart from the URL). */
  redisPassword: 'REDIS_PASSWORD',
  metricsNamespace: 'STYLECLIP_METRICS_NAMESPACE',
  metricsStage: 'STYLECLIP_METRICS_STAGE',
  /**
   * `s3://<bucket>/models/*`: every model set pushed under the bucket's models prefix (`styleclip models push`) is
   * pulled into the task's models folder at start, before the API reports ready and the worker takes jobs.
   */
  modelSets: 'STYLECLIP_MODEL_SETS',
} as const;

/** The value of STYLECLIP_MODEL_SETS for a bucket: every set under `models/`. */
export const modelSetsUrl = (bucketName: string): string =>
  `s3://${bucketName}/${BUCKET_LAYOUT.modelsPrefix}/*`;

/** Container image targets of infra/Dockerfile, one ECR repository each. */
export const IMAGE_ROLES = ['api', 'worker', 'web'] as const;
export type ImageRole = (typeof IMAGE_ROLES)[number];
