import { describe, expect, it } from 'vitest';
import { GraphBuildError } from '../errors';
import { Graph } from '../graph';
import * as op from '../ops';
import { checkGradient, evaluate, type GradCase } from '../test-utils';
import { gradients } from './gradients';
import { opsWithGradients } from './registry';

const w = (g: Graph, name: string, shape: number[], seed: number) => {
  // Deterministic non-trivial weights for ops whose second operand is a constant.
  const n = shape.reduce((p, d) => p * d, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.sin(seed * 12.9898 + i * 78.233) * 0.8;
  return g.initializer(name, data, shape);
};

/** One case per op with a gradient rule (plus broadcast, fan-out and composite cases below). */
const cases: Record<string, GradCase> = {
  Add: { shapes: [[2, 3], [3]], build: (_g, [a, b]) => op.add(a!, b!) },
  Sub: {
    shapes: [
      [2, 1, 4],
      [3, 1],
    ],
    build: (_g, [a, b]) => op.sub(a!, b!),
  },
  Mul: {
    shapes: [
      [2, 3, 4],
      [1, 3, 1],
    ],
    build: (_g, [a, b]) => op.mul(a!, b!),
  },
  Div: {
    shapes: [
      [2, 3],
      [2, 1],
    ],
    kind: ['normal', 'positive'],
    build: (_g, [a, b]) => op.div(a!, b!),
  },
  Pow: { shapes: [[2, 3], [3]], kind: ['positive', 'normal'], build: (_g, [a, b]) => op.pow(a!, b!) },
  Max: {
    shapes: [
      [4, 3],
      [4, 3],
    ],
    kind: 'distinct',
    eps: 1e-3,
    build: (_g, [a, b]) => op.max(a!, op.mul(b!, 1.01)),
  },
  Min: { shapes: [[4, 3], [3]], kind: 'distinct', eps: 1e-3, build: (_g, [a, b]) => op.min(a!, b!) },
  Identity: { shapes: [[3, 2]], build: (_g, [a]) => op.identity(a!) },
  Neg: { shapes: [[3, 2]], build: (_g, [a]) => op.neg(a!) },
  Abs: { shapes: [[3, 4]], kind: 'awayFromZero', eps: 1e-3, build: (_g, [a]) => op.abs(a!) },
  Sqrt: { shapes: [[3, 4]], kind: 'positive', build: (_g, [a]) => op.sqrt(a!) },
  Reciprocal: { shapes: [[3, 4]], kind: 'positive', build: (_g, [a]) => op.reciprocal(a!) },
  Exp: { shapes: [[3, 4]], build: (_g, [a]) => op.exp(a!) },
  Log: { shapes: [[3, 4]], kind: 'positive', build: (_g, [a]) => op.log(a!) },
  Sigmoid: { shapes: [[3, 4]], build: (_g, [a]) => op.sigmoid(a!) },
  Tanh: { shapes: [[3, 4]], build: (_g, [a]) => op.tanh(a!) },
  Erf: { shapes: [[3, 4]], build: (_g, [a]) => op.erf(a!) },
  Relu: { shapes: [[3, 4]], kind: 'awayFromZero', eps: 1e-3, build: (_g, [a]) => op.relu(a!) },
  LeakyRelu: { shapes: [[3, 4]], kind: 'awayFromZero', eps: 1e-3, build: (_g, [a]) => op.leakyRelu(a!, 0.2) },
  Cast: { shapes: [[3, 4]], build: (_g, [a]) => op.cast(op.cast(a!, 'float64'), 'float32') },
  Sign: { shapes: [[3, 4]], kind: 'awayFromZero', eps: 1e-3, build: (_g, [a]) => op.add(op.sign(a!), a!) },
  Floor: {
    shapes: [[3, 4]],
    eps: 1e-4,
    build: (_g, [a]) => op.add(op.floor(op.mul(a!, 3.1)), op.mul(a!, a!)),
  },
  PRelu: {
    shapes: [
      [2, 3, 2, 2],
      [3, 1, 1],
    ],
    kind: ['awayFromZero', 'normal'],
    eps: 1e-3,
    build: (_g, [a, s]) => op.prelu(a!, s!),
  },
  Clip: { shapes: [[4, 5]], kind: 'distinct', eps: 1e-3, build: (_g, [a]) => op.clip(a!, -1.5, 2.2) },
  Where: {
    shapes: [[3, 4], [4]],
    build: (g, [a, b]) => op.where(op.greater(w(g, 'c', [3, 4], 1), 0), a!, b!),
  },
  MatMul: {
    shapes: [
      [2, 3, 4],
      [4, 5],
    ],
    build: (_g, [a, b]) => op.matmul(a!, b!),
  },
  Gemm: {
    shapes: [[4, 3], [5, 4], [5]],
    build: (_g, [a, b, c]) => op.gemm(a!, b!, c!, { transA: true, transB: true, alpha: 0.7, beta: 1.3 }),
  },
  Conv: {
    shapes: [[2, 3, 7, 6], [4, 3, 3, 3], [4]],
    build: (_g, [x, k, b]) => op.conv(x!, k!, b!, { strides: [2, 2], pads: [1, 0, 1, 1] }),
  },
  ConvTranspose: {
    shapes: [[2, 4, 3, 3], [2]],
    build: (g, [x, b]) =>
      op.convTranspose(x!, w(g, 'k', [4, 2, 3, 3], 2), b!, { strides: [2, 2], pads: [1, 1, 0, 0] }),
  },
  GlobalAveragePool: { shapes: [[2, 3, 4, 5]], build: (_g, [x]) => op.globalAveragePool(x!) },
  AveragePool: {
    shapes: [[2, 3, 6, 6]],
    build: (_g, [x]) => op.averagePool(x!, { kernel: [2, 3], strides: [2, 3] }),
  },
  Reshape: { shapes: [[2, 3, 4]], build: (_g, [x]) => op.reshape(x!, [0, -1]) },
  Flatten: { shapes: [[2, 3, 4]], build: (_g, [x]) => op.flatten(x!, 2) },
  Squeeze: { shapes: [[2, 1, 4]], build: (_g, [x]) => op.squeeze(x!, [1]) },
  Unsqueeze: { shapes: [[2, 4]], build: (_g, [x]) => op.unsqueeze(x!, [0, 2]) },
  Transpose: { shapes: [[2, 3, 4]], build: (_g, [x]) => op.transpose(x!, [2, 0, 1]) },
  DepthToSpace: { shapes: [[2, 8, 2, 3]], build: (_g, [x]) => op.depthToSpace(x!, 2) },
  SpaceToDepth: { shapes: [[2, 2, 4, 6]], build: (_g, [x]) => op.spaceToDepth(x!, 2) },
  Expand: { shapes: [[3, 1]], build: (_g, [x]) => op.expand(x!, [2, 3, 4]) },
  Concat: {
    shapes: [
      [2, 3],
      [2, 2],
    ],
    build: (_g, [a, b]) => op.concat([a!, b!, a!], 1),
  },
  Split: { shapes: [[5, 2]], build: (_g, [x]) => op.mul(op.split(x!, [2, 3], 0)[1]!, 2) },
  Slice: { shapes: [[5, 6]], build: (_g, [x]) => op.slice(x!, [1, -4], [4, 100], [0, 1]) },
  Pad: { shapes: [[2, 3]], build: (_g, [x]) => op.pad(x!, [1, 0, 2, 1], { value: 0.5 }) },
  Gather: {
    shapes: [[5, 3]],
    build: (g, [x]) => op.gather(x!, g.constant([0, 3, 3, 1], 'int64', [2, 2]), 0),
  },
  ReduceSum: { shapes: [[2, 3, 4]], build: (_g, [x]) => op.reduceSum(x!, [0, 2], false) },
  ReduceMean: { shapes: [[2, 3, 4]], build: (_g, [x]) => op.reduceMean(x!, [1], true) },
  ReduceSumSquare: { shapes: [[2, 3, 4]], build: (_g, [x]) => op.reduceSumSquare(x!, [2], false) },
  ReduceL2: { shapes: [[2, 3, 4]], build: (_g, [x]) => op.reduceL2(x!, [1], true) },
  ReduceMax: {
    shapes: [[3, 4]],
    kind: 'distinct',
    eps: 1e-3,
    build: (_g, [x]) => op.reduceMax(x!, [1], false),
  },
  ReduceMin: {
    shapes: [[3, 4]],
    kind: 'distinct',
    eps: 1e-3,
    build: (_g, [x]) => op.reduceMin(x!, [0], true),
  },
  Softmax: { shapes: [[2, 3, 5]], build: (_g, [x]) => op.softmax(x!, -1) },
  LayerNormalization: {
    shapes: [[2, 3, 6], [6], [6]],
    build: (_g, [x, s, b]) => op.layerNormalization(x!, s!, b!, -1, 1e-5),
  },
};

const extraCases: Record<string, GradCase> = {
  'broadcast both ways (Mul [2,1,4]·[3,1])': {
    shapes: [
      [2, 1, 4],
      [3, 1],
    ],
    build: (_g, [a, b]) => op.mul(a!, b!),
  },
  'fan-out (x used three times)': {
    shapes: [[3, 4]],
    build: (_g, [x]) => op.add(op.mul(op.tanh(x!), x!), op.sigmoid(x!)),
  },
  'batched MatMul with broadcast batch': {
    shapes: [
      [1, 3, 4],
      [2, 4, 2],
    ],
    build: (_g, [a, b]) => op.matmul(a!, b!),
  },
  'MatMul with a vector': { shapes: [[4], [4, 3]], build: (_g, [a, b]) => op.matmul(a!, b!) },
  'Gather on axis 1': {
    shapes: [[2, 5, 3]],
    build: (g, [x]) => op.gather(x!, g.constant([4, 0, 4], 'int64', [3]), 1),
  },
  'grouped Conv input with dilation': {
    shapes: [[1, 4, 7, 7]],
    build: (g, [x]) =>
      op.conv(x!, w(g, 'k', [6, 2, 3, 3], 3), undefined, { group: 2, dilations: [2, 1], pads: [1, 1, 1, 1] }),
  },
  'ConvTranspose weight (strided, padded)': {
    shapes: [
      [2, 3, 3, 4],
      [3, 2, 3, 3],
    ],
    build: (_g, [x, k]) =>
      op.convTranspose(x!, k!, undefined, { strides: [2, 2], pads: [1, 0, 0, 1], outputPadding: [1, 0] }),
  },
  'Conv weight with dilation and stride': {
    shapes: [
      [2, 2, 8, 7],
      [3, 2, 2, 3],
    ],
    build: (_g, [x, k]) =>
      op.conv(x!, k!, undefined, { strides: [2, 1], dilations: [2, 2], pads: [1, 1, 0, 1] }),
  },
  'Slice with steps on two axes (subsampling: MaxPool(1, 2))': {
    shapes: [[2, 3, 7, 6]],
    build: (_g, [x]) => op.slice(x!, [0, 0], [7, 6], [2, 3], [2, 2]),
  },
  'Slice with a start, step 3 and an end before the last sample': {
    shapes: [[2, 11]],
    build: (_g, [x]) => op.slice(x!, [1], [9], [1], [3]),
  },
  'LayerNormalization over two axes': {
    shapes: [[2, 3, 4]],
    build: (g, [x]) => op.layerNormalization(x!, w(g, 's', [3, 4], 4), w(g, 'b', [3, 4], 5), 1),
  },
};

describe('gradients against central finite differences (onnxruntime, float32)', () => {
  it('covers every op that has a gradient rule', () => {
    expect(Object.keys(cases).sort()).toEqual(opsWithGradients());
  });

  for (const [name, c] of Object.entries({ ...cases, ...extraCases })) {
    it(name, async () => {
      const { relErrors, norms } = await checkGradient(c);
      for (let i = 0; i < relErrors.length; i++) {
        if (name !== 'Sign') expect(norms[i], `gradient ${i} is zero`).toBeGreaterThan(1e-3);
        expect(relErrors[i], `input ${i}`).toBeLessThan(1e-3);
      }
    });
  }
});

describe('gradients: graph semantics', () => {
  it('stopGradient blocks the flow', async () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [3]);
    const loss = op.reduceSum(op.add(op.mul(x, x), op.mul(op.stopGradient(x), x)));
    const [gx] = gradients(loss, [x]);
    g.output(gx!, 'gx');
    const out = await evaluate(g, { x: { data: Float32Array.of(1, 2, 3), dims: [3] } });
    // d/dx (x² + c·x) with c = x held constant: 2x + x = 3x.
    expect(Array.from(out['gx']!)).toEqual([3, 6, 9]);
  });

  it('gives weights (initializers) no gradient unless asked, and a gradient when asked', async () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [2]);
    const wt = g.initializer('w', Float32Array.of(3, 4), [2]);
    const loss = op.reduceSum(op.mul(x, wt));
    const [gx, gw] = gradients(loss, [x, wt]);
    expect(g.nodes.some((n) => n.outputs.includes(gw!))).toBe(true);
    g.output(gx!, 'gx');
    g.output(gw!, 'gw');
    const out = await evaluate(g, { x: { data: Float32Array.of(5, 6), dims: [2] } });
    expect(Array.from(out['gx']!)).toEqual([3, 4]);
    expect(Array.from(out['gw']!)).toEqual([5, 6]);
  });

  it('works with a symbolic batch dimension', async () => {
    const g = new Graph();
    const x = g.input('x', 'float32', ['batch', 3]);
    const wt = g.initializer('w', Float32Array.of(1, 2, 3, 4, 5, 6), [3, 2]);
    const loss = op.reduceSum(op.tanh(op.matmul(x, wt)));
    const [gx] = gradients(loss, [x]);
    expect(gx!.shape).toEqual(['batch', 3]);
    g.output(gx!, 'gx');
    for (const batch of [1, 3]) {
      const data = new Float32Array(batch * 3).fill(0.1);
      const out = await evaluate(g, { x: { data, dims: [batch, 3] } });
      expect(out['gx']!.length).toBe(batch * 3);
      const h = [0.1 * (1 + 3 + 5), 0.1 * (2 + 4 + 6)];
      const d = h.map((v) => 1 - Math.tanh(v) ** 2);
      expect(out['gx']![0]).toBeCloseTo(d[0]! * 1 + d[1]! * 2, 5);
    }
  });

  it('divides by the run-time size of a mean over a symbolic (batch) axis', async () => {
    const g = new Graph();
    const x = g.input('x', 'float32', ['batch', 2]);
    const [gx] = gradients(op.reduceMean(op.reduceSumSquare(x, [1], false), [0], false), [x]);
    g.output(gx!, 'gx');
    for (const batch of [2, 4]) {
      const data = Float32Array.from({ length: batch * 2 }, (_, i) => i + 1);
      const out = await evaluate(g, { x: { data, dims: [batch, 2] } });
      // d/dx mean_b Σ_j x_bj² = 2x / batch.
      expect(Array.from(out['gx']!)).toEqual(Array.from(data, (v) => (2 * v) / batch));
    }
  });

  it('slices a static axis of a symbolic-batch tensor', async () => {
    const g = new Graph();
    const x = g.input('x', 'float32', ['batch', 4]);
    const [gx] = gradients(op.reduceSum(op.mul(op.slice(x, [1], [3], [1]), 2)), [x]);
    g.output(gx!, 'gx');
    const out = await evaluate(g, { x: { data: new Float32Array(8), dims: [2, 4] } });
    expect(Array.from(out['gx']!)).toEqual([0, 2, 2, 0, 0, 2, 2, 0]);
  });

  it('returns zeros for an input the loss does not depend on, or fails when asked to', async () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [2]);
    const y = g.input('y', 'float32', [2]);
    const loss = op.reduceSum(op.mul(x, x));
    expect(() => gradients(loss, [y], { unreachable: 'error' })).toThrow(/does not depend on y/);
    const [gy] = gradients(loss, [y]);
    g.output(gy!, 'gy');
    const out = await evaluate(g, {
      x: { data: Float32Array.of(1, 2), dims: [2] },
      y: { data: Float32Array.of(1, 2), dims: [2] },
    });
    expect(Array.from(out['gy']!)).toEqual([0, 0]);
  });

  it('fails clearly for an op without a rule, and for a non-scalar loss', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [1, 1, 4, 4]);
    const pooled = op.maxPool(x, { kernel: [2, 2] });
    expect(() => gradients(op.reduceSum(pooled), [x])).toThrow(GraphBuildError);
    expect(() => gradients(op.reduceSum(pooled), [x])).toThrow(/MaxPool .*has no gradient rule/);
    expect(() => gradients(pooled, [x])).toThrow(/loss must be a scalar/);
  });
});
