import { describe, expect, it } from 'vitest';
import { parseSeeds } from './seeds';

describe('parseSeeds', () => {
  it('parses seed lists and ranges', () => {
    expect(parseSeeds('1, 2 5-7 2')).toEqual([1, 2, 5, 6, 7]);
    expect(parseSeeds('')).toMatch(/at least one/);
    expect(parseSeeds('x')).toMatch(/not a seed/);
    expect(parseSeeds('0-40')).toMatch(/At most 16/);
  });
});
