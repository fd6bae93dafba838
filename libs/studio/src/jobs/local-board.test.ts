import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../records';
import { acceptsUpdate, type JobEvent } from './board';
import { LocalJobBoard } from './local-board';

const job = (state: JobRecord['state'], done = 0, progress = done / 10): JobEvent => ({
  job: {
    id: 'j1',
    kind: 'PRECOMPUTE_DIRECTIONS',
    state,
    modelSetId: 'tiny',
    params: {},
    progress,
    done,
    total: 10,
    createdAt: '2026-01-01T00:00:00.000Z',
    attempts: 1,
  },
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('acceptsUpdate', () => {
  it('moves forward only: progress within a state, any state change, the first terminal state wins', () => {
    expect(acceptsUpdate(undefined, job('RUNNING', 3).job)).toBe(true);
    expect(acceptsUpdate(job('RUNNING', 3).job, job('RUNNING', 4).job)).toBe(true);
    expect(acceptsUpdate(job('RUNNING', 3).job, job('RUNNING', 3).job)).toBe(true);
    expect(acceptsUpdate(job('RUNNING', 4).job, job('RUNNING', 3).job)).toBe(false);
    expect(acceptsUpdate(job('RUNNING', 4).job, job('QUEUED', 0).job)).toBe(true);
    expect(acceptsUpdate(job('RUNNING', 4).job, job('CANCELLED', 4).job)).toBe(true);
    expect(acceptsUpdate(job('CANCELLED', 4).job, job('SUCCEEDED', 10).job)).toBe(false);
    expect(acceptsUpdate(job('CANCELLED', 4).job, job('RUNNING', 9).job)).toBe(false);
  });
});

describe('LocalJobBoard', () => {
  it('yields the current state, then accepted updates, and ends after a terminal state', async () => {
    const board = new LocalJobBoard();
    const it = board.subscribe(job('RUNNING'));
    const seen: string[] = [];
    const reading = (async () => {
      for await (const e of it) seen.push(`${e.job.state}:${e.job.done}`);
    })();
    await Promise.resolve();
    await board.publish(job('RUNNING', 3));
    expect(await board.publish(job('RUNNING', 2))).toBe(false); // late and older: dropped
    await board.publish(job('SUCCEEDED', 10));
    await board.publish(job('RUNNING', 99)); // after the end: refused
    await reading;
    expect(seen).toEqual(['RUNNING:0', 'RUNNING:3', 'SUCCEEDED:10']);
    expect(board.listeners('j1')).toBe(0);
    expect((await board.live(['j1', 'nope'])).map((e) => e?.job.state)).toEqual(['SUCCEEDED', undefined]);
  });

  it('ends at once when the subscriber leaves while waiting, releasing its listener', async () => {
    const board = new LocalJobBoard();
    const it = board.subscribe(job('QUEUED'));
    expect((await it.next()).value?.job.state).toBe('QUEUED');
    const waiting = it.next();
    expect(board.listeners('j1')).toBe(1);
    await it.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(board.listeners('j1')).toBe(0);
  });

  it('tallies fan-out children: each child never goes back, resumed work is the baseline', async () => {
    const board = new LocalJobBoard();
    expect((await board.tallyChild('r', 0, 4, { baseline: true })).done).toBe(4);
    expect((await board.tallyChild('r', 1, 2)).done).toBe(6);
    const t = await board.tallyChild('r', 0, 1); // a late, older report of child 0
    expect(t).toMatchObject({ done: 6, baseline: 4 });
  });

  it('claims exclusive keys', async () => {
    const board = new LocalJobBoard();
    expect(await board.claim('set:tiny', 'a')).toBeUndefined();
    expect(await board.claim('set:tiny', 'a')).toBeUndefined();
    expect(await board.claim('set:tiny', 'b')).toBe('a');
    await board.release('set:tiny', 'b');
    expect(await board.claim('set:tiny', 'b')).toBe('a');
    await board.release('set:tiny', 'a');
    expect(await board.claim('set:tiny', 'b')).toBeUndefined();
  });
});
