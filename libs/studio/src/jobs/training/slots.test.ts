import { describe, expect, it } from 'vitest';
import { TrainingSlots } from './slots';

describe('TrainingSlots', () => {
  it('lets `size` holders in, queues the rest in order, passes a released slot on', async () => {
    const slots = new TrainingSlots(2);
    const a = await slots.acquire();
    const b = await slots.acquire();
    expect(slots.free).toBe(false);
    const order: string[] = [];
    const c = slots.acquire().then((r) => (order.push('c'), r));
    const d = slots.acquire().then((r) => (order.push('d'), r));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    a();
    a(); // releasing twice frees one slot only
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(slots.inUse).toBe(2);
    b();
    (await d)();
    releaseC();
    expect(slots.inUse).toBe(0);
  });

  it('stops waiting when the job is cancelled, and the slot stays with whoever holds it', async () => {
    const slots = new TrainingSlots(1);
    const held = await slots.acquire();
    const ctrl = new AbortController();
    const waiting = slots.acquire(ctrl.signal);
    ctrl.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    held();
    expect(slots.inUse).toBe(0);
    await expect(slots.acquire(ctrl.signal)).rejects.toThrow('cancelled');
    expect(() => new TrainingSlots(0)).toThrow(/positive integer/);
  });

  it('runs work holding a slot: says it waits only when none is free, releases when the work settles', async () => {
    const slots = new TrainingSlots(1);
    const waits: string[] = [];
    expect(await slots.run(async () => slots.inUse, { onWait: () => waits.push('first') })).toBe(1);
    const held = await slots.acquire();
    const second = slots.run(async () => 'second', { onWait: () => waits.push('second') });
    expect(waits).toEqual(['second']);
    held();
    expect(await second).toBe('second');
    await expect(slots.run(() => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(slots.inUse).toBe(0);
  });
});
