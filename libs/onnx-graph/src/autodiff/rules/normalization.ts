import { attrFloat, attrInt } from '../../attrs';
import { add, div, mul, sqrt, sub } from '../../ops/elementwise';
import { reduceMean, reduceSum } from '../../ops/reduce';
import type { Tensor } from '../../tensor';
import { sumToShape } from '../broadcast';
import { registerGradient } from '../registry';

registerGradient('Softmax', (c) => {
  const axis = attrInt(c.node.attrs, 'axis', -1);
  const y = c.outputs[0]!;
  const gy = c.gradOutputs[0]!;
  return [mul(y, sub(gy, reduceSum(mul(gy, y), [axis], true)))];
});

/** LayerNormalization, recomputing mean and 1/σ from x (the fused op does not expose them). */
registerGradient('LayerNormalization', (c) => {
  const [x, scale, bias] = c.inputs as [Tensor, Tensor, Tensor | undefined];
  const gy = c.gradOutputs[0]!;
  const axis = attrInt(c.node.attrs, 'axis', -1);
  const eps = attrFloat(c.node.attrs, 'epsilon', 1e-5);
  const a = axis < 0 ? axis + x.rank : axis;
  const axes = Array.from({ length: x.rank - a }, (_, i) => a + i);
  const mu = reduceMean(x, axes, true);
  const centered = sub(x, mu);
  const sigma = sqrt(add(reduceMean(mul(centered, centered), axes, true), eps));
  const xhat = div(centered, sigma);
  const gxhat = mul(gy, scale);
  const gx = c.needsGrad[0]
    ? div(
        sub(sub(gxhat, reduceMean(gxhat, axes, true)), mul(xhat, reduceMean(mul(gxhat, xhat), axes, true))),
        sigma,
      )
    : undefined;
  const gscale = c.needsGrad[1] ? sumToShape(mul(gy, xhat), scale) : undefined;
  const gbias = bias && c.needsGrad[2] ? sumToShape(gy, bias) : undefined;
  return [gx, gscale, gbias];
});
