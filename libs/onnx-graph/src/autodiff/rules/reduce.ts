import { attrInt } from '../../attrs';
import { cast, div, equal, mul, where } from '../../ops/elementwise';
import { expandAs, gather, shapeOf, unsqueeze } from '../../ops/shape-ops';
import type { Tensor } from '../../tensor';
import { registerGradient, type GradContext } from '../registry';

function reducedAxes(c: GradContext): number[] {
  const axesInput = c.inputs[1];
  const x = c.inputs[0]!;
  return axesInput ? x.graph.constantValues(axesInput) : x.shape.map((_, i) => i);
}

/** dy broadcast back over the reduced axes, to x's shape. */
function spread(c: GradContext, t: Tensor): Tensor {
  const keep = attrInt(c.node.attrs, 'keepdims', 1) === 1;
  const x = c.inputs[0]!;
  const restored = keep ? t : unsqueeze(t, reducedAxes(c).map((a) => (a < 0 ? a + x.rank : a)));
  return expandAs(restored, x);
}

/** How many values each mean averages: a number, times the run-time sizes of symbolic axes (e.g. the batch). */
function count(c: GradContext): Tensor | number {
  const x = c.inputs[0]!;
  let known = 1;
  let symbolic: Tensor | undefined;
  for (const axis of reducedAxes(c)) {
    const a = axis < 0 ? axis + x.rank : axis;
    const d = x.shape[a]!;
    if (typeof d === 'number') known *= d;
    else {
      const size = cast(gather(shapeOf(x), x.graph.constant(a, 'int64')), x.dtype);
      symbolic = symbolic ? mul(symbolic, size) : size;
    }
  }
  return symbolic ? mul(symbolic, known) : known;
}

registerGradient('ReduceSum', (c) => [spread(c, c.gradOutputs[0]!), undefined]);
registerGradient('ReduceMean', (c) => [spread(c, div(c.gradOutputs[0]!, count(c))), undefined]);
registerGradient('ReduceSumSquare', (c) => [mul(spread(c, c.gradOutputs[0]!), mul(c.inputs[0]!, 2)), undefined]);
registerGradient('ReduceL2', (c) => [
  mul(spread(c, c.gradOutputs[0]!), div(c.inputs[0]!, spread(c, c.outputs[0]!))),
  undefined,
]);
// Every position that attains the max receives the gradient.
for (const op of ['ReduceMax', 'ReduceMin']) {
  registerGradient(op, (c) => {
    const hit = equal(c.inputs[0]!, spread(c, c.outputs[0]!));
    return [where(hit, spread(c, c.gradOutputs[0]!), 0), undefined];
  });
}
