import { attrInt, attrInts } from '../../attrs';
import { GraphBuildError } from '../../errors';
import { div } from '../../ops/elementwise';
import { conv, convTranspose } from '../../ops/conv';
import { reduceSum } from '../../ops/reduce';
import { expandAs, slice, transpose } from '../../ops/shape-ops';
import type { Tensor } from '../../tensor';
import { registerGradient, unsupported, type GradContext } from '../registry';

type ConvAttrs = ReturnType<typeof convAttrs>;

function convAttrs(c: GradContext) {
  const at = c.node.attrs;
  return {
    strides: attrInts(at, 'strides'),
    pads: attrInts(at, 'pads'),
    dilations: attrInts(at, 'dilations'),
    group: attrInt(at, 'group', 1),
  };
}

function staticSpatial(c: GradContext, t: Tensor): number[] {
  const dims = t.shape.slice(2);
  if (!dims.every((d): d is number => typeof d === 'number')) {
    unsupported(c, `symbolic spatial dims of ${t.name}`);
  }
  return dims;
}

/**
 * The weight gradient of a group-1 (transposed) conv: treat the batch as the channel axis and correlate
 * `input`ᵀ with `output`ᵀ, strides and dilations swapped, then trim to the kernel. Conv passes (x, dy);
 * ConvTranspose, its mirror image, passes (dy, x).
 */
function weightGradient(c: GradContext, a: ConvAttrs, input: Tensor, output: Tensor, what: string): Tensor {
  if (a.group !== 1) unsupported(c, what);
  const kernel = c.inputs[1]!.shape.slice(2) as number[];
  const perm = [1, 0, ...kernel.map((_, i) => i + 2)];
  const full = conv(transpose(input, perm), transpose(output, perm), undefined, {
    strides: a.dilations,
    dilations: a.strides,
    pads: a.pads,
  });
  return transpose(
    slice(
      full,
      kernel.map(() => 0),
      kernel,
      kernel.map((_, i) => i + 2),
    ),
    perm,
  );
}

/** The bias gradient (input 2, when present and needed): dy summed over the batch and spatial axes. */
function biasGradient(c: GradContext, gy: Tensor): Tensor | undefined {
  if (!c.inputs[2] || !c.needsGrad[2]) return undefined;
  return reduceSum(gy, [0, ...Array.from({ length: gy.rank - 2 }, (_, i) => i + 2)]);
}

/** Conv: dx is the transposed conv of dy; dw correlates x with dy (group 1); db sums dy. */
registerGradient('Conv', (c) => {
  const [x, w] = c.inputs;
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
      (h, i) =>
        h -
        (a.strides[i]! * (outSp[i]! - 1) +
          (kernel[i]! - 1) * a.dilations[i]! +
          1 -
          a.pads[i]! -
          a.pads[i + n]!),
    );
    gx = convTranspose(gy, w!, undefined, { ...a, outputPadding });
  }
  const gw = c.needsGrad[1] ? weightGradient(c, a, x!, gy, 'the weight of a grouped conv') : undefined;
  return [gx, gw, biasGradient(c, gy)];
});

/** ConvTranspose: dx is the forward conv of dy with the same weight; dw correlates dy with x (group 1). */
registerGradient('ConvTranspose', (c) => {
  const [x, w] = c.inputs;
  const gy = c.gradOutputs[0]!;
  const a = convAttrs(c);
  const gx = c.needsGrad[0] ? conv(gy, w!, undefined, a) : undefined;
  // dy plays the input, x the output gradient.
  const gw = c.needsGrad[1]
    ? weightGradient(c, a, gy, x!, 'the weight of a grouped transposed conv')
    : undefined;
  return [gx, gw, biasGradient(c, gy)];
});

registerGradient('GlobalAveragePool', (c) => {
  const x = c.inputs[0]!;
  const area = staticSpatial(c, x).reduce((p, d) => p * d, 1);
  return [expandAs(div(c.gradOutputs[0]!, area), x)];
});

registerGradient('AveragePool', (c) => {
  const x = c.inputs[0]!;
  const at = c.node.attrs;
  const kernel = attrInts(at, 'kernel_shape');
  const strides = attrInts(at, 'strides');
  const pads = attrInts(at, 'pads');
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
  if (outputPadding.some((p) => p < 0))
    throw new GraphBuildError('AveragePool gradient: inconsistent shapes');
  return [convTranspose(c.gradOutputs[0]!, w, undefined, { strides, group: channels, outputPadding })];
});
