import { GraphBuildError } from '../errors';
import type { Graph, GraphNode } from '../graph';
import { add } from '../ops/elementwise';
import { zerosLike } from '../ops/shape-ops';
import { numel, formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { gradientRule } from './registry';
import './rules';

export interface GradientsOptions {
  /** For an input the loss does not depend on: 'zeros' (default) returns zeros, 'error' fails. */
  unreachable?: 'zeros' | 'error';
}

/**
 * Reverse mode: appends to the graph the vector–Jacobian products of a scalar `loss` and returns one
 * gradient tensor per tensor in `wrt` (graph inputs, initializers or intermediates). Only tensors on a path
 * from `wrt` to `loss` are differentiated; fan-out is accumulated; `stopGradient` outputs are constants.
 */
export function gradients(loss: Tensor, wrt: readonly Tensor[], o: GradientsOptions = {}): Tensor[] {
  const g: Graph = loss.graph;
  if (numel(loss.shape) !== 1) {
    throw new GraphBuildError(`gradients: loss must be a scalar, got ${loss.name}${formatShape(loss.shape)}`);
  }
  for (const w of wrt) {
    if (w.graph !== g) throw new GraphBuildError(`gradients: ${w.name} belongs to another graph`);
  }

  // Forward: which tensors depend on some wrt tensor.
  const depends = new Set(wrt.map((w) => w.name));
  const onPath: GraphNode[] = [];
  for (const node of g.nodes) {
    if (node.stopGradient) continue;
    if (node.inputs.some((i) => i && depends.has(i.name))) {
      onPath.push(node);
      for (const out of node.outputs) depends.add(out.name);
    }
  }

  const grads = new Map<string, Tensor>();
  const accumulate = (t: Tensor, grad: Tensor) => {
    if (
      grad.shape.length !== t.shape.length ||
      grad.shape.some((d, i) => d !== t.shape[i] && typeof d === 'number' && typeof t.shape[i] === 'number')
    ) {
      throw new GraphBuildError(
        `gradients: rule produced ${formatShape(grad.shape)} for ${t.name}${formatShape(t.shape)}`,
      );
    }
    const prev = grads.get(t.name);
    grads.set(t.name, prev ? add(prev, grad) : grad);
  };
  if (depends.has(loss.name)) accumulate(loss, g.constant(1, loss.dtype, loss.shape as number[]));

  for (let k = onPath.length - 1; k >= 0; k--) {
    const node = onPath[k]!;
    const gradOutputs = node.outputs.map((out) => grads.get(out.name));
    if (gradOutputs.every((x) => x === undefined)) continue;
    const needsGrad = node.inputs.map((i) => i !== undefined && depends.has(i.name));
    const inputGrads = gradientRule(node)({
      node,
      inputs: node.inputs,
      outputs: node.outputs,
      gradOutputs,
      needsGrad,
    });
    node.inputs.forEach((input, i) => {
      const gi = inputGrads[i];
      if (input && needsGrad[i] && gi) accumulate(input, gi);
    });
  }

  return wrt.map((w) => {
    const gw = grads.get(w.name);
    if (gw) return gw;
    if (o.unreachable === 'error')
      throw new GraphBuildError(`gradients: ${loss.name} does not depend on ${w.name}`);
    return zerosLike(w);
  });
}
