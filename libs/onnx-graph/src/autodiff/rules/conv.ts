import { GraphBuildError } from '../../errors';
import type { Attr } from '../../graph';
import { div } from '../../ops/elementwise';
import { conv, convTranspose } from '../../ops/conv';
import { reduceSum } from '../../ops/reduce';
import { expandAs, slice, transpose } from '../../ops/shape-ops';
import type { Tensor } from '../../tensor';
import { registerGradient, unsupported, type GradContext } from '../registry';

const ints = (a: Attr | undefined): number[] => (a && 'ints' in a ? [...a.ints] : []);
const int = (a: Attr | undefined, d: number): number => (a && 'i' in a ? a.i : d);

function convAttrs(c: GradContext) {
  const at = c.node.attrs;
  return {
    strides: ints(at['strides']),
    pads: ints(at['pads']),
    dilations: ints(at['dilations']),
    group: int(at['group'], 1),
  };
}

function staticSpatial(c: GradContext, t: Tensor): number[] {
  const dims = t.shape.slice(2);
  if (!dims.every((d): d is number => typeof d === 'number')) {
    unsupported(c, `symbolic spatial dims of ${t.name}`);
  }
  return dims;
}

/** Conv: dx is the transposed conv of dy; dw correlates x with dy (group 1); db sums dy. */
registerGradient('Conv', (c) => {
  const [x, w, b] = c.inputs;
  const gy = c.gradOutputs[0]!;
  const a = convAttrs(c);
  const n = x!.rank - 2;
  const kernel = w!.shape.slice(2) as number[];
  let gx: Tensor | undefined;
  if (c.needsGrad[0]) {
    const inSp = staticSpatial(c, x!);
    const outSp = staticSpatial(c, gy);
    // output_padding recovers input rows that the forward stride skipped.
    const outputPadding = inSp.map(
      (h, i) => h - (a.strides[i]! * (outSp[i]! - 1) + (kernel[i]! - 1) * a.dilations[i]! + 1 - a.pads[i]! - a.pads[i + n]!),
    );
    gx = convTranspose(gy, w!, undefined, { ...a, outputPadding });
  }
  let gw: Tensor | undefined;
  if (c.needsGrad[1]) {
    if (a.group !== 1) unsupported(c, 'the weight of a grouped conv');
    // Treat the batch as the channel axis: corr(xᵀ, dyᵀ) with strides and dilations swapped.
    const perm = [1, 0, ...Array.from({ length: n }, (_, i) => i + 2)];
    const full = conv(transpose(x!, perm), transpose(gy, perm), undefined, {
      strides: a.dilations,
      dilations: a.strides,
      pads: a.pads,
    });
    const trimmed = slice(full, kernel.map(() => 0), kernel, kernel.map((_, i) => i + 2));
    gw = transpose(trimmed, perm);
  }
  const gb = b && c.needsGrad[2] ? reduceSum(gy, [0, ...Array.from({ length: n }, (_, i) => i + 2)]) : undefined;
  return [gx, gw, gb];
});

/** ConvTranspose: dx is the forward conv of dy with the same weight; dw correlates dy with x (group 1). */
registerGradient('ConvTranspose', (c) => {
  const [x, w, b] = c.inputs;
  const gy = c.gradOutputs[0]!;
  const a = convAttrs(c);
  const n = gy.rank - 2;
  const gx = c.needsGrad[0] ? conv(gy, w!, undefined, a) : undefined;
  let gw: Tensor | undefined;
  if (c.needsGrad[1]) {
    if (a.group !== 1) unsupported(c, 'the weight of a grouped transposed conv');
    // The mirror image of Conv's weight gradient: dy plays the input, x the output gradient.
    const kernel = w!.shape.slice(2) as number[];
    const perm = [1, 0, ...Array.from({ length: n }, (_, i) => i + 2)];
    const full = conv(transpose(gy, perm), transpose(x!, perm), undefined, {
      strides: a.dilations,
      dilations: a.strides,
      pads: a.pads,
    });
    gw = transpose(slice(full, kernel.map(() => 0), kernel, kernel.map((_, i) => i + 2)), perm);
  }
  const gb = b && c.needsGrad[2] ? reduceSum(gy, [0, ...Array.from({ length: n }, (_, i) => i + 2)]) : undefined;
  return [gx, gw, gb];
});

registerGradient('GlobalAveragePool', (c) => {
  const x = c.inputs[0]!;
  const area = staticSpatial(c, x).reduce((p, d) => p * d, 1);
  return [expandAs(div(c.gradOutputs[0]!, area), x)];
});

registerGradient('AveragePool', (c) => {
  const x = c.inputs[0]!;
  const at = c.node.attrs;
  const kernel = ints(at['kernel_shape']);
  const strides = ints(at['strides']);
  const pads = ints(at['pads']);
  if (pads.some((p) => p !== 0)) unsupported(c, 'padded average pooling');
  const channels = x.shape[1];
  if (typeof channels !== 'number') unsupported(c, 'a symbolic channel count');
  // Spread each output's gradient evenly over its window: a depthwise transposed conv with 1/|window|.
  const size = kernel.reduce((p, k) => p * k, 1);
  const weight = new Float32Array(channels * size).fill(1 / size);
  const w = x.graph.initializer(`${c.node.name}.grad_kernel`, weight, [channels, 1, ...kernel]);
  const inSp = staticSpatial(c, x);
  const outSp = staticSpatial(c, c.gradOutputs[0]!);
  const outputPadding = inSp.map((h, i) => h - (strides[i]! * (outSp[i]! - 1) + kernel[i]!));
  if (outputPadding.some((p) => p < 0)) throw new GraphBuildError('AveragePool gradient: inconsistent shapes');
  return [convTranspose(c.gradOutputs[0]!, w, undefined, { strides, group: channels, outputPadding })];
});
