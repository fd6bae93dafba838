import { describe, expect, it } from 'vitest';
import { Graph } from '../graph';
import { conv, convTranspose, gemm, matmul } from '../ops';
import { countMacs } from './macs';

describe('countMacs', () => {
  it('counts conv, transposed conv, matmul and gemm MACs with bound symbolic dims', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', ['batch', 4, 8, 8]);
    const y = conv(x, g.initializer('w', new Float32Array(6 * 4 * 9), [6, 4, 3, 3]), undefined, {
      pads: [1, 1, 1, 1],
    });
    const up = convTranspose(y, g.initializer('wt', new Float32Array(6 * 2 * 9), [6, 2, 3, 3]), undefined, {
      strides: [2, 2],
    });
    const a = g.input('a', 'float32', ['batch', 5, 7]);
    const m = matmul(a, g.initializer('b', new Float32Array(7 * 3), [7, 3]));
    const gm = gemm(g.input('p', 'float32', [2, 3]), g.initializer('q', new Float32Array(12), [3, 4]));
    for (const t of [up, m, gm]) g.output(t);
    const { total, byOp } = countMacs(g, { batch: 2 });
    expect(byOp['Conv']).toBe(2 * 6 * 8 * 8 * 4 * 9);
    expect(byOp['ConvTranspose']).toBe(2 * 6 * 8 * 8 * 2 * 9);
    expect(byOp['MatMul']).toBe(2 * 5 * 3 * 7);
    expect(byOp['Gemm']).toBe(2 * 4 * 3);
    expect(total).toBe(Object.values(byOp).reduce((s, v) => s + v, 0));
    expect(() => countMacs(g)).toThrow(/bind symbolic dim "batch"/);
  });
});
