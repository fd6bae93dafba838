import { describe, expect, it } from 'vitest';
import { chartGeometry } from './loss-chart';

describe('chartGeometry', () => {
  it('scales each series to its own range, x by step', () => {
    const g = chartGeometry(
      {
        step: [1, 2, 3],
        series: [
          { name: 'total', values: [3, 2, 1] },
          { name: 'id', values: null },
          { name: 'flat', values: [5, 5, 5] },
        ],
      },
      104,
      54,
      2,
    );
    expect(g.series.map((s) => s.name)).toEqual(['total', 'flat']);
    expect(g.series[0]).toEqual({
      name: 'total',
      points: '2.0,2.0 52.0,27.0 102.0,52.0',
      min: 1,
      max: 3,
      last: 1,
    });
    expect(g.series[1]!.points).toBe('2.0,27.0 52.0,27.0 102.0,27.0');
    expect(g.steps).toEqual([1, 3]);
  });

  it('skips values that are not finite', () => {
    const g = chartGeometry({ step: [1, 2, 3], series: [{ name: 'l2', values: [1, NaN, 0] }] }, 10, 10, 0);
    expect(g.series[0]!.points).toBe('0.0,0.0 10.0,10.0');
  });
});
