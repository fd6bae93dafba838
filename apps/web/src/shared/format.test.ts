import { describe, expect, it } from 'vitest';
import { formatAlpha, formatStrength, parseSeeds } from './format';
import { stripAlphas } from '../features/editor/strip';
import { backoffDelay } from './api/backoff';

describe('helpers', () => {
  it('parses seed lists and ranges', () => {
    expect(parseSeeds('1, 2 5-7 2')).toEqual([1, 2, 5, 6, 7]);
    expect(parseSeeds('')).toMatch(/at least one/);
    expect(parseSeeds('x')).toMatch(/not a seed/);
    expect(parseSeeds('0-40')).toMatch(/At most 16/);
  });

  it('formats α with a sign', () => {
    expect(formatAlpha(4)).toBe('+4');
    expect(formatAlpha(-2.5)).toBe('-2.5');
    expect(formatAlpha(0)).toBe('0');
    expect(formatStrength(1)).toBe('1.0');
    expect(formatStrength(-0.5)).toBe('-0.5');
  });

  it('spreads the strength strip symmetrically around 0', () => {
    expect(stripAlphas(4)).toEqual([-4, -2, 0, 2, 4]);
    expect(stripAlphas(-3)).toEqual([-3, -1.5, 0, 1.5, 3]);
    expect(stripAlphas(0)).toEqual([-5, -2.5, 0, 2.5, 5]);
  });

  it('backs off exponentially with a cap', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, 500, 8000, mid))).toEqual([
      500, 1000, 2000, 4000, 8000,
    ]);
  });
});
