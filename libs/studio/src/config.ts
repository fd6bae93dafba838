import { blobStoreConfigFromEnv, isStorageError, type BlobStoreConfig } from '@styleclip/storage';
import { runnerConfigFromEnv, type RunnerConfig } from '@styleclip/model-runners';
import { MODEL_SET_ID } from './ids';
import { modelSetSource, type ModelSetSource } from './model-sets/remote/remote-set';
import { UPLOAD_BYTES_CAP } from './parameters/schema';

/** What the product core needs in every process (API, worker), validated. */
export interface StudioConfig {
  modelsDir: string;
  defaultModelSet: string;
  /**
   * Model sets to pull from S3 into `modelsDir` at start (STYLECLIP_MODEL_SETS): `s3://bucket/prefix/set` (one
   * set) or `s3://bucket/prefix/*` (every set under the prefix), with the S3 settings below. Empty: the folder alone.
   */
  modelSets: ModelSetSource[];
  storage: BlobStoreConfig;
  runner: Partial<RunnerConfig>;
  /** Micro-batching of concurrent generator runs; undefined = off. */
  batching?: { maxBatch: number; windowMs: number };
  /** In-memory cache of immutable blobs (latents, PNGs), in bytes; 0 = off. */
  cacheBytes: number;
  /** Lifetime of presigned URLs (images, latents, uploads). */
  urlTtlSeconds: number;
  /** Largest upload in bytes (≤ 20 MB). */
  maxUploadBytes: number;
  jobs: JobsConfig;
  /** Queue metrics published to CloudWatch (QueueBacklog, OldestWaitingJobAgeSeconds); absent = none. */
  queueMetrics?: QueueMetricsConfig;
  logLevel: LogLevel;
  /** How long a graceful stop waits for requests and running jobs (ms). */
  shutdownTimeoutMs: number;
  /** dlib's face models for photo inversion (absent: the Debian files). */
  faces: { predictor?: string; detector?: string };
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface JobsConfig {
  /** Jobs running at once in one process (the embedded runner, or one worker). */
  concurrency: number;
  /**
   * Training jobs (latent optimization, mapper training) running at once in one process, whatever the job
   * concurrency: each holds its loss graph (about 13 GB for a 1024 optimization). More wait for a slot.
   */
  trainingConcurrency: number;
  /** Jobs allowed to wait (submissions beyond it are refused with BUSY). */
  queueLimit: number;
  /** How often a running job saves its progress to its record (ms; events go out at once). */
  persistIntervalMs: number;
  /** Redis for the BullMQ queue; absent = jobs run in the process that accepts them (the embedded default). */
  redisUrl?: string;
  /** Redis AUTH password given apart from the URL (REDIS_PASSWORD, e.g. from a secret store). */
  redisPassword?: string;
  /** Queue name (several deployments can share one Redis). */
  queueName: string;
  /** Runs of a job (first + retries with exponential backoff from `backoffMs`) before it fails. */
  attempts: number;
  backoffMs: number;
  /** A worker holds a job's lock this long and renews it at half; a dead worker's jobs move on after it. */
  lockMs: number;
  /** How often workers look for jobs whose worker died, and how many such recoveries a job may have. */
  stalledIntervalMs: number;
  maxStalled: number;
}

/** Where the queue metrics go (the contract with the deployment: infra/src/contract.ts `QUEUE_METRICS`). */
export interface QueueMetricsConfig {
  /** CloudWatch namespace (STYLECLIP_METRICS_NAMESPACE), e.g. `StyleCLIP/Jobs`. */
  namespace: string;
  /** Value of the `Stage` dimension (STYLECLIP_METRICS_STAGE), e.g. `dev`. */
  stage: string;
  /** How often to publish (STYLECLIP_METRICS_INTERVAL_SECONDS, default 60: the autoscaler's period). */
  intervalSeconds: number;
  /** Region of CloudWatch: AWS_REGION (set on ECS tasks), else STYLECLIP_S3_REGION, else us-east-1. */
  region: string;
}

/** Invalid configuration: `problems` has one line per problem (each names the variable). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads typed values from environment variables, collecting every problem (one line each) instead of stopping. */
export class EnvReader {
  readonly problems: string[] = [];
  constructor(readonly env: Record<string, string | undefined>) {}

  get(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  }

  int(name: string, def: number, min: number, max: number): number {
    const raw = this.get(name);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer in ${min}…${max}, got ${JSON.stringify(raw)}`);
      return def;
    }
    return n;
  }

  bool(name: string, def: boolean): boolean {
    const raw = this.get(name)?.toLowerCase();
    if (raw === undefined) return def;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, got ${JSON.stringify(this.get(name))}`);
    return def;
  }

  url(name: string, protocols: readonly string[] = ['http:', 'https:']): string | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) throw new Error('wrong protocol');
      return raw.replace(/\/+$/, '');
    } catch {
      this.problems.push(
        `${name} must be a ${protocols.map((p) => p.replace(':', '')).join('/')} URL, got ${JSON.stringify(raw.replace(/\/\/[^@/]*@/, '//…@'))}`,
      );
      return undefined;
    }
  }

  /** Throws ConfigError when anything was wrong. */
  done(): void {
    if (this.problems.length) throw new ConfigError(this.problems);
  }
}

/** Every environment variable the core reads (besides storage's and the runner's). */
export const STUDIO_ENV_VARS = [
  'STYLECLIP_MODELS_DIR',
  'STYLECLIP_DEFAULT_MODEL_SET',
  'STYLECLIP_MODEL_SETS',
  'STYLECLIP_BATCH_MAX',
  'STYLECLIP_BATCH_WINDOW_MS',
  'STYLECLIP_URL_TTL_SECONDS',
  'STYLECLIP_CACHE_MB',
  'STYLECLIP_MAX_UPLOAD_BYTES',
  'STYLECLIP_JOB_CONCURRENCY',
  'STYLECLIP_TRAINING_CONCURRENCY',
  'STYLECLIP_JOB_QUEUE_LIMIT',
  'STYLECLIP_JOB_PERSIST_MS',
  'REDIS_URL',
  'REDIS_PASSWORD',
  'STYLECLIP_QUEUE_NAME',
  'STYLECLIP_JOB_ATTEMPTS',
  'STYLECLIP_JOB_BACKOFF_MS',
  'STYLECLIP_JOB_LOCK_MS',
  'STYLECLIP_JOB_STALLED_INTERVAL_MS',
  'STYLECLIP_JOB_MAX_STALLED',
  'STYLECLIP_METRICS_NAMESPACE',
  'STYLECLIP_METRICS_STAGE',
  'STYLECLIP_METRICS_INTERVAL_SECONDS',
  'AWS_REGION',
  'STYLECLIP_LOG_LEVEL',
  'STYLECLIP_SHUTDOWN_TIMEOUT_MS',
  'STYLECLIP_FACE_PREDICTOR',
  'STYLECLIP_FACE_DETECTOR',
] as const;

/** Reads the core's configuration; problems are added to `r` (call `r.done()` after reading everything). */
export function readStudioConfig(r: EnvReader): StudioConfig {
  const modelsDir = r.get('STYLECLIP_MODELS_DIR') ?? './models';
  const defaultModelSet = r.get('STYLECLIP_DEFAULT_MODEL_SET') ?? 'tiny';
  if (!MODEL_SET_ID.test(defaultModelSet)) {
    r.problems.push(
      `STYLECLIP_DEFAULT_MODEL_SET ${JSON.stringify(defaultModelSet)} is not a model set id (${MODEL_SET_ID.source})`,
    );
  }
  const modelSets: ModelSetSource[] = [];
  for (const url of (r.get('STYLECLIP_MODEL_SETS') ?? '').split(',').map((u) => u.trim())) {
    if (url === '') continue;
    try {
      modelSets.push(modelSetSource(url, r.env));
    } catch (e) {
      r.problems.push(`STYLECLIP_MODEL_SETS: ${(e as Error).message.split('\n').join(' ')}`);
    }
  }
  let storage: BlobStoreConfig = { kind: 'fs', root: './data' };
  try {
    storage = blobStoreConfigFromEnv(r.env);
  } catch (e) {
    if (!isStorageError(e, 'invalid_config')) throw e;
    // "invalid storage configuration:\n  - a\n  - b" → one problem per line.
    r.problems.push(
      ...e.message
        .split('\n')
        .slice(1)
        .map((l) => l.replace(/^\s*-\s*/, '')),
    );
  }
  let runner: Partial<RunnerConfig> = {};
  try {
    runner = runnerConfigFromEnv(r.env as NodeJS.ProcessEnv);
  } catch (e) {
    r.problems.push((e as Error).message);
  }
  const maxBatch = r.int('STYLECLIP_BATCH_MAX', 16, 1, 1024);
  const windowMs = r.int('STYLECLIP_BATCH_WINDOW_MS', 5, 0, 1000);
  const redisUrl = r.url('REDIS_URL', ['redis:', 'rediss:']);
  const redisPassword = r.get('REDIS_PASSWORD');
  if (redisUrl && redisPassword && new URL(redisUrl).password !== '')
    r.problems.push('REDIS_URL has a password and REDIS_PASSWORD is set too: give the password in one place');
  if (redisPassword && !redisUrl) r.problems.push('REDIS_PASSWORD is set but REDIS_URL is not');
  const queueMetrics = readQueueMetricsConfig(r, redisUrl !== undefined);
  const queueName = r.get('STYLECLIP_QUEUE_NAME') ?? 'styleclip-jobs';
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(queueName))
    r.problems.push(
      `STYLECLIP_QUEUE_NAME must be 1–100 of A–Z a–z 0–9 _ -, got ${JSON.stringify(queueName)}`,
    );
  const logLevelRaw = r.get('STYLECLIP_LOG_LEVEL') ?? 'info';
  const logLevel = (LOG_LEVELS as readonly string[]).includes(logLevelRaw)
    ? (logLevelRaw as LogLevel)
    : (r.problems.push(
        `STYLECLIP_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevelRaw)}`,
      ),
      'info');
  const predictor = r.get('STYLECLIP_FACE_PREDICTOR');
  const detector = r.get('STYLECLIP_FACE_DETECTOR');
  return {
    modelsDir,
    defaultModelSet,
    modelSets,
    storage,
    runner,
    ...(maxBatch > 1 ? { batching: { maxBatch, windowMs } } : {}),
    urlTtlSeconds: r.int('STYLECLIP_URL_TTL_SECONDS', 3600, 60, 7 * 24 * 3600),
    cacheBytes: r.int('STYLECLIP_CACHE_MB', 256, 0, 1_000_000) * 1024 * 1024,
    maxUploadBytes: r.int('STYLECLIP_MAX_UPLOAD_BYTES', UPLOAD_BYTES_CAP, 1024, UPLOAD_BYTES_CAP),
    jobs: {
      concurrency: r.int('STYLECLIP_JOB_CONCURRENCY', 1, 1, 64),
      trainingConcurrency: r.int('STYLECLIP_TRAINING_CONCURRENCY', 1, 1, 64),
      queueLimit: r.int('STYLECLIP_JOB_QUEUE_LIMIT', 20, 1, 10_000),
      persistIntervalMs: r.int('STYLECLIP_JOB_PERSIST_MS', 1000, 0, 600_000),
      ...(redisUrl ? { redisUrl } : {}),
      ...(redisUrl && redisPassword ? { redisPassword } : {}),
      queueName,
      attempts: r.int('STYLECLIP_JOB_ATTEMPTS', 3, 1, 100),
      backoffMs: r.int('STYLECLIP_JOB_BACKOFF_MS', 2000, 0, 3_600_000),
      lockMs: r.int('STYLECLIP_JOB_LOCK_MS', 30_000, 1000, 3_600_000),
      stalledIntervalMs: r.int('STYLECLIP_JOB_STALLED_INTERVAL_MS', 15_000, 500, 3_600_000),
      maxStalled: r.int('STYLECLIP_JOB_MAX_STALLED', 3, 0, 1000),
    },
    ...(queueMetrics ? { queueMetrics } : {}),
    logLevel,
    shutdownTimeoutMs: r.int('STYLECLIP_SHUTDOWN_TIMEOUT_MS', 25_000, 0, 3_600_000),
    faces: { ...(predictor ? { predictor } : {}), ...(detector ? { detector } : {}) },
  };
}

/** STYLECLIP_METRICS_*: both the namespace and the stage, or neither; the counts come from the queue on Redis. */
function readQueueMetricsConfig(r: EnvReader, hasQueue: boolean): QueueMetricsConfig | undefined {
  const namespace = r.get('STYLECLIP_METRICS_NAMESPACE');
  const stage = r.get('STYLECLIP_METRICS_STAGE');
  const intervalSeconds = r.int('STYLECLIP_METRICS_INTERVAL_SECONDS', 60, 1, 3600);
  if (namespace === undefined && stage === undefined) return undefined;
  if (namespace === undefined || stage === undefined) {
    r.problems.push('set both STYLECLIP_METRICS_NAMESPACE and STYLECLIP_METRICS_STAGE, or neither');
    return undefined;
  }
  // CloudWatch: a namespace is 1–255 of these, not starting with "AWS/"; a dimension value 1–1024 characters.
  if (!/^[A-Za-z0-9.\-_/#:]{1,255}$/.test(namespace) || namespace.startsWith('AWS/'))
    r.problems.push(
      `STYLECLIP_METRICS_NAMESPACE must be 1–255 of A–Z a–z 0–9 . - _ / # : and not start with AWS/, got ${JSON.stringify(namespace)}`,
    );
  if (stage.length > 255)
    r.problems.push(`STYLECLIP_METRICS_STAGE must be at most 255 characters (got ${stage.length})`);
  if (!hasQueue)
    r.problems.push(
      'STYLECLIP_METRICS_NAMESPACE needs REDIS_URL: the queue metrics are counts of the job queue on Redis',
    );
  const region = r.get('AWS_REGION') ?? r.get('STYLECLIP_S3_REGION') ?? 'us-east-1';
  return { namespace, stage, intervalSeconds, region };
}

/** The core's configuration from the environment alone (the worker's), or ConfigError listing every problem. */
export function studioConfigFromEnv(env: Record<string, string | undefined> = process.env): StudioConfig {
  const r = new EnvReader(env);
  const config = readStudioConfig(r);
  r.done();
  return config;
}
