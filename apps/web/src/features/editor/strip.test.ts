import { describe, expect, it } from 'vitest';
import { stripAlphas } from './strip';

describe('stripAlphas', () => {
  it('spreads the strength strip symmetrically around 0', () => {
    expect(stripAlphas(4)).toEqual([-4, -2, 0, 2, 4]);
    expect(stripAlphas(-3)).toEqual([-3, -1.5, 0, 1.5, 3]);
    expect(stripAlphas(0)).toEqual([-5, -2.5, 0, 2.5, 5]);
  });
});
