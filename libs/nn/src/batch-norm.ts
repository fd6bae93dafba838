import { add, mul, type Tensor } from '@styleclip/onnx-graph';
import { fail, freshInitializer } from './params';

/** Eval-mode BatchNorm statistics and affine parameters (torch names). */
export interface BatchNormParams {
  weight: Float32Array;
  bias: Float32Array;
  runningMean: Float32Array;
  runningVar: Float32Array;
  /** Default 1e-5. */
  eps?: number;
}

/** Per-channel scale γ/√(var+eps) and shift β − mean·scale of an eval-mode BatchNorm. */
export function batchNormAffine(bn: BatchNormParams): { scale: Float32Array; shift: Float32Array } {
  const c = bn.weight.length;
  if ([bn.bias, bn.runningMean, bn.runningVar].some((a) => a.length !== c)) {
    fail(
      'batchNorm',
      `weight/bias/runningMean/runningVar lengths differ (${c}, ${bn.bias.length}, ${bn.runningMean.length}, ${bn.runningVar.length})`,
    );
  }
  const eps = bn.eps ?? 1e-5;
  const scale = new Float32Array(c);
  const shift = new Float32Array(c);
  for (let i = 0; i < c; i++) {
    const s = bn.weight[i]! / Math.sqrt(bn.runningVar[i]! + eps);
    scale[i] = s;
    shift[i] = bn.bias[i]! - bn.runningMean[i]! * s;
  }
  return { scale, shift };
}

/**
 * Folds an eval-mode BatchNorm into the conv before it (pure TypeScript): weight [Cout, …]·scale[o] and
 * bias (b − mean)·scale + β (b = 0 when the conv has none).
 */
export function foldConvBatchNorm(
  conv: { weight: Float32Array; shape: number[]; bias?: Float32Array },
  bn: BatchNormParams,
): { weight: Float32Array; bias: Float32Array } {
  const { scale, shift } = batchNormAffine(bn);
  const cout = conv.shape[0]!;
  const per = conv.shape.slice(1).reduce((a, b) => a * b, 1);
  if (cout !== scale.length || conv.weight.length !== cout * per) {
    fail(
      'foldConvBatchNorm',
      `conv weight [${conv.shape}] (${conv.weight.length} values) does not fit BatchNorm(${scale.length})`,
    );
  }
  if (conv.bias && conv.bias.length !== cout)
    fail('foldConvBatchNorm', `conv bias has ${conv.bias.length} values, expected ${cout}`);
  const weight = new Float32Array(conv.weight.length);
  const bias = new Float32Array(cout);
  for (let o = 0; o < cout; o++) {
    const s = scale[o]!;
    for (let j = 0; j < per; j++) weight[o * per + j] = conv.weight[o * per + j]! * s;
    bias[o] = (conv.bias?.[o] ?? 0) * s + shift[o]!;
  }
  return { weight, bias };
}

/** Eval-mode BatchNorm2d on [N,C,H,W] as a per-channel affine x·scale + shift with folded constants. */
export function batchNorm2d(x: Tensor, bn: BatchNormParams): Tensor {
  const c = bn.weight.length;
  if (x.rank !== 4 || x.shape[1] !== c)
    fail('batchNorm2d', `expects [N,${c},H,W], got ${x.name} [${x.shape.join(',')}]`);
  const { scale, shift } = batchNormAffine(bn);
  const g = x.graph;
  return add(
    mul(x, freshInitializer(g, 'bn.scale', scale, [c, 1, 1])),
    freshInitializer(g, 'bn.shift', shift, [c, 1, 1]),
  );
}
