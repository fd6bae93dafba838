import { isFloat, type DType } from '../dtype';
import { GraphBuildError } from '../errors';
import type { Graph } from '../graph';
import { cast } from '../ops/elementwise';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { OP_IMPORTERS, type ImportContext } from './op-importers';
import { readOnnxModel, type OnnxModel, type OnnxTensor } from './onnx-reader';

export interface ImportOnnxOptions {
  /** The tensors of the target graph that feed the model's inputs, by input name (every input is required). */
  inputs: Readonly<Record<string, Tensor>>;
  /**
   * Prefix of the imported initializer names, so two imported models cannot clash (default: the model's
   * name and a slash). Importing the same parsed model twice shares its weights.
   */
  prefix?: string;
  /**
   * `'float64'`: compute the model in double precision. Its float inputs are fed float64 tensors, its float
   * weights are read as stored (float32 or float16) and cast to float64 where used (exact; an embedding
   * table is gathered first, so only the rows read are widened), its Casts to a float type cast to float64,
   * and its float outputs are float64. For values computed once whose float32 rounding would otherwise bias
   * every later step the same way (e.g. the prompt's CLIP embedding in an optimization).
   */
  precision?: 'float64';
}

/**
 * Appends an ONNX model (bytes or a parsed `OnnxModel`) to graph `g`, fed by `inputs`, and returns its outputs
 * by name. Every node goes through the builder's own op function, so shapes are inferred and checked as when
 * the model was built, and `gradients()` can differentiate through it: a model file written by this toolkit
 * becomes part of a loss graph. Only the default ONNX domain and the ops the builder emits are supported;
 * anything else fails naming the node.
 */
export function importOnnx(
  g: Graph,
  source: Uint8Array | OnnxModel,
  o: ImportOnnxOptions,
): Record<string, Tensor> {
  const model = source instanceof Uint8Array ? readOnnxModel(source) : source;
  const prefix = o.prefix ?? `${model.name}/`;
  const values = new Map<string, Tensor>();
  const shapeSources = new Map<string, Tensor>();
  const pending = new Map<string, OnnxTensor>(model.initializers.map((t) => [t.name, t]));
  const widen = o.precision === 'float64';
  /** In float64 mode: the model's float dtype → float64. */
  const computeType = (d: DType): DType => (widen && isFloat(d) ? 'float64' : d);
  /** In float64 mode: the stored initializer behind each widened (Cast) weight. */
  const storedOf = new Map<Tensor, Tensor>();

  for (const info of model.inputs) {
    if (pending.has(info.name)) continue;
    const t = o.inputs[info.name];
    if (!t)
      throw new GraphBuildError(`import ${model.name}: input ${info.name} is not fed (give it in inputs)`);
    const rankOk = t.rank === info.shape.length;
    const dimsOk =
      rankOk &&
      info.shape.every((d, i) => typeof d !== 'number' || typeof t.shape[i] !== 'number' || d === t.shape[i]);
    if (t.dtype !== computeType(info.dtype) || !dimsOk) {
      throw new GraphBuildError(
        `import ${model.name}: input ${info.name} is ${computeType(info.dtype)}${formatShape(info.shape)}, fed ${t.dtype}${formatShape(t.shape)}`,
      );
    }
    values.set(info.name, t);
  }
  for (const name of Object.keys(o.inputs)) {
    if (!values.has(name)) throw new GraphBuildError(`import ${model.name}: the model has no input ${name}`);
  }

  const resolve = (name: string, node: string): Tensor | undefined => {
    if (name === '') return undefined;
    const known = values.get(name);
    if (known) return known;
    const init = pending.get(name);
    if (!init)
      throw new GraphBuildError(`import ${model.name}: node ${node} reads ${name}, which nothing produces`);
    const full = `${prefix}${name}`;
    const stored = g.initializer(full, init.data, init.dims, init.dtype);
    const t = computeType(stored.dtype) !== stored.dtype ? cast(stored, computeType(stored.dtype)) : stored;
    if (t !== stored) storedOf.set(t, stored);
    values.set(name, t);
    return t;
  };

  for (const node of model.nodes) {
    if (node.domain !== '' && node.domain !== 'ai.onnx') {
      throw new GraphBuildError(
        `import ${model.name}: node ${node.name} is in domain ${node.domain}; only the default domain is supported`,
      );
    }
    const importer = OP_IMPORTERS[node.opType];
    if (!importer)
      throw new GraphBuildError(
        `import ${model.name}: op ${node.opType} (node ${node.name}) is not supported`,
      );
    const inputs = node.inputs.map((name) => resolve(name, node.name));
    const ctx: ImportContext = {
      graph: g,
      opType: node.opType,
      nodeName: node.name,
      attrs: node.attrs,
      inputs,
      outputCount: node.outputs.length,
      shapeSourceOf: (i) => shapeSources.get(node.inputs[i] ?? ''),
      computeType,
      storedOf: (t) => storedOf.get(t),
    };
    const outs = importer(ctx);
    node.outputs.forEach((name, i) => {
      if (name === '') return;
      const t = outs[i];
      if (!t)
        throw new GraphBuildError(
          `import ${model.name}: node ${node.name} (${node.opType}) has no output ${i}`,
        );
      values.set(name, t);
    });
    if (node.opType === 'Shape') shapeSources.set(node.outputs[0]!, inputs[0]!);
  }

  const result: Record<string, Tensor> = {};
  for (const out of model.outputs) {
    const t = values.get(out.name) ?? resolve(out.name, 'graph output');
    if (!t) throw new GraphBuildError(`import ${model.name}: output ${out.name} is not produced`);
    result[out.name] = t;
  }
  return result;
}
