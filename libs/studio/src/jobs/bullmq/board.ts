import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from '../../log';
import { eventStream, isTerminal, type FanOutTally, type JobBoard, type JobEvent } from '../board';
import { viaRedis, type RedisConnection } from './connection';

/** Live states, tallies and cancel flags expire after this long (the records keep everything that matters). */
const TTL_SECONDS = 7 * 24 * 3600;

/**
 * KEYS[1] live state (hash: state, progress, json). ARGV: event json, state, progress, channel, ttl.
 * Stores and publishes the event when `acceptsUpdate` (board.ts) allows it; the same rule, atomically, so
 * concurrent reporters (shards on several workers) can only move a job forward.
 */
const PUBLISH = `
local cur = redis.call('HMGET', KEYS[1], 'state', 'progress')
local state, progress = cur[1], cur[2]
if state then
  local terminal = state == 'SUCCEEDED' or state == 'FAILED' or state == 'CANCELLED'
  if terminal and state ~= ARGV[2] then return 0 end
  if state == ARGV[2] and tonumber(progress) > tonumber(ARGV[3]) then return 0 end
end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'progress', ARGV[3], 'json', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('PUBLISH', ARGV[4], ARGV[1])
return 1
`;

/**
 * KEYS[1] tally (hash: c<index> → units, baseline, since). ARGV: index, units, is-baseline (1/0), ttl.
 * A child's count only grows; a baseline report (what a run resumed from) also grows the baseline. Returns
 * { sum, baseline, since, now } with times in ms on Redis's clock.
 */
const TALLY = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSETNX', KEYS[1], 'since', now)
redis.call('HSETNX', KEYS[1], 'baseline', 0)
local field = 'c' .. ARGV[1]
local old = tonumber(redis.call('HGET', KEYS[1], field) or '0')
local new = tonumber(ARGV[2])
if new > old then
  redis.call('HSET', KEYS[1], field, new)
  if ARGV[3] == '1' then redis.call('HINCRBY', KEYS[1], 'baseline', new - old) end
end
redis.call('EXPIRE', KEYS[1], ARGV[4])
local all = redis.call('HGETALL', KEYS[1])
local sum = 0
for i = 1, #all, 2 do
  if string.sub(all[i], 1, 1) == 'c' then sum = sum + tonumber(all[i + 1]) end
end
return { sum, tonumber(redis.call('HGET', KEYS[1], 'baseline')), tonumber(redis.call('HGET', KEYS[1], 'since')), now }
`;

/** KEYS[1] claim. ARGV: job id, ttl. Returns the holder when another job holds it, else takes it and returns ''. */
const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return holder end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return ''
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * The job board on Redis, shared by the API servers and the workers: live states with the forward-only rule
 * applied atomically, events over pub/sub (one channel; every process fans them out to its subscribers),
 * fan-out tallies, cancel flags (a key, so a worker that starts later still sees it, plus a message, so running
 * ones stop at once) and exclusive claims.
 */
export class RedisJobBoard implements JobBoard {
  private readonly emitter = new EventEmitter();
  private readonly sub: Redis;
  private readonly events: string;
  private readonly cancels: string;
  private readonly ready: Promise<unknown>;

  constructor(
    private readonly redis: RedisConnection,
    private readonly log: Logger,
  ) {
    this.emitter.setMaxListeners(0);
    this.events = `${redis.prefix}events`;
    this.cancels = `${redis.prefix}cancels`;
    this.sub = redis.subscriber();
    this.sub.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    this.ready = this.sub.subscribe(this.events, this.cancels).catch((e) => {
      log.error({ err: (e as Error).message }, 'cannot subscribe to job events on Redis');
    });
  }

  private get c(): Redis {
    return this.redis.commands;
  }

  private key(kind: string, id: string): string {
    return `${this.redis.prefix}${kind}:${id}`;
  }

  private onMessage(channel: string, message: string): void {
    if (channel === this.cancels) {
      this.emitter.emit('cancel', message);
      return;
    }
    let event: JobEvent;
    try {
      event = JSON.parse(message) as JobEvent;
    } catch {
      return;
    }
    this.emitter.emit(`job:${event.job.id}`, event);
    this.emitter.emit('event', event);
  }

  /** Resolves once this process receives events (tests, and a worker before taking jobs). */
  whenSubscribed(): Promise<unknown> {
    return this.ready;
  }

  async publish(event: JobEvent): Promise<boolean> {
    const json = JSON.stringify(event);
    const r = await viaRedis('publishing job state', () =>
      this.c.eval(
        PUBLISH,
        1,
        this.key('live', event.job.id),
        json,
        event.job.state,
        String(event.job.progress),
        this.events,
        String(TTL_SECONDS),
      ),
    );
    return r === 1;
  }

  async live(ids: readonly string[]): Promise<(JobEvent | undefined)[]> {
    if (ids.length === 0) return [];
    const pipeline = this.c.pipeline();
    for (const id of ids) pipeline.hget(this.key('live', id), 'json');
    const replies = (await viaRedis('reading live job states', () => pipeline.exec())) ?? [];
    return replies.map(([err, v]) =>
      err || typeof v !== 'string' ? undefined : (JSON.parse(v) as JobEvent),
    );
  }

  subscribe(initial: JobEvent): AsyncIterableIterator<JobEvent> {
    const name = `job:${initial.job.id}`;
    return eventStream(initial, (push) => {
      // Events that passed the board's rule arrive in order; a state older than the initial one is dropped.
      let last = initial.job;
      const onEvent = (e: JobEvent) => {
        if (isTerminal(last.state) && last.state !== e.job.state) return;
        if (last.state === e.job.state && e.job.progress < last.progress) return;
        last = e.job;
        push(e);
      };
      this.emitter.on(name, onEvent);
      return () => this.emitter.off(name, onEvent);
    });
  }

  onEvent(listener: (e: JobEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  async tallyChild(
    rootId: string,
    index: number,
    done: number,
    o: { baseline?: boolean } = {},
  ): Promise<FanOutTally> {
    const r = (await viaRedis('tallying shard progress', () =>
      this.c.eval(
        TALLY,
        1,
        this.key('tally', rootId),
        String(index),
        String(Math.floor(done)),
        o.baseline ? '1' : '0',
        String(TTL_SECONDS),
      ),
    )) as number[];
    return { done: r[0]!, baseline: r[1]!, since: r[2]!, now: r[3]! };
  }

  async clearTally(rootId: string): Promise<void> {
    await viaRedis('clearing a tally', () => this.c.del(this.key('tally', rootId)));
  }

  async requestCancel(id: string): Promise<void> {
    await viaRedis('requesting a cancel', async () => {
      await this.c.set(this.key('cancel', id), '1', 'EX', TTL_SECONDS);
      await this.c.publish(this.cancels, id);
    });
  }

  async cancelRequested(id: string): Promise<boolean> {
    return (await viaRedis('reading a cancel flag', () => this.c.exists(this.key('cancel', id)))) === 1;
  }

  onCancel(listener: (id: string) => void): () => void {
    this.emitter.on('cancel', listener);
    return () => this.emitter.off('cancel', listener);
  }

  async claim(key: string, jobId: string): Promise<string | undefined> {
    const holder = (await viaRedis('claiming a model set', () =>
      this.c.eval(CLAIM, 1, this.key('claim', key), jobId, String(TTL_SECONDS)),
    )) as string;
    return holder === '' ? undefined : holder;
  }

  async release(key: string, jobId: string): Promise<void> {
    await viaRedis('releasing a claim', () => this.c.eval(RELEASE, 1, this.key('claim', key), jobId));
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    await this.sub.quit().catch(() => this.sub.disconnect());
  }
}
