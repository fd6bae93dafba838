import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('backs off exponentially with a cap', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, 500, 8000, mid))).toEqual([
      500, 1000, 2000, 4000, 8000,
    ]);
  });
});
