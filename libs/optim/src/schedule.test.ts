import { describe, expect, it } from 'vitest';
import { styleclipLr } from './schedule';
import { meta } from './test-fixtures';

describe('styleclipLr (get_lr)', () => {
  it('equals the official values for 8, 24 and 300 steps exactly', async () => {
    const m = (await meta('optimization')) as { lr_schedule: { reference: Record<string, number[]> } };
    for (const [key, expected] of Object.entries(m.lr_schedule.reference)) {
      const [, lr, steps] = /^lr=([\d.]+),step=(\d+)$/.exec(key)!.map(Number) as [number, number, number];
      expect(
        expected.map((_, i) => styleclipLr(i, steps, lr)),
        key,
      ).toEqual(expected);
    }
  });

  it('refuses a step outside the run', () => {
    expect(() => styleclipLr(8, 8, 0.1)).toThrow(RangeError);
    expect(() => styleclipLr(0, 0, 0.1)).toThrow(RangeError);
  });
});
