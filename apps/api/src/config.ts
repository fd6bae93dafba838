import { EnvReader, readStudioConfig, type StudioConfig } from '@styleclip/studio';

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
  'STYLECLIP_RATE_LIMIT_PER_MINUTE',
  'STYLECLIP_RATE_LIMIT_BURST',
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

  const config: ApiConfig = {
    studio,
    host,
    port,
    ...(publicUrl ? { publicUrl } : {}),
    ...(webUrl ? { webUrl } : {}),
    apiKeys,
    rateLimit: perMinute === 0 ? null : { perMinute, burst },
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
