import { describe, expect, it } from 'vitest';
import { parseSeeds } from './seeds';

describe('parseSeeds', () => {
  it('parses seed lists and ranges', () => {
    expect(parseSeeds('1, 2 5-7 2', 16)).toEqual([1, 2, 5, 6, 7]);
    expect(parseSeeds('', 16)).toMatch(/at least one/);
    expect(parseSeeds('x', 16)).toMatch(/not a seed/);
  });

  it("refuses more seeds than the API's limit, whatever it is (a huge range stops at the limit)", () => {
    expect(parseSeeds('0-40', 16)).toBe('At most 16 faces at a time.');
    expect(parseSeeds('1-4', 4)).toEqual([1, 2, 3, 4]);
    expect(parseSeeds('1-5', 4)).toBe('At most 4 faces at a time.');
    expect(parseSeeds('0-2000000000', 8)).toBe('At most 8 faces at a time.');
  });
});
