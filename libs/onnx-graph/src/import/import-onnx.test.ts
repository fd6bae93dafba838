import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { seededRandom } from '@styleclip/testing';
import { gradients } from '../autodiff/gradients';
import { GraphBuildError } from '../errors';
import { Graph } from '../graph';
import * as op from '../ops';
import { toOnnxBytes } from '../serialize/onnx-model';
import type { Tensor } from '../tensor';
import { evaluate, sessionFor, type Feed } from '../test-utils';
import { importOnnx } from './import-onnx';
import { OP_IMPORTERS } from './op-importers';
import { readOnnxModel } from './onnx-reader';

const rand = seededRandom(77);
const weight = (g: Graph, name: string, shape: number[]) =>
  g.initializer(name, rand.fillNormal(shape.reduce((p, d) => p * d, 1)), shape);

interface Case {
  /** Input shapes as the model declares them (may be symbolic) and as fed. */
  inputs: { name: string; declared: (number | string)[]; fed: number[] }[];
  build: (g: Graph, xs: Tensor[]) => Tensor[];
}

/** Small models that together use every op the importer knows. */
const cases: Record<string, Case> = {
  'elementwise and activations': {
    inputs: [{ name: 'x', declared: ['batch', 3, 4], fed: [2, 3, 4] }],
    build: (g, [x]) => {
      const a = op.add(op.mul(x!, weight(g, 'w', [4])), 0.5);
      const pos = op.add(op.abs(a), 0.1);
      const b = op.div(op.sub(op.sqrt(pos), op.reciprocal(pos)), op.add(op.exp(op.neg(a)), 1));
      const c = op.pow(pos, op.tanh(a));
      const d = op.max(op.min(op.log(pos), op.erf(a)), op.sigmoid(op.relu(a)));
      const e = op.add(op.leakyRelu(a, 0.2), op.mul(op.sign(a), op.floor(a)));
      const f = op.where(op.greater(a, 0), op.clip(a, -0.3, 0.7), op.where(op.less(a, -1), e, d));
      const h = op.cast(op.cast(op.equal(op.floor(a), 0), 'int32'), 'float32');
      const k = op.prelu(op.identity(b), weight(g, 'slope', [3, 1]));
      return [op.add(op.add(op.add(f, c), op.mul(h, k)), b)];
    },
  },
  'linear algebra, normalization, reductions': {
    inputs: [{ name: 'x', declared: ['batch', 5, 6], fed: [2, 5, 6] }],
    build: (g, [x]) => {
      const y = op.layerNormalization(
        op.matmul(x!, weight(g, 'w', [6, 6])),
        weight(g, 's', [6]),
        weight(g, 'b', [6]),
        -1,
        1e-5,
      );
      const z = op.softmax(y, -1);
      const r = op.add(op.reduceMean(z, [1], true), op.reduceSum(y, [2], true));
      const q = op.add(op.reduceMax(y, [1], true), op.reduceMin(y, [1], true));
      const n = op.add(op.reduceL2(y, [2], true), op.reduceSumSquare(y, [2], true));
      const m = op.gemm(
        op.reshape(op.slice(y, [0], [1], [0]), [5, 6]),
        weight(g, 'gw', [4, 6]),
        weight(g, 'gc', [4]),
        { transB: true, alpha: 0.5 },
      );
      const idx = op.cast(op.argMax(y, 2, true), 'float32');
      return [op.add(op.add(op.mul(r, q), n), idx), m];
    },
  },
  'convolutions and pooling': {
    inputs: [{ name: 'x', declared: ['batch', 2, 8, 8], fed: [1, 2, 8, 8] }],
    build: (g, [x]) => {
      const c = op.conv(x!, weight(g, 'k', [4, 2, 3, 3]), weight(g, 'kb', [4]), {
        pads: [1, 1, 1, 1],
        strides: [2, 2],
      });
      const t = op.convTranspose(c, weight(g, 'kt', [4, 2, 3, 3]), undefined, {
        strides: [2, 2],
        pads: [1, 1, 0, 0],
        outputPadding: [1, 1],
      });
      const d = op.conv(t, weight(g, 'dw', [2, 1, 3, 3]), undefined, {
        group: 2,
        dilations: [2, 2],
        pads: [2, 2, 2, 2],
      });
      const p = op.add(
        op.maxPool(d, { kernel: [2, 2] }),
        op.averagePool(d, { kernel: [2, 2], strides: [2, 2] }),
      );
      const gap = op.globalAveragePool(p);
      const r = op.resize(p, {
        sizes: [8, 8],
        mode: 'nearest',
        coordinateTransformationMode: 'asymmetric',
        nearestMode: 'floor',
      });
      return [op.add(r, gap)];
    },
  },
  'depth to space and back (the Winograd output transform)': {
    inputs: [{ name: 'x', declared: ['batch', 8, 2, 3], fed: [2, 8, 2, 3] }],
    build: (g, [x]) => {
      const up = op.depthToSpace(op.mul(x!, weight(g, 'w', [8, 1, 1])), 2);
      return [op.add(up, 0.5), op.spaceToDepth(op.tanh(up), 2)];
    },
  },
  'shape ops with a symbolic batch': {
    inputs: [
      { name: 'x', declared: ['batch', 4, 6], fed: [3, 4, 6] },
      { name: 'ids', declared: [2], fed: [2] },
    ],
    build: (g, [x]) => {
      const t = op.transpose(x!, [0, 2, 1]);
      const [a, b] = op.split(t, [2, 4], 1);
      const cat = op.concat([b!, a!], 1);
      const u = op.squeeze(op.unsqueeze(cat, [1]), [1]);
      const f = op.flatten(u, 1);
      const e = op.expandAs(weight(g, 'row', [1, 24]), f);
      const z = op.zerosLike(x!);
      const r = op.reshapeTo(op.add(f, e), op.shapeOf(f), f.shape);
      const gathered = op.gather(x!, g.constant([3, 0], 'int64', [2]), 1);
      const padded = op.pad(gathered, [0, 1, 0, 0, 1, 0], { value: 0.25 });
      const tiled = op.tile(op.expand(weight(g, 'c', [1, 1, 6]), [1, 2, 6]), [1, 2, 1]);
      const ge = op.gatherElements(
        op.add(x!, z),
        g.constant([0, 1, 2, 3, 3, 2, 1, 0], 'int64', [1, 4, 2]),
        2,
      );
      const sc = op.scatterND(
        weight(g, 'sd', [4, 2]),
        g.constant([1, 3], 'int64', [2, 1]),
        weight(g, 'su', [2, 2]),
        'add',
      );
      return [r, op.add(padded, tiled), ge, sc];
    },
  },
};

const feedsFor = (c: Case): Record<string, Feed> =>
  Object.fromEntries(
    c.inputs.map((i) => {
      const n = i.fed.reduce((p, d) => p * d, 1);
      return [i.name, { data: seededRandom(n).fillNormal(n), dims: i.fed }];
    }),
  );

function original(c: Case): Graph {
  const g = new Graph('original');
  const xs = c.inputs.map((i) => g.input(i.name, 'float32', i.declared));
  c.build(g, xs).forEach((t, k) => g.output(t, `out${k}`));
  return g;
}

/** The model imported into a new graph, fed by that graph's own inputs (static shapes). */
function reimported(bytes: Uint8Array, c: Case): Graph {
  const g = new Graph('host');
  const inputs = Object.fromEntries(
    c.inputs.map((i) => [i.name, g.input(`host_${i.name}`, 'float32', i.fed)]),
  );
  const outs = importOnnx(g, bytes, { inputs, prefix: 'm/' });
  for (const [name, t] of Object.entries(outs)) g.output(op.mul(t, 1), name);
  return g;
}

describe('importOnnx', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`reproduces ${name} bit for bit`, async () => {
      const g = original(c);
      const feeds = feedsFor(c);
      const expected = await evaluate(g, feeds);
      const hostFeeds = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [`host_${k}`, v]));
      const actual = await evaluate(reimported(toOnnxBytes(g), c), hostFeeds);
      for (const k of Object.keys(expected))
        expect(Array.from(actual[k]!), k).toEqual(Array.from(expected[k]!));
    });
  }

  it('has a case for every op it imports', () => {
    const seen = new Set<string>();
    for (const c of Object.values(cases))
      for (const n of readOnnxModel(toOnnxBytes(original(c))).nodes) seen.add(n.opType);
    expect([...seen].sort()).toEqual(Object.keys(OP_IMPORTERS).sort());
  });

  it('differentiates through an imported model as through the original', async () => {
    const build = (g: Graph, x: Tensor) =>
      op.tanh(op.conv(x, weight(g, 'k', [3, 2, 3, 3]), undefined, { pads: [1, 1, 1, 1] }));
    const g0 = new Graph('m');
    g0.output(build(g0, g0.input('x', 'float32', ['batch', 2, 5, 5])), 'y');
    const bytes = toOnnxBytes(g0);
    const probe = seededRandom(5).fillNormal(3 * 25);
    const lossOf = (g: Graph, y: Tensor) =>
      op.reduceSum(op.mul(y, g.initializer('probe', probe, [1, 3, 5, 5])));

    const direct = new Graph('direct');
    const xd = direct.input('x', 'float32', [1, 2, 5, 5]);
    direct.output(
      gradients(lossOf(direct, importOnnx(direct, toOnnxBytes(g0), { inputs: { x: xd } })['y']!), [xd])[0]!,
      'gx',
    );
    // Rebuilding from the builder: the same gradient.
    const rebuilt = new Graph('rebuilt');
    const xr = rebuilt.input('x', 'float32', [1, 2, 5, 5]);
    const wr = rebuilt.initializer(
      'k',
      g0.initializerData(g0.initializers.find((i) => i.tensor.name === 'k')!.tensor)!,
      [3, 2, 3, 3],
    );
    const yr = op.tanh(op.conv(xr, wr, undefined, { pads: [1, 1, 1, 1] }));
    rebuilt.output(gradients(lossOf(rebuilt, yr), [xr])[0]!, 'gx');

    const feeds = { x: { data: seededRandom(9).fillNormal(50), dims: [1, 2, 5, 5] } };
    const a = (await evaluate(direct, feeds))['gx']!;
    const b = (await evaluate(rebuilt, feeds))['gx']!;
    expect(a.some((v) => v !== 0)).toBe(true);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(bytes.length).toBeGreaterThan(0);
  });

  it('reads weights that sit at any byte offset (e.g. inside a Node Buffer)', async () => {
    const g0 = new Graph('m');
    g0.output(op.matmul(g0.input('x', 'float32', [1, 3]), weight(g0, 'w', [3, 2])), 'y');
    const bytes = toOnnxBytes(g0);
    for (const shift of [1, 2, 3, 5]) {
      const holder = Buffer.alloc(bytes.length + shift);
      holder.set(bytes, shift);
      const model = readOnnxModel(holder.subarray(shift));
      const w = model.initializers.find((t) => t.name === 'w')!;
      expect(Array.from(w.data as Float32Array)).toEqual(
        Array.from(
          g0.initializerData(g0.initializers.find((i) => i.tensor.name === 'w')!.tensor) as Float32Array,
        ),
      );
      expect(model.initializers.every((t) => t.data.length === t.dims.reduce((p, d) => p * d, 1))).toBe(true);
    }
  });

  it('shares the weights of a model imported twice', () => {
    const g0 = new Graph('m');
    g0.output(op.matmul(g0.input('x', 'float32', [2, 4]), weight(g0, 'w', [4, 4])), 'y');
    const model = readOnnxModel(toOnnxBytes(g0));
    const g = new Graph('host');
    const x = g.input('x', 'float32', [2, 4]);
    importOnnx(g, model, { inputs: { x }, prefix: 'a/' });
    importOnnx(g, model, { inputs: { x }, prefix: 'b/' });
    expect(g.initializers.filter((i) => i.tensor.shape.join() === '4,4')).toHaveLength(1);
  });

  it('refuses what it cannot import, naming the problem', () => {
    const g0 = new Graph('m');
    const x0 = g0.input('x', 'float32', ['batch', 4]);
    g0.output(op.relu(x0), 'y');
    const bytes = toOnnxBytes(g0);
    const host = () => new Graph('host');
    expect(() => importOnnx(host(), bytes, { inputs: {} })).toThrow(/input x is not fed/);
    const h1 = host();
    expect(() => importOnnx(h1, bytes, { inputs: { x: h1.input('x', 'float32', [2, 5]) } })).toThrow(
      /input x is float32\[batch,4\], fed float32\[2,5\]/,
    );
    const h2 = host();
    expect(() =>
      importOnnx(h2, bytes, {
        inputs: { x: h2.input('x', 'float32', [2, 4]), z: h2.input('z', 'float32', [1]) },
      }),
    ).toThrow(/no input z/);
    expect(() => importOnnx(host(), bytes.subarray(0, bytes.length - 3), { inputs: {} })).toThrow(
      GraphBuildError,
    );
    expect(() => readOnnxModel(Uint8Array.of(0x89, 0x50, 0x4e, 0x47))).toThrow(GraphBuildError);
  });
});

describe("importOnnx with precision 'float64'", () => {
  /** IEEE half bits → number. */
  const half = (h: number) => {
    const e = (h >> 10) & 0x1f;
    const m = h & 0x3ff;
    return (h & 0x8000 ? -1 : 1) * (e === 0 ? m * 2 ** -24 : (1 + m / 1024) * 2 ** (e - 15));
  };
  const D = 4;
  const table = seededRandom(11).fillNormal(6 * D);
  const wBits = Uint16Array.from(
    { length: D * D },
    (_, i) => (i % 3 ? 0 : 0x8000) | (0x3800 + ((i * 37) % 1024)),
  );
  const bias = seededRandom(12).fillNormal(D);
  const ids = [4, 0, 5];

  /** A text-encoder-like model: a float32 table gathered by ids, a float16 weight, LayerNorm, QuickGELU. */
  function model(): Uint8Array {
    const g = new Graph('m');
    const x = op.gather(g.initializer('table', table, [6, D]), g.input('ids', 'int64', [1, 3]), 0);
    const h = op.add(
      op.matmul(x, op.cast(g.initializer('w', wBits, [D, D], 'float16'), 'float32')),
      g.initializer('b', bias, [D]),
    );
    const ones = g.initializer('ones', new Float32Array(D).fill(1), [D]);
    const y = op.layerNormalization(h, ones, undefined, -1, 1e-5);
    g.output(op.mul(y, op.sigmoid(op.mul(y, 1.702))), 'y');
    return toOnnxBytes(g);
  }

  /** The same function in float64 arithmetic on the stored values (constants and attributes are float32). */
  function exact(): number[] {
    const out: number[] = [];
    for (const id of ids) {
      const h = Array.from({ length: D }, (_, j) => {
        let s = 0;
        for (let k = 0; k < D; k++) s += table[id * D + k]! * half(wBits[k * D + j]!);
        return s + bias[j]!;
      });
      const mean = h.reduce((a, v) => a + v, 0) / D;
      const variance = h.reduce((a, v) => a + (v - mean) ** 2, 0) / D;
      for (const v of h) {
        const y = (v - mean) / Math.sqrt(variance + Math.fround(1e-5));
        out.push(y / (1 + Math.exp(-Math.fround(1.702) * y)));
      }
    }
    return out;
  }

  async function runImported(precision: 'float64' | undefined): Promise<Float32Array | Float64Array> {
    const g = new Graph('host');
    const y = importOnnx(g, model(), {
      inputs: { ids: g.input('ids', 'int64', [1, 3]) },
      ...(precision ? { precision } : {}),
    })['y']!;
    expect(y.dtype).toBe(precision ?? 'float32');
    g.output(y, 'y');
    const out = await (
      await sessionFor(g)
    ).run({ ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, 3]) });
    return out['y']!.data as Float32Array | Float64Array;
  }

  it('computes every op in double precision, float16 and float32 weights widened exactly', async () => {
    const ref = exact();
    const maxErr = (a: ArrayLike<number>) => Math.max(...ref.map((r, i) => Math.abs(a[i]! - r)));
    const f64 = await runImported('float64');
    expect(f64).toBeInstanceOf(Float64Array);
    expect(maxErr(f64)).toBeLessThan(1e-13);
    // The float32 import of the same model is off by float32 rounding: the check above can tell them apart.
    expect(maxErr(await runImported(undefined))).toBeGreaterThan(1e-9);
  });

  it('widens a gathered table after the gather and expects float64 for float inputs', () => {
    const g = new Graph('host');
    importOnnx(g, model(), { inputs: { ids: g.input('ids', 'int64', [1, 3]) }, precision: 'float64' });
    // The [6, D] table stays a float32 initializer: only the rows read are cast.
    expect(g.initializers.find((i) => i.tensor.shape.join() === `6,${D}`)!.tensor.dtype).toBe('float32');
    const m = new Graph('m');
    m.output(op.relu(m.input('x', 'float32', [2])), 'y');
    const h = new Graph('host');
    expect(() =>
      importOnnx(h, toOnnxBytes(m), { inputs: { x: h.input('x', 'float32', [2]) }, precision: 'float64' }),
    ).toThrow(/input x is float64\[2\], fed float32\[2\]/);
  });
});
