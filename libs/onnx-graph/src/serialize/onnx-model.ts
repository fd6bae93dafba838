import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import {
  float16BitsToFloat32,
  float32ToFloat16Bits,
  ONNX_DTYPE_CODE,
  type AnyTypedArray,
  type DType,
} from '../dtype';
import { GraphBuildError } from '../errors';
import type { Attr, Graph, GraphNode } from '../graph';
import type { Shape } from '../shape';
import { ProtoWriter } from './protobuf';

/** The ONNX opset the builder's ops follow (axes as inputs for Reduce*, Split sizes as an input, …). */
export const OPSET = 18;
/** IR version 8 pairs with opset 17/18. */
const IR_VERSION = 8;

export interface SerializeOptions {
  /** Model name, stored as graph name and `model_name` metadata. */
  modelName?: string;
  /** Stored as `config` metadata (JSON text). */
  config?: unknown;
  /** Stored as `version` metadata and model_version. */
  version?: number;
  /** More metadata props. */
  metadata?: Record<string, string>;
  producer?: string;
  /**
   * Store float32 weights whose every value is exactly a float16 (e.g. official CLIP weights, released in
   * float16) as float16 plus a Cast: half the bytes, bit-identical results. Other weights stay float32.
   */
  compactFloat16?: boolean;
}

/** Float16 bits of `data` if every value round-trips exactly, else undefined. */
function exactFloat16(data: Float32Array): Uint16Array | undefined {
  const half = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const h = float32ToFloat16Bits(data[i]!);
    if (float16BitsToFloat32(h) !== data[i]) return undefined;
    half[i] = h;
  }
  return half;
}

const bytesOf = (a: AnyTypedArray): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function tensorProto(name: string, dtype: DType, dims: readonly number[], data: AnyTypedArray): ProtoWriter {
  const w = new ProtoWriter();
  w.packedInts(1, dims);
  w.int(2, ONNX_DTYPE_CODE[dtype]);
  w.string(8, name);
  w.bytes(9, bytesOf(data));
  return w;
}

/** A ValueInfoProto; `shape` undefined leaves the rank unknown. */
export function valueInfo(name: string, dtype: DType, shape: Shape | undefined): ProtoWriter {
  const tensorType = new ProtoWriter().int(1, ONNX_DTYPE_CODE[dtype]);
  if (shape) tensorType.message(2, shapeProto(shape));
  const type = new ProtoWriter().message(1, tensorType);
  return new ProtoWriter().string(1, name).message(2, type);
}

function shapeProto(shape: Shape): ProtoWriter {
  const dims = new ProtoWriter();
  for (const d of shape) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.int(1, d);
    else dim.string(2, d);
    dims.message(1, dim);
  }
  return dims;
}

function attribute(name: string, a: Attr): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  if ('i' in a) w.int(3, a.i).int(20, 2);
  else if ('f' in a) w.float(2, a.f).int(20, 1);
  else if ('s' in a) w.string(4, a.s).int(20, 3);
  else if ('ints' in a) w.packedInts(8, a.ints).int(20, 7);
  else if ('floats' in a) w.packedFloats(7, a.floats).int(20, 6);
  else w.message(5, tensorProto('', a.t.dtype, a.t.dims, a.t.data)).int(20, 4);
  return w;
}

function nodeProto(n: GraphNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i?.name ?? '');
  for (const o of n.outputs) w.string(2, o.name);
  w.string(3, n.name).string(4, n.opType);
  for (const [k, v] of Object.entries(n.attrs)) w.message(5, attribute(k, v));
  if (n.domain) w.string(7, n.domain);
  return w;
}

function modelProto(g: Graph, o: SerializeOptions): ProtoWriter {
  if (g.outputs.length === 0) throw new GraphBuildError(`${g.name}: no outputs to serialize`);
  // Only what the outputs depend on is written; unused nodes and weights are dropped.
  const { nodes, tensors } = g.liveNodes();
  const graph = new ProtoWriter();
  const stored: ProtoWriter[] = [];
  for (const init of g.initializers) {
    if (!tensors.has(init.tensor.name)) continue;
    const t = init.tensor;
    const half =
      o.compactFloat16 && t.dtype === 'float32' && init.data.length >= 1024
        ? exactFloat16(init.data as Float32Array)
        : undefined;
    if (half) {
      // The float16 copy is the stored weight; a Cast (first in the graph) restores the float32 tensor.
      stored.push(tensorProto(`${t.name}::f16`, 'float16', t.shape as number[], half));
      const cast = new ProtoWriter()
        .string(1, `${t.name}::f16`)
        .string(2, t.name)
        .string(3, `${t.name}::cast`)
        .string(4, 'Cast');
      cast.message(5, attribute('to', { i: ONNX_DTYPE_CODE.float32 }));
      graph.message(1, cast);
    } else stored.push(tensorProto(t.name, t.dtype, t.shape as number[], init.data));
  }
  for (const n of nodes) graph.message(1, nodeProto(n));
  graph.string(2, o.modelName ?? g.name);
  for (const w of stored) graph.message(5, w);
  // Every declared input stays (callers feed them even if an output ignores one).
  for (const t of g.inputs) graph.message(11, valueInfo(t.name, t.dtype, t.shape));
  for (const t of g.outputs) graph.message(12, valueInfo(t.name, t.dtype, t.shape));

  const model = new ProtoWriter();
  model.int(1, IR_VERSION);
  model.string(2, o.producer ?? 'styleclip-onnx-graph');
  model.string(3, '0.1.0');
  if (o.version !== undefined) model.int(5, o.version);
  model.message(7, graph);
  model.message(8, new ProtoWriter().string(1, '').int(2, OPSET));
  const meta: Record<string, string> = { ...o.metadata };
  if (o.modelName) meta['model_name'] = o.modelName;
  if (o.config !== undefined) meta['config'] = JSON.stringify(o.config);
  if (o.version !== undefined) meta['version'] = String(o.version);
  for (const [k, v] of Object.entries(meta)) model.message(14, new ProtoWriter().string(1, k).string(2, v));
  return model;
}

/** Serializes the graph to ONNX model bytes. */
export function toOnnxBytes(g: Graph, o: SerializeOptions = {}): Uint8Array {
  return modelProto(g, o).finish();
}

/**
 * Writes the model to a file from its chunks (weights are not gathered into one extra buffer) and returns
 * the file's size and sha256 (hashed from the same chunks, so the file is not read back).
 */
export async function writeOnnxFile(
  g: Graph,
  path: string,
  o: SerializeOptions = {},
): Promise<{ bytes: number; sha256: string }> {
  const parts = modelProto(g, o).parts();
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  await writeFile(path, parts);
  return { bytes: parts.reduce((s, p) => s + p.length, 0), sha256: hash.digest('hex') };
}
