import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst, refuses with Retry-After, refills over time, per client', () => {
    let now = 0;
    const r = new RateLimiter({ perMinute: 60, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => r.take('a').ok)).toEqual([true, true, true]);
    const refused = r.take('a');
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(r.take('b').ok).toBe(true);
    now += 1000;
    expect(r.take('a').ok).toBe(true);
    expect(r.take('a').ok).toBe(false);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => r.take('a').ok)).toEqual([true, true, true, false]);
  });
});
