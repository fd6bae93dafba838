import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../records';
import { JobEvents, type JobEvent } from './pubsub';

const job = (state: JobRecord['state'], done = 0): JobEvent => ({
  job: {
    id: 'j1',
    kind: 'PRECOMPUTE_DIRECTIONS',
    state,
    modelSetId: 'tiny',
    params: { images: 1, samples: 100, layers: 'official' },
    progress: 0,
    done,
    total: 10,
    createdAt: '2026-01-01T00:00:00.000Z',
    attempts: 1,
  },
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('JobEvents', () => {
  it('yields the current state, then updates, and ends after a terminal state', async () => {
    const events = new JobEvents();
    const it = events.subscribe(job('RUNNING'));
    const seen: string[] = [];
    const reading = (async () => {
      for await (const e of it) seen.push(`${e.job.state}:${e.job.done}`);
    })();
    await Promise.resolve();
    events.publish(job('RUNNING', 3));
    events.publish(job('SUCCEEDED', 10));
    events.publish(job('RUNNING', 99)); // after the end: not delivered
    await reading;
    expect(seen).toEqual(['RUNNING:0', 'RUNNING:3', 'SUCCEEDED:10']);
    expect(events.listeners('j1')).toBe(0);
  });

  it('ends at once when the subscriber leaves while waiting, releasing its listener', async () => {
    const events = new JobEvents();
    const it = events.subscribe(job('QUEUED'));
    expect((await it.next()).value?.job.state).toBe('QUEUED');
    const waiting = it.next();
    expect(events.listeners('j1')).toBe(1);
    await it.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(events.listeners('j1')).toBe(0);
  });
});
