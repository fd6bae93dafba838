import type { DType } from '../dtype';
import type { Shape } from '../shape';
import { valueInfo } from './onnx-model';
import { ProtoWriter } from './protobuf';
import { fieldString, protoFields, type ProtoField } from '../import/proto-reader';

// Reading a serialized ONNX model (any producer) far enough to cut it: its nodes with their tensor names,
// initializers and graph inputs and outputs, each kept as the bytes it was stored as. A cut model is made of
// the same node and weight bytes, so it runs exactly the operations the whole model runs.

/** A node of a serialized model: names and the NodeProto bytes it was stored as. */
export interface OnnxNodeView {
  name: string;
  opType: string;
  domain: string;
  /** Input tensor names in order ('' for an omitted optional input). */
  inputs: readonly string[];
  outputs: readonly string[];
  /** The encoded NodeProto (a view onto the model's bytes). */
  proto: Uint8Array;
}

/** A serialized ONNX model, read for cutting (everything is a view onto the model's bytes). */
export interface OnnxModelView {
  graphName: string;
  /** Nodes in stored (topological) order. */
  nodes: readonly OnnxNodeView[];
  /** Initializer name → encoded TensorProto. */
  initializers: ReadonlyMap<string, Uint8Array>;
  /** Graph input name → encoded ValueInfoProto. */
  inputs: ReadonlyMap<string, Uint8Array>;
  /** Graph output name → encoded ValueInfoProto. */
  outputs: ReadonlyMap<string, Uint8Array>;
  /** The model's top-level fields other than the graph (IR version, opsets, metadata), unchanged. */
  modelFields: readonly ProtoField[];
}

// ModelProto.graph; GraphProto: node, name, initializer, input, output; NodeProto: input, output, name, op_type,
// attribute, domain; TensorProto.name; ValueInfoProto.name; AttributeProto: g, graphs.
const MODEL_GRAPH = 7;
const GRAPH = { node: 1, name: 2, initializer: 5, input: 11, output: 12 } as const;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 } as const;
const TENSOR_NAME = 8;
const VALUE_INFO_NAME = 1;
const ATTRIBUTE_GRAPHS = [6, 11];

const nameOf = (bytes: Uint8Array, field: number): string => {
  const f = protoFields(bytes, 'model').find((x) => x.field === field);
  return f ? fieldString(f) : '';
};

/** Reads the graph structure of ONNX model bytes (weights are not decoded). */
export function readOnnxModelView(bytes: Uint8Array): OnnxModelView {
  const top = protoFields(bytes, 'model');
  const graphField = top.find((f) => f.field === MODEL_GRAPH);
  if (!graphField) throw new Error('ONNX model: no graph');
  const nodes: OnnxNodeView[] = [];
  const initializers = new Map<string, Uint8Array>();
  const inputs = new Map<string, Uint8Array>();
  const outputs = new Map<string, Uint8Array>();
  let graphName = '';
  for (const f of protoFields(graphField.bytes, 'graph')) {
    if (f.field === GRAPH.node) nodes.push(readNode(f.bytes));
    else if (f.field === GRAPH.name) graphName = fieldString(f);
    else if (f.field === GRAPH.initializer) initializers.set(nameOf(f.bytes, TENSOR_NAME), f.bytes);
    else if (f.field === GRAPH.input) inputs.set(nameOf(f.bytes, VALUE_INFO_NAME), f.bytes);
    else if (f.field === GRAPH.output) outputs.set(nameOf(f.bytes, VALUE_INFO_NAME), f.bytes);
  }
  return {
    graphName,
    nodes,
    initializers,
    inputs,
    outputs,
    modelFields: top.filter((f) => f.field !== MODEL_GRAPH),
  };
}

function readNode(proto: Uint8Array): OnnxNodeView {
  const inputs: string[] = [];
  const outputs: string[] = [];
  let name = '';
  let opType = '';
  let domain = '';
  for (const f of protoFields(proto, 'node')) {
    if (f.field === NODE.input) inputs.push(fieldString(f));
    else if (f.field === NODE.output) outputs.push(fieldString(f));
    else if (f.field === NODE.name) name = fieldString(f);
    else if (f.field === NODE.opType) opType = fieldString(f);
    else if (f.field === NODE.domain) domain = fieldString(f);
    else if (f.field === NODE.attribute) {
      // A subgraph (If, Loop, Scan) may read tensors of the outer graph that no input lists: cutting around
      // it could drop what it needs.
      if (protoFields(f.bytes, 'attribute').some((a) => ATTRIBUTE_GRAPHS.includes(a.field)))
        throw new Error(
          `ONNX model: node ${name || opType} has a subgraph attribute; cutting is not supported`,
        );
    }
  }
  return { name, opType, domain, inputs, outputs, proto };
}

/** A tensor that becomes a graph input of the cut model (the caller feeds it). */
export interface CutInput {
  name: string;
  dtype?: DType;
  /** Declared shape (numbers or symbolic names); undefined leaves the rank unknown. */
  shape?: Shape;
}

/** A tensor that becomes a graph output of the cut model. */
export interface CutOutput {
  name: string;
  dtype?: DType;
}

/**
 * The part of a model that computes `outputs` from `inputs` (tensors anywhere in the graph) and from what
 * the model already had: initializers and its own inputs, which stay inputs when the part reads them. Nodes
 * keep their stored bytes and order, so the part runs the same operations as the whole model; nothing the
 * outputs do not need is written. Throws when an output cannot be computed from those.
 */
export function extractOnnxModel(
  model: OnnxModelView,
  o: { inputs: readonly CutInput[]; outputs: readonly CutOutput[]; name?: string },
): Uint8Array {
  const producer = new Map<string, number>();
  model.nodes.forEach((n, i) => n.outputs.forEach((t) => t && producer.set(t, i)));
  const given = new Map(o.inputs.map((i) => [i.name, i]));
  for (const i of o.inputs)
    if (!producer.has(i.name) && !model.inputs.has(i.name))
      throw new Error(`extract: input ${i.name} is not a tensor of ${model.graphName}`);

  const keep = new Set<number>();
  const usedInits = new Set<string>();
  const usedInputs = new Set<string>();
  const stack = o.outputs.map((t) => t.name);
  const seen = new Set<string>();
  while (stack.length) {
    const t = stack.pop()!;
    if (t === '' || seen.has(t)) continue;
    seen.add(t);
    if (given.has(t)) continue;
    if (model.initializers.has(t)) {
      usedInits.add(t);
      continue;
    }
    const k = producer.get(t);
    if (k === undefined) {
      if (model.inputs.has(t)) {
        usedInputs.add(t);
        continue;
      }
      throw new Error(`extract: ${t} has no producer in ${model.graphName} and is not given as an input`);
    }
    if (keep.has(k)) continue;
    keep.add(k);
    stack.push(...model.nodes[k]!.inputs);
  }

  const graph = new ProtoWriter();
  model.nodes.forEach((n, i) => keep.has(i) && graph.bytes(GRAPH.node, n.proto));
  graph.string(GRAPH.name, o.name ?? model.graphName);
  for (const [name, proto] of model.initializers)
    if (usedInits.has(name)) graph.bytes(GRAPH.initializer, proto);
  for (const [name, proto] of model.inputs)
    if (usedInputs.has(name) && !given.has(name)) graph.bytes(GRAPH.input, proto);
  for (const i of o.inputs) {
    const original = model.inputs.get(i.name);
    if (original && i.dtype === undefined && i.shape === undefined) graph.bytes(GRAPH.input, original);
    else graph.message(GRAPH.input, valueInfo(i.name, i.dtype ?? 'float32', i.shape));
  }
  for (const t of o.outputs) {
    const original = model.outputs.get(t.name);
    if (original && t.dtype === undefined) graph.bytes(GRAPH.output, original);
    else graph.message(GRAPH.output, valueInfo(t.name, t.dtype ?? 'float32', undefined));
  }

  const out = new ProtoWriter();
  for (const f of model.modelFields) out.raw(f.raw);
  out.message(MODEL_GRAPH, graph);
  return out.finish();
}
