import { describe, expect, it } from 'vitest';
import { ID_PATTERN, isId, newId } from './ids';

describe('ids', () => {
  it('are 20 characters and sort newest first, also within one millisecond', () => {
    const a = newId(1_000_000);
    const b = newId(1_000_000);
    const c = newId(1_000_001);
    for (const id of [a, b, c]) expect(id).toMatch(ID_PATTERN);
    expect([a, b, c].sort()).toEqual([c, b, a]);
    expect(isId(a)).toBe(true);
    expect(isId('../etc')).toBe(false);
  });

  it('are unique', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId(42)));
    expect(ids.size).toBe(5000);
  });
});
