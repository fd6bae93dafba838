import { describe, expect, it } from 'vitest';
import { bpe } from './bpe';

describe('bpe', () => {
  // A toy merge table: lower rank merges first.
  const ranks = new Map([
    ['l l', 0],
    ['h e', 1],
    ['ll o</w>', 2],
    ['he llo</w>', 3],
    ['a a', 4],
  ]);

  it('glues </w> to the last symbol and applies merges by rank', () => {
    expect(bpe('hello', ranks)).toEqual(['hello</w>']);
    expect(bpe('help', ranks)).toEqual(['he', 'l', 'p</w>']);
    expect(bpe('x', ranks)).toEqual(['x</w>']);
  });

  it('merges non-overlapping occurrences left to right', () => {
    expect(bpe('aaab', ranks)).toEqual(['aa', 'a', 'b</w>']);
    expect(bpe('aaaab', ranks)).toEqual(['aa', 'aa', 'b</w>']);
  });
});
