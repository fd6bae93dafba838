import { Redis, type RedisOptions } from 'ioredis';
import { StudioError } from '../../errors';

/** Runs a Redis operation; a failure (Redis away, timing out) becomes QUEUE_UNAVAILABLE, saying what failed. */
export async function viaRedis<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof StudioError) throw e;
    throw new StudioError(
      'QUEUE_UNAVAILABLE',
      `the job queue (Redis) is unavailable (${what}); try again shortly`,
      {},
      { cause: e },
    );
  }
}

/** How to reach Redis besides its URL. */
export interface RedisConnectionOptions {
  /**
   * AUTH password given apart from the URL (REDIS_PASSWORD: a managed Redis's token from a secret store). A
   * password inside the URL wins (the configuration refuses both).
   */
  password?: string;
  /**
   * A CA to trust for a `rediss://` server's certificate besides the system's (tests with a self-signed server;
   * a deployment on a managed Redis needs none, and NODE_EXTRA_CA_CERTS covers a private CA).
   */
  tls?: { ca: string };
}

/**
 * The Redis connections of one process for one queue: commands (fail fast while Redis is away, so requests get a
 * clear error instead of hanging), a subscriber (events, cancellations), and BullMQ's (which must wait out
 * outages: a worker keeps its place and resumes). Our own keys live under `styleclip:<queue>:`. A `rediss://` URL
 * connects over TLS (the server's certificate is checked against the system's CAs and NODE_EXTRA_CA_CERTS).
 */
export class RedisConnection {
  readonly prefix: string;
  private readonly clients: Redis[] = [];
  private commandClient: Redis | undefined;

  constructor(
    readonly url: string,
    readonly queueName: string,
    private readonly options: RedisConnectionOptions = {},
  ) {
    this.prefix = `styleclip:${queueName}:`;
  }

  private open(o: RedisOptions): Redis {
    const c = new Redis(this.url, {
      lazyConnect: false,
      connectionName: `styleclip-${process.pid}`,
      ...(this.options.password !== undefined ? { password: this.options.password } : {}),
      ...(this.options.tls && this.url.startsWith('rediss:') ? { tls: { ca: this.options.tls.ca } } : {}),
      ...o,
    });
    c.on('error', () => undefined); // reported through failing commands; reconnects by itself
    this.clients.push(c);
    return c;
  }

  /** For our commands: a few retries, then the command fails. */
  get commands(): Redis {
    this.commandClient ??= this.open({ maxRetriesPerRequest: 2, enableOfflineQueue: true });
    return this.commandClient;
  }

  /** A dedicated connection for SUBSCRIBE. */
  subscriber(): Redis {
    return this.open({ maxRetriesPerRequest: null });
  }

  /** A connection for BullMQ (which requires `maxRetriesPerRequest: null`). */
  bull(): Redis {
    return this.open({ maxRetriesPerRequest: null });
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
    this.commandClient = undefined;
  }
}

export const redisConnection = (
  url: string,
  queueName: string,
  options: RedisConnectionOptions = {},
): RedisConnection => new RedisConnection(url, queueName, options);
