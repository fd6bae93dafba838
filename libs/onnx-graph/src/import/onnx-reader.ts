import { DTYPE_BYTES, ONNX_DTYPE_CODE, type AnyTypedArray, type DType } from '../dtype';
import { GraphBuildError } from '../errors';
import type { Attr } from '../graph';
import type { Dim } from '../shape';
import { fieldInt, fieldString, ProtoReader, pushFloats, pushInts, type ProtoField } from './proto-reader';

/** A tensor stored in an ONNX file (an initializer or a tensor attribute). */
export interface OnnxTensor {
  name: string;
  dtype: DType;
  dims: number[];
  data: AnyTypedArray;
}

export interface OnnxValueInfo {
  name: string;
  dtype: DType;
  shape: Dim[];
}

export interface OnnxNode {
  name: string;
  opType: string;
  domain: string;
  /** '' marks an omitted optional input. */
  inputs: string[];
  outputs: string[];
  attrs: Record<string, Attr>;
}

export interface OnnxModel {
  name: string;
  /** Opset of the default domain. */
  opset: number;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  metadata: Record<string, string>;
}

const DTYPE_OF_CODE = new Map<number, DType>(
  Object.entries(ONNX_DTYPE_CODE).map(([k, v]) => [v, k as DType]),
);

function dtypeOf(code: number, what: string): DType {
  const d = DTYPE_OF_CODE.get(code);
  if (!d) throw new GraphBuildError(`ONNX ${what}: unsupported element type ${code}`);
  return d;
}

/** A typed array over `bytes` (a view when aligned, else a copy). */
function typedFromBytes(dtype: DType, bytes: Uint8Array): AnyTypedArray {
  const size = DTYPE_BYTES[dtype];
  // `new Uint8Array(view)` copies (a Node Buffer's `slice` would not).
  const aligned = bytes.byteOffset % size === 0 ? bytes : new Uint8Array(bytes);
  const { buffer, byteOffset } = aligned;
  const n = bytes.byteLength / size;
  switch (dtype) {
    case 'float32':
      return new Float32Array(buffer, byteOffset, n);
    case 'float16':
      return new Uint16Array(buffer, byteOffset, n);
    case 'float64':
      return new Float64Array(buffer, byteOffset, n);
    case 'int64':
      return new BigInt64Array(buffer, byteOffset, n);
    case 'int32':
      return new Int32Array(buffer, byteOffset, n);
    case 'int8':
      return new Int8Array(buffer, byteOffset, n);
    case 'uint8':
    case 'bool':
      return new Uint8Array(buffer, byteOffset, n);
  }
}

function readTensor(bytes: Uint8Array, what: string): OnnxTensor {
  let name = '';
  let code = 0;
  const dims: number[] = [];
  let raw: Uint8Array | undefined;
  const floats: number[] = [];
  const ints: number[] = [];
  const doubles: number[] = [];
  for (const f of new ProtoReader(bytes, what).fields()) {
    if (f.field === 1) pushInts(dims, f, `${what} dims`);
    else if (f.field === 2) code = fieldInt(f);
    else if (f.field === 8) name = fieldString(f);
    else if (f.field === 9) raw = f.bytes;
    else if (f.field === 4) pushFloats(floats, f);
    else if (f.field === 5 || f.field === 7) pushInts(ints, f, `${what} data`);
    else if (f.field === 10) {
      const v = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
      for (let i = 0; i + 8 <= f.bytes.byteLength; i += 8) doubles.push(v.getFloat64(i, true));
    } else if (f.field === 14 && fieldInt(f) === 1) {
      throw new GraphBuildError(`ONNX ${what} ${name}: external data is not supported`);
    }
  }
  const dtype = dtypeOf(code, `${what} ${name}`);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0))
    throw new GraphBuildError(`ONNX ${what} ${name}: bad dims [${dims}]`);
  const n = dims.reduce((p, d) => p * d, 1);
  let data: AnyTypedArray;
  if (raw) {
    if (raw.byteLength !== n * DTYPE_BYTES[dtype]) {
      throw new GraphBuildError(
        `ONNX ${what} ${name}: ${raw.byteLength} bytes for ${dtype}[${dims}] (${n * DTYPE_BYTES[dtype]})`,
      );
    }
    data = typedFromBytes(dtype, raw);
  } else {
    const values = dtype === 'float32' ? floats : dtype === 'float64' ? doubles : ints;
    if (values.length !== n)
      throw new GraphBuildError(`ONNX ${what} ${name}: ${values.length} values for [${dims}]`);
    if (dtype === 'int64') data = BigInt64Array.from(values, (v) => BigInt(v));
    else if (dtype === 'float16') data = Uint16Array.from(values);
    else if (dtype === 'float32') data = Float32Array.from(values);
    else if (dtype === 'float64') data = Float64Array.from(values);
    else if (dtype === 'int32') data = Int32Array.from(values);
    else if (dtype === 'int8') data = Int8Array.from(values);
    else data = Uint8Array.from(values);
  }
  return { name, dtype, dims, data };
}

function readAttribute(bytes: Uint8Array, what: string): [string, Attr] {
  let name = '';
  let type = 0;
  let f32: number | undefined;
  let i64: number | undefined;
  let s: string | undefined;
  let t: OnnxTensor | undefined;
  const floats: number[] = [];
  const ints: number[] = [];
  for (const f of new ProtoReader(bytes, what).fields()) {
    if (f.field === 1) name = fieldString(f);
    else if (f.field === 20) type = fieldInt(f);
    else if (f.field === 2) f32 = new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true);
    else if (f.field === 3) i64 = fieldInt(f);
    else if (f.field === 4) s = fieldString(f);
    else if (f.field === 5) t = readTensor(f.bytes, `${what} tensor`);
    else if (f.field === 7) pushFloats(floats, f);
    else if (f.field === 8) pushInts(ints, f, `${what} ints`);
  }
  const where = `${what} ${name}`;
  switch (type) {
    case 1:
      return [name, { f: f32 ?? 0 }];
    case 2:
      return [name, { i: i64 ?? 0 }];
    case 3:
      return [name, { s: s ?? '' }];
    case 4:
      if (!t) throw new GraphBuildError(`ONNX ${where}: tensor attribute without a tensor`);
      return [name, { t: { dtype: t.dtype, dims: t.dims, data: t.data } }];
    case 6:
      return [name, { floats }];
    case 7:
      return [name, { ints }];
    default:
      throw new GraphBuildError(`ONNX ${where}: unsupported attribute type ${type}`);
  }
}

function readNode(bytes: Uint8Array): OnnxNode {
  const node: OnnxNode = { name: '', opType: '', domain: '', inputs: [], outputs: [], attrs: {} };
  const attrs: Uint8Array[] = [];
  for (const f of new ProtoReader(bytes, 'node').fields()) {
    if (f.field === 1) node.inputs.push(fieldString(f));
    else if (f.field === 2) node.outputs.push(fieldString(f));
    else if (f.field === 3) node.name = fieldString(f);
    else if (f.field === 4) node.opType = fieldString(f);
    else if (f.field === 5) attrs.push(f.bytes);
    else if (f.field === 7) node.domain = fieldString(f);
  }
  for (const a of attrs) {
    const [k, v] = readAttribute(a, `node ${node.name} (${node.opType}) attribute`);
    node.attrs[k] = v;
  }
  return node;
}

function readValueInfo(bytes: Uint8Array): OnnxValueInfo {
  let name = '';
  let code = 0;
  const shape: Dim[] = [];
  const sub = (f: ProtoField, what: string) => new ProtoReader(f.bytes, what).fields();
  for (const f of new ProtoReader(bytes, 'value info').fields()) {
    if (f.field === 1) name = fieldString(f);
    else if (f.field === 2) {
      for (const tf of sub(f, 'type')) {
        if (tf.field !== 1) continue;
        for (const tt of sub(tf, 'tensor type')) {
          if (tt.field === 1) code = fieldInt(tt);
          else if (tt.field === 2) {
            for (const d of sub(tt, 'shape')) {
              if (d.field !== 1) continue;
              let dim: Dim = '?';
              for (const df of sub(d, 'dim')) {
                if (df.field === 1) dim = fieldInt(df);
                else if (df.field === 2) dim = fieldString(df);
              }
              shape.push(dim);
            }
          }
        }
      }
    }
  }
  return { name, dtype: dtypeOf(code, `value ${name}`), shape };
}

/**
 * Reads an ONNX model (ModelProto bytes): nodes, initializers (views onto `bytes` where aligned), inputs,
 * outputs, the default-domain opset and the metadata props. Reading executes nothing; every length is
 * checked against the bytes present.
 */
export function readOnnxModel(bytes: Uint8Array): OnnxModel {
  const model: OnnxModel = {
    name: '',
    opset: 0,
    nodes: [],
    initializers: [],
    inputs: [],
    outputs: [],
    metadata: {},
  };
  let graph: Uint8Array | undefined;
  for (const f of new ProtoReader(bytes, 'model').fields()) {
    if (f.field === 7) graph = f.bytes;
    else if (f.field === 8) {
      let domain = '';
      let version = 0;
      for (const o of new ProtoReader(f.bytes, 'opset').fields()) {
        if (o.field === 1) domain = fieldString(o);
        else if (o.field === 2) version = fieldInt(o);
      }
      if (domain === '' || domain === 'ai.onnx') model.opset = version;
    } else if (f.field === 14) {
      let k = '';
      let v = '';
      for (const m of new ProtoReader(f.bytes, 'metadata').fields()) {
        if (m.field === 1) k = fieldString(m);
        else if (m.field === 2) v = fieldString(m);
      }
      model.metadata[k] = v;
    }
  }
  if (!graph) throw new GraphBuildError('ONNX model: no graph (not an ONNX file?)');
  for (const f of new ProtoReader(graph, 'graph').fields()) {
    if (f.field === 1) model.nodes.push(readNode(f.bytes));
    else if (f.field === 2) model.name = fieldString(f);
    else if (f.field === 5) model.initializers.push(readTensor(f.bytes, 'initializer'));
    else if (f.field === 11) model.inputs.push(readValueInfo(f.bytes));
    else if (f.field === 12) model.outputs.push(readValueInfo(f.bytes));
  }
  return model;
}
