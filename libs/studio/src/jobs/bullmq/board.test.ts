import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log';
import type { JobRecord } from '../../records';
import { startLocalRedis, type LocalRedis } from '../../testing/redis';
import type { JobEvent } from '../board';
import { RedisJobBoard } from './board';
import { RedisConnection } from './connection';

const job = (state: JobRecord['state'], progress: number, id = 'j1'): JobEvent => ({
  job: {
    id,
    kind: 'TEST',
    state,
    modelSetId: 'tiny',
    params: {},
    progress,
    done: Math.round(progress * 10),
    total: 10,
    createdAt: '2026-01-01T00:00:00.000Z',
    attempts: 1,
  },
  updatedAt: new Date().toISOString(),
});

let redis: LocalRedis;
const open: { conn: RedisConnection; board: RedisJobBoard }[] = [];
const board = async () => {
  const conn = new RedisConnection(redis.url, `board-${process.pid}`);
  const b = new RedisJobBoard(conn, silentLogger());
  await b.whenSubscribed();
  open.push({ conn, board: b });
  return b;
};

beforeAll(async () => {
  redis = await startLocalRedis();
});
afterAll(async () => {
  for (const o of open) {
    await o.board.close();
    await o.conn.close();
  }
  await redis?.dispose();
});

describe('RedisJobBoard', () => {
  it('keeps the live state moving forward whoever reports (the rule runs atomically in Redis)', async () => {
    const [a, b] = [await board(), await board()];
    expect(await a.publish(job('RUNNING', 0.5))).toBe(true);
    expect(await b.publish(job('RUNNING', 0.4))).toBe(false); // a late report from another process
    expect((await a.live(['j1']))[0]!.job.progress).toBe(0.5);
    expect(await b.publish(job('CANCELLED', 0.5))).toBe(true);
    expect(await a.publish(job('SUCCEEDED', 1))).toBe(false); // the first terminal state wins
    expect((await b.live(['j1', 'nope'])).map((e) => e?.job.state)).toEqual(['CANCELLED', undefined]);
  });

  it("delivers events to other processes' subscribers, in order, until the end", async () => {
    const [a, b] = [await board(), await board()];
    await a.publish(job('QUEUED', 0, 'j2'));
    await new Promise((r) => setTimeout(r, 50)); // let that event pass before subscribing
    const seen: number[] = [];
    const reading = (async () => {
      for await (const e of b.subscribe(job('QUEUED', 0, 'j2'))) seen.push(e.job.progress);
    })();
    for (const p of [0.1, 0.3, 0.2, 0.6]) await a.publish(job('RUNNING', p, 'j2'));
    await a.publish(job('SUCCEEDED', 1, 'j2'));
    await reading;
    expect(seen).toEqual([0, 0.1, 0.3, 0.6, 1]);
  });

  it('tallies fan-out children atomically, and shares cancel flags and claims', async () => {
    const [a, b] = [await board(), await board()];
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).tallyChild('r', i % 4, i)));
    const t = await a.tallyChild('r', 0, 0);
    expect(t.done).toBe(16 + 17 + 18 + 19);
    const heard: string[] = [];
    b.onCancel((id) => heard.push(id));
    await a.requestCancel('j9');
    expect(await b.cancelRequested('j9')).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual(['j9']);
    expect(await a.claim('set:tiny', 'j1')).toBeUndefined();
    expect(await b.claim('set:tiny', 'j2')).toBe('j1');
    await b.release('set:tiny', 'j1');
    expect(await b.claim('set:tiny', 'j2')).toBeUndefined();
  });
});
