import {
  add,
  conv,
  convTranspose,
  matmul,
  mul,
  reduceSum,
  reshape,
  rsqrt,
  transpose,
  unsqueeze,
  type Tensor,
} from '@styleclip/onnx-graph';
import { derivedInitializer, fail, scaled, staticShape } from './params';
import { upfirdn2d } from './upfirdn2d';
import { winogradConv3x3 } from './winograd';

/**
 * How a stride-1 3×3 convolution runs: onnxruntime's Conv, or Winograd F(2×2,3×3) / F(4×4,3×3) as graph ops;
 * `winograd-f4-fused` also folds the style and the demodulation into per-sample transformed kernels (the
 * reference's "fused" modulation) instead of scaling the activations.
 */
export type ConvAlgorithm = 'direct' | 'winograd-f2' | 'winograd-f4' | 'winograd-f4-fused';
export const CONV_ALGORITHMS: readonly ConvAlgorithm[] = [
  'direct',
  'winograd-f2',
  'winograd-f4',
  'winograd-f4-fused',
];

export interface ModulatedConvOptions {
  demodulate: boolean;
  /** The StyleGAN2 up-conv: ConvTranspose stride 2, then a blur; H×W → 2H×2W. */
  upsample?: boolean;
  blurKernel?: number[];
  /** For a stride-1 3×3 conv (default 'direct'); other kernels and the up-conv are always direct. */
  algorithm?: ConvAlgorithm;
  /**
   * Multiplies the output (folded into the demodulation coefficients, so it costs nothing): lets a caller
   * move a later constant gain (the √2 of fused_leaky_relu) in front of the noise and bias adds.
   */
  gain?: number;
  /**
   * [Cout], added to the output. On the up-conv path the demodulation goes before the blur (both are per
   * channel, so they commute) and the bias rides in the blur's conv: one pass over the output less.
   */
  bias?: Tensor;
  /**
   * 1×1 kernels only (toRGB): fold the style into per-sample weights [N, Cout, Cin] and run one batched
   * MatMul, which reads x once, instead of scaling x first (a full pass) and convolving.
   */
  foldStyle?: boolean;
}

const BLOCK = 'modulatedConv2d';

/**
 * StyleGAN2 ModulatedConv2d in the non-fused (input-scaling) form, which equals the reference's per-sample
 * modulated/demodulated weight: y = conv(x·s, weight·scale) [·d], scale = 1/√(Cin·k²), and
 * d[n,o] = rsqrt(Σ_i s[n,i]²·Q[o,i] + 1e-8) with Q[o,i] = Σ_kh,kw (scale·weight[o,i])² (one MatMul).
 * x [N,Cin,H,W], style [N,Cin] (the S code), weight [Cout,Cin,k,k] or [1,Cout,Cin,k,k] as stored.
 * Upsample: ConvTranspose stride 2 pad 0 with (weight·scale) as [Cin,Cout,k,k], then the blur
 * (upfirdn2d, kernel ×4, pads from the kernel length). Weight-derived constants are folded into
 * initializers when the weight is one; a weight fed as a graph input gets the same transforms as ops.
 */
export function modulatedConv2d(x: Tensor, style: Tensor, weight: Tensor, o: ModulatedConvOptions): Tensor {
  if (x.rank !== 4) fail(BLOCK, `x ${x.name} must be [N,Cin,H,W], got [${x.shape.join(',')}]`);
  if (style.rank !== 2) fail(BLOCK, `style ${style.name} must be [N,Cin], got [${style.shape.join(',')}]`);
  let dims = staticShape(BLOCK, weight);
  let w = weight;
  if (dims.length === 5) {
    if (dims[0] !== 1) fail(BLOCK, `5-D weight ${weight.name} must have a leading 1, got [${dims}]`);
    dims = dims.slice(1);
  }
  if (dims.length !== 4)
    fail(BLOCK, `weight ${weight.name} must be [Cout,Cin,k,k] or [1,Cout,Cin,k,k], got [${weight.shape}]`);
  const [cout, cin, kh, kw] = dims as [number, number, number, number];
  if (kh !== kw) fail(BLOCK, `weight ${weight.name} must have a square kernel, got ${kh}×${kw}`);
  if (x.shape[1] !== cin || style.shape[1] !== cin) {
    fail(
      BLOCK,
      `x ${x.name} [${x.shape}] and style ${style.name} [${style.shape}] must have Cin = ${cin} (weight ${weight.name})`,
    );
  }
  const k = kh;
  const scale = 1 / Math.sqrt(cin * k * k);
  const algorithm = o.algorithm ?? 'direct';
  if (o.bias && (o.bias.rank !== 1 || o.bias.shape[0] !== cout))
    fail(BLOCK, `bias ${o.bias.name} must be [${cout}], got [${o.bias.shape.join(',')}]`);
  if (o.foldStyle && k !== 1) fail(BLOCK, `foldStyle needs a 1×1 kernel, weight ${weight.name} is ${k}×${k}`);
  if (!CONV_ALGORITHMS.includes(algorithm)) fail(BLOCK, `unknown conv algorithm "${String(algorithm)}"`);
  if (o.upsample && algorithm !== 'direct')
    fail(BLOCK, `the up-conv is always direct, got algorithm ${algorithm}`);

  // Effective static weight·scale, in the layout the conv wants.
  let cached: Tensor | undefined;
  const convWeight = (): Tensor => (cached ??= makeConvWeight());
  const makeConvWeight = (): Tensor => {
    const folded = derivedInitializer(weight, 'scaled', String(scale), [cout, cin, k, k], (d) =>
      scaled(d, scale),
    );
    if (folded) return folded;
    if (w.rank === 5) w = reshape(w, [cout, cin, k, k]);
    return mul(w, scale);
  };
  const convTWeight = (): Tensor => {
    const folded = derivedInitializer(weight, 'scaled_t', String(scale), [cin, cout, k, k], (d) => {
      const out = new Float32Array(d.length);
      const kk = k * k;
      for (let oc = 0; oc < cout; oc++)
        for (let ic = 0; ic < cin; ic++)
          for (let t = 0; t < kk; t++) out[(ic * cout + oc) * kk + t] = d[(oc * cin + ic) * kk + t]! * scale;
      return out;
    });
    return folded ?? transpose(convWeight(), [1, 0, 2, 3]);
  };
  // Qᵀ [Cin,Cout]: Qᵀ[i,o] = Σ_kh,kw (scale·weight[o,i])².
  const demodMatrix = (): Tensor => {
    const folded = derivedInitializer(weight, 'demod_q', String(scale), [cin, cout], (d) => {
      const out = new Float32Array(cin * cout);
      const kk = k * k;
      for (let oc = 0; oc < cout; oc++)
        for (let ic = 0; ic < cin; ic++) {
          let s = 0;
          for (let t = 0; t < kk; t++) s += (d[(oc * cin + ic) * kk + t]! * scale) ** 2;
          out[ic * cout + oc] = s;
        }
      return out;
    });
    if (folded) return folded;
    const ws = convWeight();
    return transpose(reduceSum(mul(ws, ws), [2, 3], false), [1, 0]);
  };

  const gain = o.gain ?? 1;
  const demod = () => {
    const d = rsqrt(add(matmul(mul(style, style), demodMatrix()), 1e-8));
    return gain === 1 ? d : mul(d, gain);
  };
  const withBias = (y: Tensor) => (o.bias ? addChannelBias(y, o.bias) : y);
  if (algorithm === 'winograd-f4-fused') {
    if (k !== 3) fail(BLOCK, `${algorithm} needs a 3×3 kernel, weight ${weight.name} is ${k}×${k}`);
    if (!o.demodulate) fail(BLOCK, `${algorithm} folds the demodulation; it needs demodulate: true`);
    return withBias(winogradConv3x3(x, weight, { tile: 4, scale, inputScale: style, outputScale: demod() }));
  }
  if (o.foldStyle) {
    // W_b[o,i] = scale·W[o,i]·s_b[i]; y_b = W_b · x_b over the flattened pixels.
    const [, , h, wd] = x.shape;
    if (typeof h !== 'number' || typeof wd !== 'number')
      fail(BLOCK, `foldStyle needs static H, W, got ${x.name} [${x.shape.join(',')}]`);
    const perSample = mul(unsqueeze(reshape(convWeight(), [cout, cin]), [0]), unsqueeze(style, [1]));
    let y = reshape(matmul(perSample, reshape(x, [x.shape[0]!, cin, h * wd])), [x.shape[0]!, cout, h, wd]);
    if (o.demodulate) y = mul(y, unsqueeze(demod(), [2, 3]));
    else if (gain !== 1) y = mul(y, gain);
    return withBias(y);
  }
  const xs = mul(x, unsqueeze(style, [2, 3]));
  let y: Tensor;
  if (o.upsample) {
    y = convTranspose(xs, convTWeight(), undefined, { strides: [2, 2] });
    const blurKernel = o.blurKernel ?? [1, 3, 3, 1];
    const factor = 2;
    const p = blurKernel.length - factor - (k - 1);
    const pad: [number, number] = [Math.floor((p + 1) / 2) + factor - 1, Math.floor(p / 2) + 1];
    if (o.bias) {
      // Demodulate before the blur so the bias can be the blur conv's own bias.
      if (o.demodulate) y = mul(y, unsqueeze(demod(), [2, 3]));
      else if (gain !== 1) y = mul(y, gain);
      return upfirdn2d(y, blurKernel, { pad, gain: factor * factor, bias: o.bias });
    }
    y = upfirdn2d(y, blurKernel, { pad, gain: factor * factor });
  } else if (algorithm !== 'direct') {
    if (k !== 3) fail(BLOCK, `${algorithm} needs a 3×3 kernel, weight ${weight.name} is ${k}×${k}`);
    y = winogradConv3x3(xs, weight, { tile: algorithm === 'winograd-f2' ? 2 : 4, scale });
  } else {
    const p = Math.floor(k / 2);
    y = conv(xs, convWeight(), undefined, { pads: [p, p, p, p] });
  }
  if (!o.demodulate) return withBias(gain === 1 ? y : mul(y, gain));
  return withBias(mul(y, unsqueeze(demod(), [2, 3])));
}

function addChannelBias(y: Tensor, bias: Tensor): Tensor {
  return add(y, reshape(bias, [-1, 1, 1]));
}
