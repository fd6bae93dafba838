import { batchNormAffine, foldConvBatchNorm, squeezeExcitation, type BatchNormParams } from '@styleclip/nn';
import {
  add,
  conv,
  GraphBuildError,
  mul,
  prelu,
  slice,
  type Graph,
  type Tensor,
} from '@styleclip/onnx-graph';
import { param, weight, type WeightMap } from '../weights';
import { irseUnits, type IrSeConfig, type IrSeUnit } from './config';

/** Eval-mode BatchNorm parameters under `prefix` (torch names; eps 1e-5 as every IR-SE BatchNorm). */
export function batchNormAt(
  weights: WeightMap,
  prefix: string,
  channels: number,
  what: string,
): BatchNormParams {
  const get = (p: string) => weight(weights, `${prefix}.${p}`, [channels], what).data;
  return {
    weight: get('weight'),
    bias: get('bias'),
    runningMean: get('running_mean'),
    runningVar: get('running_var'),
  };
}

/** The running network: call it on a tensor; `taps` lists body units whose outputs to return too. */
export interface IrSeNetwork {
  readonly config: IrSeConfig;
  /** input_layer then every body unit: [N,3,H,W] → [N,C,H/16,W/16]; `taps[i]` = output of body unit i. */
  (x: Tensor, o?: { taps?: readonly number[] }): { output: Tensor; taps: Map<number, Tensor> };
}

/**
 * The IR-SE backbone (`input_layer` + `body`) as a reusable subgraph: parameters are registered once in `g`
 * (under the current scope, named by checkpoint keys), so calling the network twice (an edited and a target
 * image) shares them. BatchNorms that follow a conv are folded into it (`<conv>.bn_folded` weight and bias);
 * the residual's leading BatchNorm precedes a zero-padded conv, so it stays a per-channel affine.
 */
export function irseNetwork(
  g: Graph,
  weights: WeightMap,
  c: IrSeConfig,
  what = 'IR-SE backbone',
): IrSeNetwork {
  const folded = (convKey: string, bnPrefix: string, shape: number[]) => {
    const w = weight(weights, convKey, shape, what);
    const f = foldConvBatchNorm({ weight: w.data, shape }, batchNormAt(weights, bnPrefix, shape[0]!, what));
    return {
      weight: g.initializer(`${convKey}.bn_folded`, f.weight, shape),
      bias: g.initializer(`${convKey}.bn_folded_bias`, f.bias, [shape[0]!]),
    };
  };
  // The residual's leading BatchNorm as x·scale + shift, [C,1,1] each.
  const affine = (prefix: string, ch: number) => {
    const { scale, shift } = batchNormAffine(batchNormAt(weights, prefix, ch, what));
    return {
      scale: g.initializer(`${prefix}.bn_scale`, scale, [ch, 1, 1]),
      shift: g.initializer(`${prefix}.bn_shift`, shift, [ch, 1, 1]),
    };
  };
  // PReLU slopes [C] broadcast as [C,1,1] over NCHW.
  const slope = (key: string, ch: number) =>
    g.initializer(key, weight(weights, key, [ch], what).data, [ch, 1, 1]);

  const stem = {
    conv: folded('input_layer.0.weight', 'input_layer.1', [c.stemWidth, 3, 3, 3]),
    slope: slope('input_layer.2.weight', c.stemWidth),
  };
  const units = irseUnits(c).map((u) => {
    const p = `body.${u.index}`;
    return {
      unit: u,
      shortcut:
        u.shortcut === 'conv'
          ? folded(`${p}.shortcut_layer.0.weight`, `${p}.shortcut_layer.1`, [u.depth, u.inChannels, 1, 1])
          : undefined,
      bn: affine(`${p}.res_layer.0`, u.inChannels),
      conv1: param(g, weights, `${p}.res_layer.1.weight`, [u.depth, u.inChannels, 3, 3], what),
      slope: slope(`${p}.res_layer.2.weight`, u.depth),
      conv2: folded(`${p}.res_layer.3.weight`, `${p}.res_layer.4`, [u.depth, u.depth, 3, 3]),
      se: {
        fc1: param(g, weights, `${p}.res_layer.5.fc1.weight`, [u.seHidden, u.depth, 1, 1], what),
        fc2: param(g, weights, `${p}.res_layer.5.fc2.weight`, [u.depth, u.seHidden, 1, 1], what),
      },
    };
  });
  const pad1 = { pads: [1, 1, 1, 1] };

  const bottleneck = (x: Tensor, p: (typeof units)[number]): Tensor => {
    const { stride } = p.unit;
    let shortcut = x;
    if (p.shortcut) shortcut = conv(x, p.shortcut.weight, p.shortcut.bias, { strides: [stride, stride] });
    else if (stride > 1) shortcut = subsample(x, stride, p.unit);
    let r = add(mul(x, p.bn.scale), p.bn.shift);
    r = prelu(conv(r, p.conv1, undefined, pad1), p.slope);
    r = conv(r, p.conv2.weight, p.conv2.bias, { ...pad1, strides: [stride, stride] });
    // No activation after the sum.
    return add(squeezeExcitation(r, p.se), shortcut);
  };

  const network = (x: Tensor, o: { taps?: readonly number[] } = {}) => {
    if (x.rank !== 4 || x.shape[1] !== 3) {
      throw new GraphBuildError(`${what}: input ${x.name} must be [N,3,H,W], got [${x.shape.join(',')}]`);
    }
    const taps = new Map<number, Tensor>();
    let h = prelu(conv(x, stem.conv.weight, stem.conv.bias, pad1), stem.slope);
    for (const p of units) {
      h = g.scope(`body.${p.unit.index}`, () => bottleneck(h, p));
      if (o.taps?.includes(p.unit.index)) taps.set(p.unit.index, h);
    }
    for (const t of o.taps ?? []) {
      if (!taps.has(t))
        throw new GraphBuildError(`${what}: no body unit ${t} to tap (it has ${units.length})`);
    }
    return { output: h, taps };
  };
  return Object.assign(network, { config: c });
}

/** `MaxPool2d(kernel 1, stride)`: every stride-th row and column, i.e. a strided slice (it has a gradient rule). */
function subsample(x: Tensor, stride: number, unit: IrSeUnit): Tensor {
  const [h, w] = [x.shape[2], x.shape[3]];
  if (typeof h !== 'number' || typeof w !== 'number') {
    throw new GraphBuildError(
      `IR-SE unit ${unit.index}: subsampling needs static H and W, got [${x.shape.join(',')}]`,
    );
  }
  return slice(x, [0, 0], [h, w], [2, 3], [stride, stride]);
}
