import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { checkGradient, evaluate } from '@styleclip/onnx-graph/testing';
import { l2Normalize } from './l2-normalize';

describe('l2Normalize', () => {
  it('divides by the L2 norm along the axis, without epsilon', async () => {
    const g = new Graph();
    g.output(l2Normalize(g.input('x', 'float32', [2, 2])), 'y');
    const y = (await evaluate(g, { x: { data: Float32Array.of(3, 4, 0, 0), dims: [2, 2] } }))['y']!;
    expect(Array.from(y.subarray(0, 2))).toEqual([0.6000000238418579, 0.800000011920929]);
    // No epsilon: a zero row is 0/0, as torch's x / x.norm().
    expect(Number.isNaN(y[2])).toBe(true);
  });

  it('gradient by finite differences', async () => {
    const { relErrors } = await checkGradient({ shapes: [[3, 5]], build: (_g, [x]) => l2Normalize(x!, 1) });
    expect(relErrors[0]).toBeLessThan(1e-3);
  });
});
