import { blobStoreConfigFromEnv, isStorageError, type BlobStoreConfig } from '@styleclip/storage';
import { runnerConfigFromEnv, type RunnerConfig } from '@styleclip/model-runners';
import { MODEL_SET_ID } from './ids';

/** Everything the API server needs, validated. Built from the environment by `configFromEnv`. */
export interface ApiConfig {
  host: string;
  /** 0 = any free port (tests). */
  port: number;
  /** Base URL clients reach the API at (image URLs, upload endpoint); default `http://<host>:<port>`. */
  publicUrl?: string;
  /** Base URL of the web app, for share links; default the public URL. */
  webUrl?: string;
  modelsDir: string;
  defaultModelSet: string;
  storage: BlobStoreConfig;
  /** sha256 (hex) of accepted API keys, with a name for logs; empty = mutations are open. */
  apiKeys: { name: string; sha256: string }[];
  /** Token bucket per client (API key or IP); null = off. */
  rateLimit: { perMinute: number; burst: number } | null;
  /** Take the client IP from X-Forwarded-For (behind a trusted proxy only). */
  trustProxy: boolean;
  /** Allowed browser origins; '*' = any. */
  corsOrigins: string[] | '*';
  limits: {
    maxDepth: number;
    maxCost: number;
    /** GraphQL request bodies (and WebSocket messages). */
    maxBodyBytes: number;
    /** Uploaded images (at most 20 MB). */
    maxUploadBytes: number;
  };
  jobs: { concurrency: number; queueLimit: number; persistIntervalMs: number };
  /** Micro-batching of concurrent generator runs; undefined = off. */
  batching?: { maxBatch: number; windowMs: number };
  runner: Partial<RunnerConfig>;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  shutdownTimeoutMs: number;
  /** Lifetime of presigned URLs (images, latents, uploads). */
  urlTtlSeconds: number;
  /** In-memory cache of immutable blobs (latents, PNGs), in bytes; 0 = off. */
  cacheBytes: number;
  introspection: boolean;
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Every environment variable the API reads (besides storage's and the runner's), with its meaning. */
export const API_ENV_VARS = [
  'STYLECLIP_HOST',
  'STYLECLIP_PORT',
  'STYLECLIP_PUBLIC_URL',
  'STYLECLIP_WEB_URL',
  'STYLECLIP_MODELS_DIR',
  'STYLECLIP_DEFAULT_MODEL_SET',
  'STYLECLIP_API_KEY_SHA256',
  'STYLECLIP_RATE_LIMIT_PER_MINUTE',
  'STYLECLIP_RATE_LIMIT_BURST',
  'STYLECLIP_TRUST_PROXY',
  'STYLECLIP_CORS_ORIGINS',
  'STYLECLIP_MAX_QUERY_DEPTH',
  'STYLECLIP_MAX_QUERY_COST',
  'STYLECLIP_MAX_BODY_BYTES',
  'STYLECLIP_MAX_UPLOAD_BYTES',
  'STYLECLIP_JOB_CONCURRENCY',
  'STYLECLIP_JOB_QUEUE_LIMIT',
  'STYLECLIP_JOB_PERSIST_MS',
  'STYLECLIP_BATCH_MAX',
  'STYLECLIP_BATCH_WINDOW_MS',
  'STYLECLIP_LOG_LEVEL',
  'STYLECLIP_SHUTDOWN_TIMEOUT_MS',
  'STYLECLIP_URL_TTL_SECONDS',
  'STYLECLIP_CACHE_MB',
  'STYLECLIP_INTROSPECTION',
] as const;

/** Invalid configuration: `problems` has one line per problem (each names the variable). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads and validates the configuration from environment variables (see `.env.example`), reporting every
 * problem at once, one line each.
 */
export function configFromEnv(env: Record<string, string | undefined> = process.env): ApiConfig {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer in ${min}…${max}, got ${JSON.stringify(raw)}`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = get(name)?.toLowerCase();
    if (raw === undefined) return def;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false, got ${JSON.stringify(get(name))}`);
    return def;
  };
  const url = (name: string): string | undefined => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
      return raw.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} must be an http(s) URL, got ${JSON.stringify(raw)}`);
      return undefined;
    }
  };

  const host = get('STYLECLIP_HOST') ?? '127.0.0.1';
  const port = int('STYLECLIP_PORT', 4000, 0, 65535);
  const publicUrl = url('STYLECLIP_PUBLIC_URL');
  const webUrl = url('STYLECLIP_WEB_URL');
  const modelsDir = get('STYLECLIP_MODELS_DIR') ?? './models';
  const defaultModelSet = get('STYLECLIP_DEFAULT_MODEL_SET') ?? 'tiny';
  if (!MODEL_SET_ID.test(defaultModelSet)) {
    problems.push(
      `STYLECLIP_DEFAULT_MODEL_SET ${JSON.stringify(defaultModelSet)} is not a model set id (${MODEL_SET_ID.source})`,
    );
  }

  let storage: BlobStoreConfig = { kind: 'fs', root: './data' };
  try {
    storage = blobStoreConfigFromEnv(env);
  } catch (e) {
    if (!isStorageError(e, 'invalid_config')) throw e;
    // "invalid storage configuration:\n  - a\n  - b" → one problem per line.
    problems.push(
      ...e.message
        .split('\n')
        .slice(1)
        .map((l) => l.replace(/^\s*-\s*/, '')),
    );
  }

  const apiKeys: ApiConfig['apiKeys'] = [];
  for (const [i, entry] of (get('STYLECLIP_API_KEY_SHA256') ?? '').split(',').entries()) {
    const item = entry.trim();
    if (item === '') continue;
    const m = /^(?:([A-Za-z0-9_.-]{1,40}):)?([0-9a-fA-F]{64})$/.exec(item);
    if (!m) {
      problems.push(
        `STYLECLIP_API_KEY_SHA256 entry ${i + 1} must be a sha256 hex digest (64 hex digits), optionally "name:" first; ` +
          `got ${item.length > 12 ? `${JSON.stringify(item.slice(0, 12))}… (${item.length} characters)` : JSON.stringify(item)}`,
      );
      continue;
    }
    const sha256 = m[2]!.toLowerCase();
    apiKeys.push({ name: m[1] ?? `key-${sha256.slice(0, 8)}`, sha256 });
  }

  const perMinute = int('STYLECLIP_RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000);
  const burst = int('STYLECLIP_RATE_LIMIT_BURST', 60, 1, 1_000_000);

  const corsRaw = get('STYLECLIP_CORS_ORIGINS') ?? 'http://localhost:3000,http://127.0.0.1:3000';
  let corsOrigins: string[] | '*' = '*';
  if (corsRaw !== '*') {
    corsOrigins = [];
    for (const o of corsRaw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const ok =
        URL.canParse(o) && ['http:', 'https:'].includes(new URL(o).protocol) && new URL(o).origin === o;
      if (ok) corsOrigins.push(o);
      else
        problems.push(
          `STYLECLIP_CORS_ORIGINS entry ${JSON.stringify(o)} is not an origin like https://app.example.com (or use *)`,
        );
    }
  }

  const maxBatch = int('STYLECLIP_BATCH_MAX', 16, 1, 1024);
  const windowMs = int('STYLECLIP_BATCH_WINDOW_MS', 5, 0, 1000);

  let runner: Partial<RunnerConfig> = {};
  try {
    runner = runnerConfigFromEnv(env as NodeJS.ProcessEnv);
  } catch (e) {
    problems.push((e as Error).message);
  }

  const logLevelRaw = get('STYLECLIP_LOG_LEVEL') ?? 'info';
  const logLevel = (LOG_LEVELS as readonly string[]).includes(logLevelRaw)
    ? (logLevelRaw as ApiConfig['logLevel'])
    : (problems.push(
        `STYLECLIP_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevelRaw)}`,
      ),
      'info');

  const config: ApiConfig = {
    host,
    port,
    ...(publicUrl ? { publicUrl } : {}),
    ...(webUrl ? { webUrl } : {}),
    modelsDir,
    defaultModelSet,
    storage,
    apiKeys,
    rateLimit: perMinute === 0 ? null : { perMinute, burst },
    trustProxy: bool('STYLECLIP_TRUST_PROXY', false),
    corsOrigins,
    limits: {
      maxDepth: int('STYLECLIP_MAX_QUERY_DEPTH', 12, 2, 100),
      maxCost: int('STYLECLIP_MAX_QUERY_COST', 20_000, 10, 10_000_000),
      maxBodyBytes: int('STYLECLIP_MAX_BODY_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
      maxUploadBytes: int('STYLECLIP_MAX_UPLOAD_BYTES', MAX_UPLOAD_BYTES, 1024, MAX_UPLOAD_BYTES),
    },
    jobs: {
      concurrency: int('STYLECLIP_JOB_CONCURRENCY', 1, 1, 64),
      queueLimit: int('STYLECLIP_JOB_QUEUE_LIMIT', 20, 1, 10_000),
      persistIntervalMs: int('STYLECLIP_JOB_PERSIST_MS', 1000, 0, 600_000),
    },
    ...(maxBatch > 1 ? { batching: { maxBatch, windowMs } } : {}),
    runner,
    logLevel,
    shutdownTimeoutMs: int('STYLECLIP_SHUTDOWN_TIMEOUT_MS', 25_000, 0, 3_600_000),
    urlTtlSeconds: int('STYLECLIP_URL_TTL_SECONDS', 3600, 60, 7 * 24 * 3600),
    cacheBytes: int('STYLECLIP_CACHE_MB', 256, 0, 1_000_000) * 1024 * 1024,
    introspection: bool('STYLECLIP_INTROSPECTION', true),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
