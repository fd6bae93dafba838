import { cast, div, exp, greater, less, log, mul, neg, pow, sign, sub, where } from '../../ops/elementwise';
import { attrFloat } from '../../attrs';
import type { Tensor } from '../../tensor';
import { sumToShape } from '../broadcast';
import { registerGradient, type GradContext } from '../registry';

const x0 = (c: GradContext) => c.inputs[0]!;
const x1 = (c: GradContext) => c.inputs[1]!;
const gy = (c: GradContext) => c.gradOutputs[0]!;
const y = (c: GradContext) => c.outputs[0]!;

/** Binary ops: compute each needed input's gradient on the broadcast shape, then sum back. */
function binaryRule(op: string, da: (c: GradContext) => Tensor, db: (c: GradContext) => Tensor) {
  registerGradient(op, (c) => [
    c.needsGrad[0] ? sumToShape(da(c), x0(c)) : undefined,
    c.needsGrad[1] ? sumToShape(db(c), x1(c)) : undefined,
  ]);
}

binaryRule('Add', gy, gy);
binaryRule('Sub', gy, (c) => neg(gy(c)));
binaryRule(
  'Mul',
  (c) => mul(gy(c), x1(c)),
  (c) => mul(gy(c), x0(c)),
);
binaryRule(
  'Div',
  (c) => div(gy(c), x1(c)),
  (c) => neg(div(mul(gy(c), y(c)), x1(c))),
);
binaryRule(
  'Pow',
  (c) => mul(gy(c), mul(x1(c), pow(x0(c), sub(x1(c), 1)))),
  (c) => mul(gy(c), mul(y(c), log(x0(c)))),
);
// Ties go to the first operand.
binaryRule(
  'Max',
  (c) => where(less(x0(c), x1(c)), 0, gy(c)),
  (c) => where(less(x0(c), x1(c)), gy(c), 0),
);
binaryRule(
  'Min',
  (c) => where(greater(x0(c), x1(c)), 0, gy(c)),
  (c) => where(greater(x0(c), x1(c)), gy(c), 0),
);

const unaryRule = (op: string, f: (c: GradContext) => Tensor) => registerGradient(op, (c) => [f(c)]);

unaryRule('Identity', gy);
unaryRule('Neg', (c) => neg(gy(c)));
unaryRule('Abs', (c) => mul(gy(c), sign(x0(c))));
unaryRule('Sqrt', (c) => div(mul(gy(c), 0.5), y(c)));
unaryRule('Reciprocal', (c) => neg(mul(gy(c), mul(y(c), y(c)))));
unaryRule('Exp', (c) => mul(gy(c), y(c)));
unaryRule('Log', (c) => div(gy(c), x0(c)));
unaryRule('Sigmoid', (c) => mul(gy(c), mul(y(c), sub(1, y(c)))));
unaryRule('Tanh', (c) => mul(gy(c), sub(1, mul(y(c), y(c)))));
unaryRule('Erf', (c) => mul(gy(c), mul(exp(neg(mul(x0(c), x0(c)))), 2 / Math.sqrt(Math.PI))));
unaryRule('Relu', (c) => where(greater(x0(c), 0), gy(c), 0));
unaryRule('LeakyRelu', (c) =>
  where(greater(x0(c), 0), gy(c), mul(gy(c), attrFloat(c.node.attrs, 'alpha', 0.01))),
);
unaryRule('Cast', (c) => cast(gy(c), x0(c).dtype));
// Piecewise-constant ops have zero gradient almost everywhere.
registerGradient('Sign', () => [undefined]);
registerGradient('Floor', () => [undefined]);

registerGradient('PRelu', (c) => {
  const pos = greater(x0(c), 0);
  return [
    c.needsGrad[0] ? where(pos, gy(c), mul(gy(c), x1(c))) : undefined,
    c.needsGrad[1] ? sumToShape(where(pos, 0, mul(gy(c), x0(c))), x1(c)) : undefined,
  ];
});

registerGradient('Clip', (c) => {
  // Gradient flows where x is strictly inside [lo, hi].
  const [x, lo, hi] = c.inputs;
  let g = gy(c);
  if (lo) g = where(greater(x!, lo), g, 0);
  if (hi) g = where(less(x!, hi), g, 0);
  return [g, undefined, undefined];
});

registerGradient('Where', (c) => {
  const cond = c.inputs[0]!;
  return [
    undefined,
    c.needsGrad[1] ? sumToShape(where(cond, gy(c), 0), x1(c)) : undefined,
    c.needsGrad[2] ? sumToShape(where(cond, 0, gy(c)), c.inputs[2]!) : undefined,
  ];
});
