import { EnvReader, readStudioConfig, type StudioConfig } from '@styleclip/studio';
import type { WorkBudgetConfig } from './budget';

export { ConfigError } from '@styleclip/studio';

/** Everything the API server needs, validated: the core's configuration and the server's own. */
export interface ApiConfig {
  studio: StudioConfig;
  host: string;
  /** 0 = any free port (tests). */
  port: number;
  /** Base URL clients reach the API at (image URLs, upload endpoint); default `http://<host>:<port>`. */
  publicUrl?: string;
  /** Base URL of the web app, for share links; default the public URL. */
  webUrl?: string;
  /** sha256 (hex) of accepted API keys, with a name for logs; empty = mutations are open. */
  apiKeys: { name: string; sha256: string }[];
  /** Names of keys that may act on what other keys started (cancel any job). */
  adminKeys: string[];
  /** Token bucket per client (API key or IP); null = off. */
  rateLimit: { perMinute: number; burst: number } | null;
  /** Token bucket of failed authentications per client address (then 429 for anything with a key); null = off. */
  authFailures: { perMinute: number; burst: number } | null;
  /** The work budget (see budget.ts): per-request caps, per-key and anonymous token buckets of work units. */
  work: WorkBudgetConfig;
  /** Take the client IP from X-Forwarded-For (behind a trusted proxy only). */
  trustProxy: boolean;
  /** Allowed browser origins; '*' = any. */
  corsOrigins: string[] | '*';
  limits: {
    maxDepth: number;
    maxCost: number;
    /** GraphQL request bodies (and WebSocket messages). */
    maxBodyBytes: number;
  };
  introspection: boolean;
}

/** Every environment variable the API server reads (besides the core's, storage's and the runner's). */
export const API_ENV_VARS = [
  'STYLECLIP_HOST',
  'STYLECLIP_PORT',
  'STYLECLIP_PUBLIC_URL',
  'STYLECLIP_WEB_URL',
  'STYLECLIP_API_KEY_SHA256',
  'STYLECLIP_ADMIN_KEYS',
  'STYLECLIP_RATE_LIMIT_PER_MINUTE',
  'STYLECLIP_RATE_LIMIT_BURST',
  'STYLECLIP_AUTH_FAILURES_PER_MINUTE',
  'STYLECLIP_AUTH_FAILURE_BURST',
  'STYLECLIP_WORK_PER_MINUTE',
  'STYLECLIP_WORK_BURST',
  'STYLECLIP_ANON_WORK_PER_MINUTE',
  'STYLECLIP_ANON_WORK_BURST',
  'STYLECLIP_MAX_WORK_PER_REQUEST',
  'STYLECLIP_MAX_STORED_IMAGES_PER_REQUEST',
  'STYLECLIP_TRUST_PROXY',
  'STYLECLIP_CORS_ORIGINS',
  'STYLECLIP_MAX_QUERY_DEPTH',
  'STYLECLIP_MAX_QUERY_COST',
  'STYLECLIP_MAX_BODY_BYTES',
  'STYLECLIP_INTROSPECTION',
] as const;

/**
 * Reads and validates the configuration from environment variables (see `.env.example`), reporting every
 * problem at once, one line each.
 */
export function configFromEnv(env: Record<string, string | undefined> = process.env): ApiConfig {
  const r = new EnvReader(env);
  const problems = r.problems;
  const get = (name: string) => r.get(name);
  const int = (name: string, def: number, min: number, max: number) => r.int(name, def, min, max);
  const bool = (name: string, def: boolean) => r.bool(name, def);
  const url = (name: string) => r.url(name);

  const host = get('STYLECLIP_HOST') ?? '127.0.0.1';
  const port = int('STYLECLIP_PORT', 4000, 0, 65535);
  const publicUrl = url('STYLECLIP_PUBLIC_URL');
  const webUrl = url('STYLECLIP_WEB_URL');
  const studio = readStudioConfig(r);

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

  const adminKeys = (get('STYLECLIP_ADMIN_KEYS') ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  for (const name of adminKeys)
    if (!apiKeys.some((k) => k.name === name))
      problems.push(
        `STYLECLIP_ADMIN_KEYS names ${JSON.stringify(name)}, which is not a key of STYLECLIP_API_KEY_SHA256 (name it there as "${name}:<digest>")`,
      );

  const perMinute = int('STYLECLIP_RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000);
  const burst = int('STYLECLIP_RATE_LIMIT_BURST', 60, 1, 1_000_000);
  const authPerMinute = int('STYLECLIP_AUTH_FAILURES_PER_MINUTE', 10, 0, 1_000_000);
  const authBurst = int('STYLECLIP_AUTH_FAILURE_BURST', 20, 1, 1_000_000);

  const perRequest = {
    units: int('STYLECLIP_MAX_WORK_PER_REQUEST', 64, 1, 100_000),
    storedImages: int('STYLECLIP_MAX_STORED_IMAGES_PER_REQUEST', 16, 1, 100_000),
  };
  /** A token bucket of work units, or null when its rate is 0; its burst must hold the largest request. */
  const workBucket = (prefix: string, perMinuteDefault: number, burstDefault: number) => {
    const rate = int(`${prefix}_PER_MINUTE`, perMinuteDefault, 0, 100_000_000);
    const size = int(`${prefix}_BURST`, burstDefault, 1, 100_000_000);
    if (rate > 0 && size < perRequest.units)
      problems.push(
        `${prefix}_BURST (${size}) is below STYLECLIP_MAX_WORK_PER_REQUEST (${perRequest.units}): a request the caps allow could never be served`,
      );
    return rate === 0 ? null : { perMinute: rate, burst: size };
  };
  const work: WorkBudgetConfig = {
    perRequest,
    perKey: workBucket('STYLECLIP_WORK', 1200, 256),
    anonymous: workBucket('STYLECLIP_ANON_WORK', 240, 64),
  };

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

  const config: ApiConfig = {
    studio,
    host,
    port,
    ...(publicUrl ? { publicUrl } : {}),
    ...(webUrl ? { webUrl } : {}),
    apiKeys,
    adminKeys,
    rateLimit: perMinute === 0 ? null : { perMinute, burst },
    authFailures: authPerMinute === 0 ? null : { perMinute: authPerMinute, burst: authBurst },
    work,
    trustProxy: bool('STYLECLIP_TRUST_PROXY', false),
    corsOrigins,
    limits: {
      maxDepth: int('STYLECLIP_MAX_QUERY_DEPTH', 12, 2, 100),
      maxCost: int('STYLECLIP_MAX_QUERY_COST', 20_000, 10, 10_000_000),
      maxBodyBytes: int('STYLECLIP_MAX_BODY_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    },
    introspection: bool('STYLECLIP_INTROSPECTION', true),
  };
  r.done();
  return config;
}
