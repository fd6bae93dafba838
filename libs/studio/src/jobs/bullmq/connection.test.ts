import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioConfigFromEnv } from '../../config';
import { startLocalRedis, type LocalRedis } from '../../testing/redis';
import { RedisConnection, viaRedis } from './connection';

// How the deployment reaches Redis: a `rediss://` URL without credentials and the AUTH token apart
// (REDIS_PASSWORD, from a secret store). A redis-server of our own with TLS (a self-signed certificate the client is
// told to trust) and a password.

describe('RedisConnection to a TLS Redis with a password', () => {
  let redis: LocalRedis;
  beforeAll(async () => {
    redis = await startLocalRedis({ tls: true, password: 'correct horse' });
  });
  afterAll(async () => redis?.dispose());

  it('authenticates with the password given apart from the rediss:// URL', async () => {
    expect(redis.url).toMatch(/^rediss:\/\/127\.0\.0\.1:\d+$/);
    const config = studioConfigFromEnv({ REDIS_URL: redis.url, REDIS_PASSWORD: 'correct horse' });
    expect(config.jobs.redisPassword).toBe('correct horse');
    // The test server's certificate is self-signed: trusted here as NODE_EXTRA_CA_CERTS would make it.
    const conn = new RedisConnection(config.jobs.redisUrl!, 'tls-test', {
      password: config.jobs.redisPassword!,
      tls: { ca: redis.caPem! },
    });
    try {
      await conn.commands.set(`${conn.prefix}k`, 'v');
      expect(await conn.commands.get(`${conn.prefix}k`)).toBe('v');
      expect(await conn.commands.ping()).toBe('PONG');
    } finally {
      await conn.close();
    }
  });

  it('without the password, commands fail with QUEUE_UNAVAILABLE naming what failed', async () => {
    const conn = new RedisConnection(redis.url, 'tls-test', { tls: { ca: redis.caPem! } });
    try {
      const e = await viaRedis('reading a key', () => conn.commands.get('x')).catch((err: unknown) => err);
      expect(e).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
      expect((e as Error).message).toContain('reading a key');
      expect(String((e as Error).cause)).toMatch(/NOAUTH|auth/i);
    } finally {
      await conn.close();
    }
  });

  it('does not trust a certificate nobody vouches for', async () => {
    const conn = new RedisConnection(redis.url, 'tls-test', { password: 'correct horse' });
    try {
      const e = await viaRedis('ping', () => conn.commands.ping()).catch((err: unknown) => err);
      expect(e).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    } finally {
      await conn.close();
    }
  });
});

describe('Redis settings', () => {
  it('refuses a password given twice, or without a URL', () => {
    expect(() =>
      studioConfigFromEnv({ REDIS_URL: 'rediss://:a@example.com:6380', REDIS_PASSWORD: 'b' }),
    ).toThrow(/give the password in one place/);
    expect(() => studioConfigFromEnv({ REDIS_PASSWORD: 'b' })).toThrow(/REDIS_PASSWORD is set but REDIS_URL/);
    expect(
      studioConfigFromEnv({ REDIS_URL: 'rediss://example.com:6380' }).jobs.redisPassword,
    ).toBeUndefined();
  });
});
