import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { STORAGE_ENV_VARS, STUDIO_ENV_VARS } from '@styleclip/studio';
import { API_ENV_VARS, ConfigError, configFromEnv } from './config';

describe('configFromEnv', () => {
  it('has working defaults (local, fs storage, tiny, batching on, rate limit on, no keys)', () => {
    const c = configFromEnv({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      studio: {
        modelsDir: './models',
        defaultModelSet: 'tiny',
        storage: { kind: 'fs', root: './data' },
        batching: { maxBatch: 16, windowMs: 5 },
        maxUploadBytes: 20 * 1024 * 1024,
        jobs: { concurrency: 1 },
      },
      apiKeys: [],
      rateLimit: { perMinute: 600, burst: 60 },
      limits: { maxDepth: 12, maxCost: 20000 },
    });
    expect(c.studio.jobs.redisUrl).toBeUndefined(); // jobs run in the API process
    expect(c.corsOrigins).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
  });

  it('reads keys (optionally named), rate limits, CORS, S3 and runner settings', () => {
    const hash = 'a'.repeat(64);
    const c = configFromEnv({
      STYLECLIP_API_KEY_SHA256: `web:${hash}, ${'B'.repeat(64)}`,
      STYLECLIP_RATE_LIMIT_PER_MINUTE: '0',
      STYLECLIP_CORS_ORIGINS: '*',
      STYLECLIP_BATCH_MAX: '1',
      STYLECLIP_STORAGE: 's3',
      STYLECLIP_S3_BUCKET: 'faces',
      STYLECLIP_INTRA_OP_THREADS: '2',
      STYLECLIP_PUBLIC_URL: 'https://api.example.com/',
    });
    expect(c.apiKeys).toEqual([
      { name: 'web', sha256: hash },
      { name: 'key-bbbbbbbb', sha256: 'b'.repeat(64) },
    ]);
    expect(c.rateLimit).toBeNull();
    expect(c.corsOrigins).toBe('*');
    expect(c.studio.batching).toBeUndefined();
    expect(c.studio.storage).toMatchObject({ kind: 's3', bucket: 'faces' });
    expect(c.studio.runner).toEqual({ intraOpNumThreads: 2 });
    expect(c.publicUrl).toBe('https://api.example.com');
  });

  it('sends jobs to the queue with REDIS_URL, and refuses a URL that is not Redis', () => {
    const c = configFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379/0', STYLECLIP_JOB_ATTEMPTS: '5' });
    expect(c.studio.jobs).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379/0',
      attempts: 5,
      queueName: 'styleclip-jobs',
    });
    expect(() => configFromEnv({ REDIS_URL: 'http://user:secret@redis:6379' })).toThrow(
      /REDIS_URL must be a redis\/rediss URL, got "http:\/\/…@redis:6379"/,
    );
  });

  it('reports every problem at once, one line each, naming the variable', () => {
    let error: ConfigError | undefined;
    try {
      configFromEnv({
        STYLECLIP_PORT: 'eighty',
        STYLECLIP_API_KEY_SHA256: 'my-plain-secret-key',
        STYLECLIP_CORS_ORIGINS: 'localhost:3000',
        STYLECLIP_STORAGE: 's3',
        STYLECLIP_EXECUTION_PROVIDER: 'tpu',
        STYLECLIP_LOG_LEVEL: 'loud',
        STYLECLIP_TRUST_PROXY: 'maybe',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const p = error!.problems;
    expect(p).toHaveLength(7);
    expect(p[0]).toBe('STYLECLIP_PORT must be an integer in 0…65535, got "eighty"');
    expect(p.find((l) => l.startsWith('STYLECLIP_S3_BUCKET'))).toBe('STYLECLIP_S3_BUCKET is required');
    expect(p.find((l) => l.startsWith('STYLECLIP_API_KEY_SHA256'))).toMatch(/must be a sha256 hex digest/);
    // A secret put there by mistake is not echoed whole.
    expect(p.join('\n')).not.toContain('my-plain-secret-key');
    expect(p.some((l) => l.startsWith('STYLECLIP_CORS_ORIGINS entry "localhost:3000"'))).toBe(true);
    expect(p.some((l) => l.startsWith('STYLECLIP_EXECUTION_PROVIDER'))).toBe(true);
    expect(p.some((l) => l.startsWith('STYLECLIP_LOG_LEVEL'))).toBe(true);
    expect(p.some((l) => l.startsWith('STYLECLIP_TRUST_PROXY'))).toBe(true);
    expect(error!.message.split('\n')).toHaveLength(8);
  });

  it('.env.example documents every variable and is itself a valid configuration', () => {
    const text = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const env = parseEnv(text) as Record<string, string>;
    const documented = Object.keys(env);
    const expected = [
      ...API_ENV_VARS,
      ...STUDIO_ENV_VARS,
      ...Object.values(STORAGE_ENV_VARS),
      'STYLECLIP_EXECUTION_PROVIDER',
      'STYLECLIP_INTRA_OP_THREADS',
    ];
    expect(expected.filter((v) => !documented.includes(v))).toEqual([]);
    expect(documented.filter((v) => !expected.includes(v))).toEqual([]);
    expect(configFromEnv(env).port).toBe(4000);
  });
});
