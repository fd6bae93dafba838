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

/**
 * The Redis connections of one process for one queue: commands (fail fast while Redis is away, so requests get a
 * clear error instead of hanging), a subscriber (events, cancellations), and BullMQ's (which must wait out
 * outages: a worker keeps its place and resumes). Our own keys live under `styleclip:<queue>:`.
 */
export class RedisConnection {
  readonly prefix: string;
  private readonly clients: Redis[] = [];
  private commandClient: Redis | undefined;

  constructor(
    readonly url: string,
    readonly queueName: string,
  ) {
    this.prefix = `styleclip:${queueName}:`;
  }

  private open(o: RedisOptions): Redis {
    const c = new Redis(this.url, { lazyConnect: false, connectionName: `styleclip-${process.pid}`, ...o });
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

export const redisConnection = (url: string, queueName: string): RedisConnection =>
  new RedisConnection(url, queueName);
