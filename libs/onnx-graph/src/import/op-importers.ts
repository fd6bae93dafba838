import { attrFloat, attrInt, attrInts } from '../attrs';
import { ONNX_DTYPE_CODE, type DType } from '../dtype';
import { GraphBuildError } from '../errors';
import type { Attr, Graph } from '../graph';
import * as op from '../ops';
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';

/** What an importer sees of one ONNX node, its inputs already resolved to tensors of the target graph. */
export interface ImportContext {
  readonly graph: Graph;
  readonly opType: string;
  readonly nodeName: string;
  readonly attrs: Readonly<Record<string, Attr>>;
  /** Resolved inputs (undefined where the node omits an optional input). */
  readonly inputs: readonly (Tensor | undefined)[];
  /** Number of outputs the node declares. */
  readonly outputCount: number;
  /** The tensor whose run-time shape input `i` is (when input `i` is the output of a Shape node). */
  shapeSourceOf(i: number): Tensor | undefined;
  /** The dtype the imported graph computes a model dtype in (float64 for every float type with `precision`). */
  computeType(d: DType): DType;
  /** For a weight widened to float64: the initializer as stored (undefined otherwise). */
  storedOf(t: Tensor): Tensor | undefined;
}

export type OpImporter = (c: ImportContext) => Tensor[];

function fail(c: ImportContext, message: string): never {
  throw new GraphBuildError(`import ${c.opType} (node ${c.nodeName}): ${message}`);
}

function input(c: ImportContext, i: number): Tensor {
  const t = c.inputs[i];
  if (!t) fail(c, `input ${i} is missing`);
  return t;
}

/** The values of a constant input (an initializer), or undefined when the input is omitted. */
function constInput(c: ImportContext, i: number): number[] | undefined {
  const given = c.inputs[i];
  if (!given) return undefined;
  const t = c.storedOf(given) ?? given;
  if (t.kind !== 'initializer') fail(c, `input ${i} (${t.name}) must be a constant`);
  return c.graph.constantValues(t);
}

const requiredConst = (c: ImportContext, i: number): number[] =>
  constInput(c, i) ?? fail(c, `input ${i} is missing`);

const DTYPE_OF_CODE = new Map<number, DType>(
  Object.entries(ONNX_DTYPE_CODE).map(([k, v]) => [v, k as DType]),
);

function dtypeAttr(c: ImportContext, name: string): DType {
  const code = attrInt(c.attrs, name, -1);
  return DTYPE_OF_CODE.get(code) ?? fail(c, `unsupported ${name} type ${code}`);
}

function noAutoPad(c: ImportContext): void {
  const a = c.attrs['auto_pad'];
  if (a && 's' in a && a.s !== 'NOTSET') fail(c, `auto_pad ${a.s} is not supported`);
}

/** Axes from the opset ≥ 13/18 input, or from the older attribute. */
const axesOf = (c: ImportContext, i: number): number[] | undefined =>
  constInput(c, i) ?? (c.attrs['axes'] ? attrInts(c.attrs, 'axes') : undefined);

/** A shape operand: constant values, or the run-time shape of another tensor (a Shape node's output). */
function shapeOperand(c: ImportContext, i: number): { values: number[] } | { like: Tensor } {
  const like = c.shapeSourceOf(i);
  if (like) return { like };
  return { values: requiredConst(c, i) };
}

const binary =
  (f: (a: Tensor, b: Tensor) => Tensor): OpImporter =>
  (c) => [f(input(c, 0), input(c, 1))];
const unary =
  (f: (x: Tensor) => Tensor): OpImporter =>
  (c) => [f(input(c, 0))];

function convOptions(c: ImportContext) {
  noAutoPad(c);
  const n = input(c, 0).rank - 2;
  return {
    strides: attrInts(c.attrs, 'strides', Array<number>(n).fill(1)),
    pads: attrInts(c.attrs, 'pads', Array<number>(2 * n).fill(0)),
    dilations: attrInts(c.attrs, 'dilations', Array<number>(n).fill(1)),
    group: attrInt(c.attrs, 'group', 1),
  };
}

function poolOptions(c: ImportContext) {
  noAutoPad(c);
  if (attrInt(c.attrs, 'ceil_mode', 0) !== 0) fail(c, 'ceil_mode is not supported');
  if (attrInts(c.attrs, 'dilations').some((d) => d !== 1)) fail(c, 'dilated pooling is not supported');
  const kernel = attrInts(c.attrs, 'kernel_shape');
  return {
    kernel,
    strides: attrInts(c.attrs, 'strides', Array<number>(kernel.length).fill(1)),
    pads: attrInts(c.attrs, 'pads', Array<number>(2 * kernel.length).fill(0)),
    countIncludePad: attrInt(c.attrs, 'count_include_pad', 0) === 1,
  };
}

function reduceImporter(f: (x: Tensor, axes?: readonly number[], keep?: boolean) => Tensor): OpImporter {
  return (c) => {
    const axes = axesOf(c, 1);
    if ((axes === undefined || axes.length === 0) && attrInt(c.attrs, 'noop_with_empty_axes', 0) === 1) {
      return [input(c, 0)];
    }
    return [
      f(input(c, 0), axes && axes.length > 0 ? axes : undefined, attrInt(c.attrs, 'keepdims', 1) === 1),
    ];
  };
}

function constantValue(c: ImportContext): { value: number; dtype: DType } {
  const a = c.attrs['value'];
  if (!a) return { value: 0, dtype: 'float32' };
  if (!('t' in a)) fail(c, 'value must be a tensor');
  const v = a.t.data[0];
  return { value: Number(v ?? 0), dtype: a.t.dtype };
}

/**
 * One entry per ONNX op type the graph builder can emit: each calls the builder's own op function, so shapes
 * are inferred (and checked) exactly as when the graph was first built, and reverse mode sees the same ops.
 */
export const OP_IMPORTERS: Readonly<Record<string, OpImporter>> = {
  Add: binary(op.add),
  Sub: binary(op.sub),
  Mul: binary(op.mul),
  Div: binary(op.div),
  Pow: binary(op.pow),
  Max: binary(op.max),
  Min: binary(op.min),
  Equal: binary(op.equal),
  Less: binary(op.less),
  Greater: binary(op.greater),
  Neg: unary(op.neg),
  Abs: unary(op.abs),
  Sqrt: unary(op.sqrt),
  Reciprocal: unary(op.reciprocal),
  Exp: unary(op.exp),
  Log: unary(op.log),
  Sigmoid: (c) => {
    const x = input(c, 0);
    // onnxruntime fuses x·sigmoid(αx) (CLIP's QuickGELU) into a kernel that has no float64 version, and
    // fails at load: in float64 the same function is written 1 / (1 + exp(−x)), which nothing fuses.
    if (x.dtype === 'float64') return [op.reciprocal(op.add(op.exp(op.neg(x)), 1))];
    return [op.sigmoid(x)];
  },
  Tanh: unary(op.tanh),
  Erf: unary(op.erf),
  Relu: unary(op.relu),
  Sign: unary(op.sign),
  Floor: unary(op.floor),
  // An Identity adds nothing: its output is its input.
  Identity: (c) => [input(c, 0)],
  LeakyRelu: (c) => [op.leakyRelu(input(c, 0), attrFloat(c.attrs, 'alpha', 0.01))],
  PRelu: (c) => [op.prelu(input(c, 0), input(c, 1))],
  Clip: (c) => [op.clip(input(c, 0), constInput(c, 1)?.[0], constInput(c, 2)?.[0])],
  Cast: (c) => [op.cast(input(c, 0), c.computeType(dtypeAttr(c, 'to')))],
  Where: (c) => [op.where(input(c, 0), input(c, 1), input(c, 2))],
  MatMul: binary(op.matmul),
  Gemm: (c) => [
    op.gemm(input(c, 0), input(c, 1), c.inputs[2], {
      transA: attrInt(c.attrs, 'transA', 0) === 1,
      transB: attrInt(c.attrs, 'transB', 0) === 1,
      alpha: attrFloat(c.attrs, 'alpha', 1),
      beta: attrFloat(c.attrs, 'beta', 1),
    }),
  ],
  Conv: (c) => [op.conv(input(c, 0), input(c, 1), c.inputs[2], convOptions(c))],
  ConvTranspose: (c) => {
    if (c.attrs['output_shape']) fail(c, 'output_shape is not supported (use pads and output_padding)');
    const o = convOptions(c);
    const outputPadding = attrInts(c.attrs, 'output_padding', Array<number>(o.strides.length).fill(0));
    return [op.convTranspose(input(c, 0), input(c, 1), c.inputs[2], { ...o, outputPadding })];
  },
  MaxPool: (c) => {
    if (c.outputCount > 1) fail(c, 'the Indices output is not supported');
    return [op.maxPool(input(c, 0), poolOptions(c))];
  },
  AveragePool: (c) => [op.averagePool(input(c, 0), poolOptions(c))],
  GlobalAveragePool: unary(op.globalAveragePool),
  Reshape: (c) => {
    if (attrInt(c.attrs, 'allowzero', 0) !== 0) fail(c, 'allowzero is not supported');
    const s = shapeOperand(c, 1);
    const x = input(c, 0);
    return ['like' in s ? op.reshapeTo(x, input(c, 1), s.like.shape) : op.reshape(x, s.values)];
  },
  Shape: (c) => {
    if (c.attrs['start'] || c.attrs['end']) fail(c, 'start/end are not supported');
    return [op.shapeOf(input(c, 0))];
  },
  Transpose: (c) => [op.transpose(input(c, 0), c.attrs['perm'] ? attrInts(c.attrs, 'perm') : undefined)],
  Concat: (c) => [
    op.concat(
      c.inputs.map((_, i) => input(c, i)),
      attrInt(c.attrs, 'axis', 0),
    ),
  ],
  Slice: (c) => [
    op.slice(input(c, 0), requiredConst(c, 1), requiredConst(c, 2), constInput(c, 3), constInput(c, 4)),
  ],
  Split: (c) => {
    const x = input(c, 0);
    const axis = attrInt(c.attrs, 'axis', 0);
    let sizes = constInput(c, 1) ?? (c.attrs['split'] ? attrInts(c.attrs, 'split') : undefined);
    if (!sizes) {
      const dim = x.shape[axis < 0 ? axis + x.rank : axis];
      if (typeof dim !== 'number' || dim % c.outputCount !== 0)
        fail(c, `cannot split ${dim} into ${c.outputCount} equal parts`);
      sizes = Array<number>(c.outputCount).fill(dim / c.outputCount);
    }
    return op.split(x, sizes, axis);
  },
  Gather: (c) => {
    const data = input(c, 0);
    const stored = c.storedOf(data);
    const axis = attrInt(c.attrs, 'axis', 0);
    // A widened table (e.g. a token embedding) is gathered as stored, then only the rows read are widened.
    if (stored) return [op.cast(op.gather(stored, input(c, 1), axis), data.dtype)];
    return [op.gather(data, input(c, 1), axis)];
  },
  GatherElements: (c) => [op.gatherElements(input(c, 0), input(c, 1), attrInt(c.attrs, 'axis', 0))],
  ScatterND: (c) => {
    const r = c.attrs['reduction'];
    const reduction = r && 's' in r ? r.s : 'none';
    if (reduction !== 'none' && reduction !== 'add') fail(c, `reduction ${reduction} is not supported`);
    return [op.scatterND(input(c, 0), input(c, 1), input(c, 2), reduction)];
  },
  Expand: (c) => {
    const s = shapeOperand(c, 1);
    return ['like' in s ? op.expandAs(input(c, 0), s.like) : op.expand(input(c, 0), s.values)];
  },
  Unsqueeze: (c) => [op.unsqueeze(input(c, 0), axesOf(c, 1) ?? fail(c, 'no axes'))],
  Squeeze: (c) => {
    const x = input(c, 0);
    const axes = axesOf(c, 1) ?? x.shape.flatMap((d, i) => (d === 1 ? [i] : []));
    return [op.squeeze(x, axes)];
  },
  Flatten: (c) => [op.flatten(input(c, 0), attrInt(c.attrs, 'axis', 1))],
  Pad: (c) => {
    if (c.inputs[3]) fail(c, 'the axes input is not supported');
    const mode = c.attrs['mode'];
    const m = (mode && 's' in mode ? mode.s : 'constant') as 'constant' | 'reflect' | 'edge';
    return [op.pad(input(c, 0), requiredConst(c, 1), { mode: m, value: constInput(c, 2)?.[0] ?? 0 })];
  },
  Tile: (c) => [op.tile(input(c, 0), requiredConst(c, 1))],
  DepthToSpace: (c) => {
    const mode = c.attrs['mode'] as { s?: string } | undefined;
    if ((mode?.s ?? 'DCR') !== 'DCR') fail(c, `mode ${mode?.s} (only DCR)`);
    return [op.depthToSpace(input(c, 0), attrInt(c.attrs, 'blocksize', 0))];
  },
  SpaceToDepth: (c) => [op.spaceToDepth(input(c, 0), attrInt(c.attrs, 'blocksize', 0))],
  Resize: (c) => {
    if (c.inputs[1] || c.inputs[2]) fail(c, 'roi/scales inputs are not supported (sizes only)');
    const x = input(c, 0);
    const sizes = requiredConst(c, 3);
    const axes = attrInts(
      c.attrs,
      'axes',
      sizes.map((_, i) => x.rank - sizes.length + i),
    );
    if (axes.some((a, i) => a !== x.rank - sizes.length + i))
      fail(c, `axes ${axes} must be the trailing axes`);
    const s = (name: string, dflt: string) => {
      const a = c.attrs[name];
      return a && 's' in a ? a.s : dflt;
    };
    return [
      op.resize(x, {
        sizes,
        mode: s('mode', 'nearest') as 'nearest' | 'linear' | 'cubic',
        coordinateTransformationMode: s('coordinate_transformation_mode', 'half_pixel') as 'half_pixel',
        cubicCoeffA: attrFloat(c.attrs, 'cubic_coeff_a', -0.75),
        antialias: attrInt(c.attrs, 'antialias', 0) === 1,
        nearestMode: s('nearest_mode', 'round_prefer_floor') as 'floor',
      }),
    ];
  },
  ConstantOfShape: (c) => {
    const { value, dtype } = constantValue(c);
    const s = shapeOperand(c, 0);
    const result: Shape = 'like' in s ? s.like.shape : s.values;
    return [op.constantOfShape(input(c, 0), value, c.computeType(dtype), result)];
  },
  ReduceSum: reduceImporter(op.reduceSum),
  ReduceMean: reduceImporter(op.reduceMean),
  ReduceMax: reduceImporter(op.reduceMax),
  ReduceMin: reduceImporter(op.reduceMin),
  ReduceSumSquare: reduceImporter(op.reduceSumSquare),
  ReduceL2: reduceImporter(op.reduceL2),
  ArgMax: (c) => [
    op.argMax(
      input(c, 0),
      attrInt(c.attrs, 'axis', 0),
      attrInt(c.attrs, 'keepdims', 1) === 1,
      attrInt(c.attrs, 'select_last_index', 0) === 1,
    ),
  ],
  Softmax: (c) => [op.softmax(input(c, 0), attrInt(c.attrs, 'axis', -1))],
  LayerNormalization: (c) => {
    if (c.outputCount > 1) fail(c, 'the Mean/InvStdDev outputs are not supported');
    return [
      op.layerNormalization(
        input(c, 0),
        input(c, 1),
        c.inputs[2],
        attrInt(c.attrs, 'axis', -1),
        attrFloat(c.attrs, 'epsilon', 1e-5),
      ),
    ];
  },
};
