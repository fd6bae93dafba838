import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { seededRandom } from '@styleclip/testing';
import { Graph } from '../graph';
import * as op from '../ops';
import { extractOnnxModel, readOnnxModelView } from './extract';
import { toOnnxBytes } from './onnx-model';
import { protoFields } from '../import/proto-reader';

/** x [N,4] and s [N,4] → y: a two-stage network whose second stage reads a weight and `s` again. */
function twoStages(): { bytes: Uint8Array; a: string; b: string } {
  const g = new Graph('two_stages');
  const x = g.input('x', 'float32', ['batch', 4]);
  const s = g.input('s', 'float32', ['batch', 4]);
  const w = g.initializer('w', seededRandom(1).fillNormal(16), [4, 4]);
  const a = g.scope('first', () => op.tanh(op.matmul(op.mul(x, s), w)));
  const b = g.scope('second', () => op.add(op.matmul(op.mul(a, s), w), 1));
  g.output(op.mul(b, b), 'y');
  return { bytes: toOnnxBytes(g), a: a.name, b: b.name };
}

const session = (bytes: Uint8Array) => ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
const tensor = (data: Float32Array, dims: number[]) => new ort.Tensor('float32', data, dims);

describe('cutting a serialized model', () => {
  const { bytes, a, b } = twoStages();
  const x = seededRandom(2).fillNormal(12);
  const s = seededRandom(3).fillNormal(12);

  it('reads nodes, initializers, inputs and outputs', () => {
    const m = readOnnxModelView(bytes);
    expect([...m.inputs.keys()]).toEqual(['x', 's']);
    expect([...m.outputs.keys()]).toEqual(['y']);
    expect([...m.initializers.keys()]).toEqual(['w', 'second.const_5']);
    expect(m.nodes.map((n) => n.opType)).toEqual([
      'Mul',
      'MatMul',
      'Tanh',
      'Mul',
      'MatMul',
      'Add',
      'Mul',
      'Identity',
    ]);
    expect(m.nodes.filter((n) => n.name.startsWith('first.')).length).toBe(3);
  });

  it('a prefix and a suffix compute what the whole model computes, bit for bit', async () => {
    const m = readOnnxModelView(bytes);
    const whole = await (await session(bytes)).run({ x: tensor(x, [3, 4]), s: tensor(s, [3, 4]) });
    const prefixBytes = extractOnnxModel(m, { inputs: [], outputs: [{ name: a }] });
    const prefix = await session(prefixBytes);
    // The prefix keeps only the model inputs it reads, in the model's order.
    expect(prefix.inputNames).toEqual(['x', 's']);
    const mid = (await prefix.run({ x: tensor(x, [3, 4]), s: tensor(s, [3, 4]) }))[a]!;
    const suffix = await session(
      extractOnnxModel(m, { inputs: [{ name: a, shape: ['batch', 4] }], outputs: [{ name: 'y' }] }),
    );
    expect([...suffix.inputNames].sort()).toEqual([a, 's'].sort());
    const y = (await suffix.run({ [a]: mid, s: tensor(s, [3, 4]) }))['y']!;
    expect(Array.from(y.data as Float32Array)).toEqual(Array.from(whole['y']!.data as Float32Array));
    // The suffix has no node of the first stage and no Tanh.
    expect(
      readOnnxModelView(extractOnnxModel(m, { inputs: [{ name: a }], outputs: [{ name: 'y' }] })).nodes.map(
        (n) => n.opType,
      ),
    ).not.toContain('Tanh');
  });

  it('an intermediate tensor can be an output (a model stopped early)', async () => {
    const m = readOnnxModelView(bytes);
    const part = await session(extractOnnxModel(m, { inputs: [], outputs: [{ name: b }] }));
    const out = (await part.run({ x: tensor(x, [3, 4]), s: tensor(s, [3, 4]) }))[b]!;
    expect(out.dims).toEqual([3, 4]);
  });

  it('keeps the opset and metadata of the model', () => {
    const m = readOnnxModelView(bytes);
    const cut = protoFields(extractOnnxModel(m, { inputs: [], outputs: [{ name: a }] }), 'model');
    expect(cut.filter((f) => f.field !== 7).map((f) => f.raw)).toEqual(m.modelFields.map((f) => f.raw));
  });

  it('refuses outputs that cannot be computed and inputs that do not exist', () => {
    const m = readOnnxModelView(bytes);
    expect(() => extractOnnxModel(m, { inputs: [], outputs: [{ name: 'nothing' }] })).toThrow(
      /nothing has no producer/,
    );
    expect(() => extractOnnxModel(m, { inputs: [{ name: 'ghost' }], outputs: [{ name: 'y' }] })).toThrow(
      /input ghost is not a tensor/,
    );
  });

  it('refuses truncated bytes', () => {
    expect(() => readOnnxModelView(bytes.subarray(0, bytes.length - 7))).toThrow(/past the end|truncated/);
  });
});
