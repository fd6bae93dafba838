import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { Graph } from '../graph';
import * as op from '../ops';
import { evaluate } from '../test-utils';
import { OPSET, toOnnxBytes } from './onnx-model';
import { ProtoWriter } from './protobuf';

/** Reads the top-level fields of a protobuf message: field number → list of raw values. */
function readFields(buf: Uint8Array): Map<number, (bigint | Uint8Array)[]> {
  const out = new Map<number, (bigint | Uint8Array)[]>();
  let pos = 0;
  const varint = () => {
    let v = 0n;
    let shift = 0n;
    for (;;) {
      const b = buf[pos++]!;
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return v;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const field = key >> 3;
    const wire = key & 7;
    let val: bigint | Uint8Array;
    if (wire === 0) val = varint();
    else if (wire === 2) {
      const len = Number(varint());
      val = buf.subarray(pos, pos + len);
      pos += len;
    } else if (wire === 5) {
      val = buf.subarray(pos, pos + 4);
      pos += 4;
    } else throw new Error(`wire ${wire}`);
    out.set(field, [...(out.get(field) ?? []), val]);
  }
  return out;
}
const text = (b: bigint | Uint8Array) => new TextDecoder().decode(b as Uint8Array);

describe('ONNX serialization', () => {
  it('writes opset, metadata props and a loadable model', async () => {
    const g = new Graph('tiny');
    const x = g.input('x', 'float32', ['batch', 2]);
    g.output(op.mul(x, 3), 'y');
    const bytes = toOnnxBytes(g, { modelName: 'tiny-model', config: { size: 32 }, version: 3 });
    const model = readFields(bytes);
    const opset = readFields(model.get(8)![0] as Uint8Array);
    expect(opset.get(2)![0]).toBe(BigInt(OPSET));
    expect(OPSET).toBeGreaterThanOrEqual(17);
    const props = Object.fromEntries(
      model.get(14)!.map((p) => {
        const f = readFields(p as Uint8Array);
        return [text(f.get(1)![0]!), text(f.get(2)![0]!)];
      }),
    );
    expect(props).toEqual({ model_name: 'tiny-model', config: '{"size":32}', version: '3' });
    const out = await evaluate(g, { x: { data: Float32Array.of(1, 2, 3, 4), dims: [2, 2] } });
    expect(Array.from(out['y']!)).toEqual([3, 6, 9, 12]);
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['x']);
    expect(session.outputNames).toEqual(['y']);
  });

  it('shares an initializer used twice and references weight bytes instead of copying them', () => {
    const g = new Graph();
    const data = new Float32Array(1024).fill(0.5);
    const a = g.initializer('a', data, [32, 32]);
    const b = g.scope('other', () => g.initializer('b', data, [32, 32]));
    expect(b).toBe(a);
    const x = g.input('x', 'float32', [1, 32]);
    g.output(op.add(op.matmul(x, a), op.matmul(x, b)), 'y');
    expect(g.initializers.filter((i) => i.data === data)).toHaveLength(1);
    const w = new ProtoWriter();
    w.bytes(9, new Uint8Array(data.buffer));
    expect(w.parts().some((p) => p.buffer === data.buffer)).toBe(true);
  });

  it('names initializers by scope, like checkpoint keys', () => {
    const g = new Graph();
    const t = g.scope('style', () => g.scope(1, () => g.initializer('weight', new Float32Array(4), [2, 2])));
    expect(t.name).toBe('style.1.weight');
    expect(() =>
      g.scope('style', () => g.scope(1, () => g.initializer('weight', new Float32Array(4), [2, 2]))),
    ).toThrow(/already used/);
  });

  it('builds and serializes a graph with 20k nodes and 64 MB of weights', async () => {
    const g = new Graph('big');
    const x = g.input('x', 'float32', [1, 64]);
    let h = x;
    for (let i = 0; i < 10000; i++) h = op.add(op.mul(h, 1.0001), 0.0001);
    const big = new Float32Array(16 * 1024 * 1024);
    const w = g.initializer('big', big, [16 * 1024 * 16, 64]);
    g.output(op.add(h, op.reduceSum(w, [0], true)), 'y');
    const bytes = toOnnxBytes(g);
    expect(bytes.length).toBeGreaterThan(big.byteLength);
    expect(g.nodes.length).toBeGreaterThan(20000);
  });

  it('stores exactly-half weights as float16 with a Cast (half the bytes, identical results)', async () => {
    const build = (w: Float32Array) => {
      const g = new Graph();
      const x = g.input('x', 'float32', [1, 64]);
      g.output(op.matmul(x, g.initializer('w', w, [64, 64])), 'y');
      return g;
    };
    const exact = new Float32Array(4096).map((_, i) => (i % 97) / 64 - 0.5);
    const inexact = exact.map((v) => v + 1e-5);
    const x = { x: { data: new Float32Array(64).fill(0.25), dims: [1, 64] } };
    const plain = toOnnxBytes(build(exact));
    const compact = toOnnxBytes(build(exact), { compactFloat16: true });
    expect(compact.length).toBeLessThan(plain.length * 0.6);
    const [a, b] = await Promise.all([
      evaluate(build(exact), x),
      ort.InferenceSession.create(compact).then((s) =>
        s.run({ x: new ort.Tensor('float32', x.x.data, [1, 64]) }),
      ),
    ]);
    expect(Array.from(b['y']!.data as Float32Array)).toEqual(Array.from(a['y']!));
    // Values that are not exactly half precision stay float32.
    expect(toOnnxBytes(build(inexact), { compactFloat16: true }).length).toBeGreaterThan(plain.length * 0.9);
  });

  it('drops nodes and weights no output depends on', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [2]);
    op.mul(x, op.reduceSum(g.initializer('unused', new Float32Array(1 << 16), [1 << 16])));
    g.output(op.add(x, 1), 'y');
    expect(toOnnxBytes(g).length).toBeLessThan(1000);
  });
});
