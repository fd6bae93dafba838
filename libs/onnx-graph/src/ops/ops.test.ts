import { describe, expect, it } from 'vitest';
import { GraphBuildError } from '../errors';
import { Graph } from '../graph';
import { evaluate } from '../test-utils';
import * as op from './index';

const f32 = (...v: number[]) => Float32Array.from(v);

describe('build-time shape inference', () => {
  it('infers shapes through a chain of ops, with a symbolic batch', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', ['batch', 3, 16, 16]);
    const w = g.initializer('w', new Float32Array(8 * 3 * 3 * 3), [8, 3, 3, 3]);
    const y = op.conv(x, w, undefined, { strides: [2, 2], pads: [1, 1, 1, 1] });
    expect(y.shape).toEqual(['batch', 8, 8, 8]);
    const up = op.convTranspose(
      y,
      g.initializer('wt', new Float32Array(8 * 4 * 3 * 3), [8, 4, 3, 3]),
      undefined,
      {
        strides: [2, 2],
      },
    );
    expect(up.shape).toEqual(['batch', 4, 17, 17]);
    const flat = op.reshape(y, [0, -1]);
    expect(flat.shape).toEqual(['batch', 512]);
    expect(op.transpose(flat).shape).toEqual([512, 'batch']);
    expect(op.reduceMean(y, [2, 3], true).shape).toEqual(['batch', 8, 1, 1]);
    expect(op.globalAveragePool(y).shape).toEqual(['batch', 8, 1, 1]);
    expect(op.concat([y, y], 1).shape).toEqual(['batch', 16, 8, 8]);
    expect(op.slice(y, [1], [5], [1]).shape).toEqual(['batch', 4, 8, 8]);
    expect(op.split(y, [3, 5], 1).map((t) => t.shape[1])).toEqual([3, 5]);
    expect(
      op.matmul(g.input('a', 'float32', ['batch', 5, 7]), g.input('b', 'float32', [7, 2])).shape,
    ).toEqual(['batch', 5, 2]);
    expect(op.gather(g.input('e', 'float32', [100, 4]), g.input('i', 'int64', ['batch', 77])).shape).toEqual([
      'batch',
      77,
      4,
    ]);
    expect(op.argMax(g.input('ids', 'int64', ['batch', 77]), -1).shape).toEqual(['batch']);
    expect(op.resize(y, { sizes: [32, 32], mode: 'linear' }).shape).toEqual(['batch', 8, 32, 32]);
    expect(op.pad(y, [0, 0, 1, 2, 0, 0, 3, 4]).shape).toEqual(['batch', 8, 12, 14]);
    expect(op.maxPool(y, { kernel: [2, 2] }).shape).toEqual(['batch', 8, 4, 4]);
  });

  it('fails at build time with the op and the shapes in the message', () => {
    const g = new Graph();
    const a = g.input('a', 'float32', [2, 3]);
    const b = g.input('b', 'float32', [4, 5]);
    expect(() => op.matmul(a, b)).toThrow(GraphBuildError);
    expect(() => op.matmul(a, b)).toThrow(/MatMul.*\[2,3\].*\[4,5\]/);
    expect(() => op.add(a, b)).toThrow(/Add: shapes \[2,3\] and \[4,5\] do not broadcast/);
    const x = g.input('x', 'float32', [1, 3, 8, 8]);
    const w = g.initializer('w', new Float32Array(4 * 2 * 9), [4, 2, 3, 3]);
    expect(() => op.conv(x, w)).toThrow(
      /Conv: input x float32\[1,3,8,8\] has 3 channels, weight w float32\[4,2,3,3\]/,
    );
    expect(() => op.reshape(a, [4, 2])).toThrow(/Reshape: cannot reshape \[2,3\] to \[4,2\]/);
    expect(() => op.concat([a, b], 0)).toThrow(/Concat: shapes differ/);
    expect(() => op.transpose(a, [0, 0])).toThrow(/Transpose: perm/);
    expect(() => op.add(a, g.input('i', 'int64', [2, 3]))).toThrow(/Add: dtype mismatch/);
    expect(() => g.initializer('bad', new Float32Array(5), [2, 3])).toThrow(/5 values for shape \[2,3\]/);
  });
});

describe('ops run in onnxruntime with the inferred shapes', () => {
  it('computes elementwise, matmul, reductions and softmax', async () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [2, 3]);
    const w = g.initializer('w', f32(1, 0, 0, 1, 1, 1), [3, 2]);
    g.output(op.matmul(x, w), 'mm');
    g.output(op.add(op.mul(x, 2), 1), 'affine');
    g.output(op.reduceSum(x, [1]), 'rowsum');
    g.output(op.softmax(x, -1), 'sm');
    g.output(op.leakyRelu(op.sub(x, 2.5), 0.2), 'lrelu');
    const out = await evaluate(g, { x: { data: f32(1, 2, 3, 4, 5, 6), dims: [2, 3] } });
    expect(Array.from(out['mm']!)).toEqual([4, 5, 10, 11]);
    expect(Array.from(out['affine']!)).toEqual([3, 5, 7, 9, 11, 13]);
    expect(Array.from(out['rowsum']!)).toEqual([6, 15]);
    const e = [1, 2, 3].map(Math.exp);
    expect(out['sm']![0]).toBeCloseTo(e[0]! / (e[0]! + e[1]! + e[2]!), 6);
    expect(out['lrelu']![0]).toBeCloseTo(-0.3, 6);
    expect(out['lrelu']![3]).toBeCloseTo(1.5, 6);
  });

  it('computes conv transpose, gather, slice and layer norm', async () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [1, 1, 2, 2]);
    const k = g.initializer('k', f32(1, 1, 1, 1), [1, 1, 2, 2]);
    g.output(op.convTranspose(x, k, undefined, { strides: [2, 2] }), 'up');
    const table = g.initializer('t', f32(10, 11, 20, 21, 30, 31), [3, 2]);
    g.output(op.gather(table, g.constant([2, 0], 'int64', [2])), 'rows');
    g.output(op.slice(x, [1], [2], [3]), 'col');
    const v = g.input('v', 'float32', [1, 4]);
    g.output(op.layerNormalization(v, g.constant([1, 1, 1, 1], 'float32', [4]), undefined), 'ln');
    const out = await evaluate(g, {
      x: { data: f32(1, 2, 3, 4), dims: [1, 1, 2, 2] },
      v: { data: f32(1, 2, 3, 4), dims: [1, 4] },
    });
    expect(Array.from(out['up']!)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    expect(Array.from(out['rows']!)).toEqual([30, 31, 10, 11]);
    expect(Array.from(out['col']!)).toEqual([2, 4]);
    const sd = Math.sqrt(1.25 + 1e-5);
    expect(out['ln']![0]).toBeCloseTo(-1.5 / sd, 5);
  });
});
