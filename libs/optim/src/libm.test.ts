import { describe, expect, it } from 'vitest';
import { cosCorrect, powInt } from './libm';

describe('correctly rounded pow and cos', () => {
  it('powInt: exact where exact, within an ulp of Math.pow elsewhere', () => {
    expect(powInt(2, 40)).toBe(2 ** 40);
    expect(powInt(0.5, 7)).toBe(0.0078125);
    expect(powInt(0.3, 0)).toBe(1);
    // CPython (glibc pow): 0.999 ** 12 and 0.95 ** 6.
    expect(powInt(0.999, 12)).toBe(0.9880657804942089);
    expect(powInt(0.95, 6)).toBe(0.7350918906249998);
    for (const [x, n] of [
      [0.999, 300],
      [0.9, 17],
      [1.0001, 5000],
    ] as const) {
      expect(Math.abs(powInt(x, n) - Math.pow(x, n)) / Math.pow(x, n)).toBeLessThan(4e-16);
    }
    expect(() => powInt(2, -1)).toThrow(RangeError);
  });

  it('cosCorrect: the values CPython gives', () => {
    expect(cosCorrect(0)).toBe(1);
    expect(cosCorrect(Math.PI)).toBe(-1);
    // math.cos(0.2 * math.pi) and math.cos(1/3 * math.pi) in CPython.
    expect(cosCorrect(0.2 * Math.PI)).toBe(0.8090169943749475);
    expect(cosCorrect((1 / 3) * Math.PI)).toBe(0.5000000000000001);
  });
});
