import { typedArrayOf, type AnyTypedArray, type DType } from './dtype';
import { GraphBuildError } from './errors';
import { formatShape, numel, sameShape, type Shape } from './shape';
import { Tensor } from './tensor';

/** A node attribute, tagged by its ONNX attribute type. */
export type Attr =
  | { i: number }
  | { f: number }
  | { s: string }
  | { ints: readonly number[] }
  | { floats: readonly number[] }
  | { t: { dtype: DType; dims: readonly number[]; data: AnyTypedArray } };

export interface GraphNode {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  /** Inputs in ONNX order; `undefined` stands for an omitted optional input. */
  readonly inputs: readonly (Tensor | undefined)[];
  readonly outputs: readonly Tensor[];
  readonly attrs: Readonly<Record<string, Attr>>;
  /** Set on stop-gradient nodes: reverse mode treats the output as a constant. */
  readonly stopGradient: boolean;
}

export interface Initializer {
  readonly tensor: Tensor;
  readonly data: AnyTypedArray;
}

export interface OutputSpec {
  dtype: DType;
  shape: Shape;
}

/**
 * A graph under construction. Ops (see `ops/`) append nodes; each returns typed tensor handles whose shapes
 * are inferred at build time, so a wrong shape fails here, naming the op and the shapes, not at run time.
 */
export class Graph {
  readonly inputs: Tensor[] = [];
  readonly outputs: Tensor[] = [];
  readonly nodes: GraphNode[] = [];
  readonly initializers: Initializer[] = [];
  private readonly names = new Set<string>();
  private readonly byName = new Map<string, Initializer>();
  private readonly byData = new Map<AnyTypedArray, Initializer[]>();
  private readonly constants = new Map<string, Tensor>();
  private readonly scopes: string[] = [];
  private counter = 0;

  constructor(readonly name = 'graph') {}

  /** Runs `fn` with `name` appended to the scope, so names read like checkpoint keys (`style.1.weight`). */
  scope<T>(name: string | number, fn: () => T): T {
    this.scopes.push(String(name));
    try {
      return fn();
    } finally {
      this.scopes.pop();
    }
  }

  /** The current scope prefix joined with `name`. */
  scoped(name: string): string {
    return [...this.scopes, name].join('.');
  }

  input(name: string, dtype: DType, shape: Shape): Tensor {
    this.claim(name, 'input');
    const t = new Tensor(this, name, dtype, [...shape], 'input');
    this.inputs.push(t);
    return t;
  }

  /**
   * A weight from a typed array. The array is referenced, never copied; passing the same array (same dtype
   * and shape) again returns the same initializer, so weights are shared.
   */
  initializer(name: string, data: AnyTypedArray, shape: readonly number[], dtype?: DType): Tensor {
    const dt = dtype ?? dtypeOfArray(data);
    const n = numel(shape)!;
    if (data.length !== n) {
      throw new GraphBuildError(
        `initializer ${this.scoped(name)}: ${data.length} values for shape ${formatShape(shape)} (${n})`,
      );
    }
    const existing = this.byData
      .get(data)
      ?.find((i) => i.tensor.dtype === dt && sameShape(i.tensor.shape, shape));
    if (existing) return existing.tensor;
    const full = this.scoped(name);
    this.claim(full, 'initializer');
    const tensor = new Tensor(this, full, dt, [...shape], 'initializer');
    const init = { tensor, data };
    this.initializers.push(init);
    this.byName.set(full, init);
    this.byData.set(data, [...(this.byData.get(data) ?? []), init]);
    return tensor;
  }

  /** A small constant, shared by value. Scalars have shape [] unless `shape` says otherwise. */
  constant(values: number | readonly number[], dtype: DType = 'float32', shape?: readonly number[]): Tensor {
    const list = typeof values === 'number' ? [values] : values;
    const dims = shape ?? (typeof values === 'number' ? [] : [list.length]);
    const key = `${dtype}|${dims.join(',')}|${list.join(',')}`;
    const cached = this.constants.get(key);
    if (cached) return cached;
    const name = this.uniqueName('const');
    this.claim(name, 'initializer');
    const tensor = new Tensor(this, name, dtype, [...dims], 'initializer');
    const init = { tensor, data: typedArrayOf(dtype, list) };
    this.initializers.push(init);
    this.byName.set(name, init);
    this.constants.set(key, tensor);
    return tensor;
  }

  /** Appends a node. Ops call this after checking shapes; `outputs` are the inferred output types. */
  addNode(
    opType: string,
    inputs: readonly (Tensor | undefined)[],
    attrs: Record<string, Attr>,
    outputs: readonly OutputSpec[],
    options: { stopGradient?: boolean } = {},
  ): Tensor[] {
    for (const t of inputs) {
      if (t && t.graph !== this)
        throw new GraphBuildError(`${opType}: input ${t.name} belongs to another graph`);
    }
    const name = this.uniqueName(opType);
    const outs = outputs.map((o, i) => {
      const outName = outputs.length === 1 ? name : `${name}:${i}`;
      this.claim(outName, 'node output');
      return new Tensor(this, outName, o.dtype, [...o.shape], 'node');
    });
    const node: GraphNode = {
      name,
      opType,
      domain: '',
      inputs: [...inputs],
      outputs: outs,
      attrs,
      stopGradient: options.stopGradient ?? false,
    };
    this.nodes.push(node);
    return outs;
  }

  /** Marks `tensor` as a graph output, under `name` (an Identity is added when the name differs). */
  output(tensor: Tensor, name?: string): Tensor {
    let out = tensor;
    if (name !== undefined && name !== tensor.name) {
      this.claim(name, 'output');
      const node: GraphNode = {
        name: `${name}/Identity`,
        opType: 'Identity',
        domain: '',
        inputs: [tensor],
        outputs: [(out = new Tensor(this, name, tensor.dtype, tensor.shape, 'node'))],
        attrs: {},
        stopGradient: false,
      };
      this.nodes.push(node);
    }
    this.outputs.push(out);
    return out;
  }

  /** The data of an initializer (or shared constant), or undefined for other tensors. */
  initializerData(t: Tensor): AnyTypedArray | undefined {
    return this.byName.get(t.name)?.data;
  }

  /** Values of a constant int/float initializer as numbers (for rules that need constant op inputs). */
  constantValues(t: Tensor): number[] {
    const data = this.initializerData(t);
    if (!data) throw new GraphBuildError(`${t.name} is not a constant`);
    return Array.from(data as ArrayLike<number | bigint>, Number);
  }

  /** The nodes the outputs depend on, in graph order, and every tensor they read or write. */
  liveNodes(): { nodes: GraphNode[]; tensors: Set<string> } {
    const tensors = new Set<string>(this.outputs.map((o) => o.name));
    const nodes: GraphNode[] = [];
    for (let k = this.nodes.length - 1; k >= 0; k--) {
      const n = this.nodes[k]!;
      if (!n.outputs.some((o) => tensors.has(o.name))) continue;
      nodes.push(n);
      for (const i of n.inputs) if (i) tensors.add(i.name);
    }
    return { nodes: nodes.reverse(), tensors };
  }

  /** Whether `name` (a full, scoped name) is already taken by an input, initializer, node output or output. */
  has(name: string): boolean {
    return this.names.has(name);
  }

  private uniqueName(base: string): string {
    let name: string;
    do name = this.scoped(`${base}_${this.counter++}`);
    while (this.names.has(name));
    return name;
  }

  private claim(name: string, what: string): void {
    if (this.names.has(name))
      throw new GraphBuildError(`${what} name ${name} is already used in ${this.name}`);
    this.names.add(name);
  }
}

function dtypeOfArray(data: AnyTypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint16Array) return 'float16';
  return 'uint8';
}
