import { sWidth } from '@styleclip/latent-math';
import { fusedLeakyRelu, modulatedConv2d, noiseInjection, upsampleRgb } from '@styleclip/nn';
import { add, Graph, mul, slice, split, type Tensor } from '@styleclip/onnx-graph';
import { param, type WeightMap } from '../weights';
import { noiseResolution, type StyleGAN2Config } from './config';
import { defaultConvPlan, validateConvPlan, type ConvPlan } from './conv-plan';
import { sLayout, type SLayer } from './layout';

export interface SynthesisOptions {
  /**
   * Stop after the toRGB of this resolution (a power of two from 4 to size; default size). The skip generator
   * builds its image as a sum of upsampled toRGB outputs, so stopping early gives that partial sum: a valid
   * low-resolution image at a fraction of the cost (a preview). Layers above it are not built.
   */
  resolution?: number;
  /** Algorithm per stride-1 3×3 conv; default `defaultConvPlan(c)` (the recorded table). */
  convPlan?: ConvPlan;
  /**
   * Exact rearrangements that save full-size passes over activations (default true): fused_leaky_relu's √2
   * moves in front of the noise and bias adds (into the demodulation, the noise strength and the bias), an
   * up-conv's bias rides in its blur conv, and toRGB folds its style into per-sample 1×1 weights (one
   * batched MatMul instead of scaling the activations first).
   */
  fuseEpilogues?: boolean;
}

/** The graph as built before previews, Winograd and fused epilogues existed (for A/B benchmarks). */
export const baselineSynthesisOptions = (c: StyleGAN2Config): SynthesisOptions => ({
  convPlan: Object.fromEntries(Object.keys(defaultConvPlan(c)).map((m) => [m, 'direct'])),
  fuseEpilogues: false,
});

/** The S layers a synthesis stopped at `resolution` reads: a prefix of the layout (checked resolution). */
export function synthesisLayers(c: StyleGAN2Config, resolution = c.size): SLayer[] {
  if (!Number.isInteger(Math.log2(resolution)) || resolution < 4 || resolution > c.size) {
    throw new Error(`synthesis resolution must be a power of two from 4 to ${c.size}, got ${resolution}`);
  }
  return sLayout(c).filter((l) => l.resolution <= resolution);
}

/**
 * S (one [N,C] tensor per layer, StyleSpace order) → raw RGB image [N,3,R,R] (R = `o.resolution`, default
 * size), about [−1,1], unclamped. `styles` holds every layer, or just the layers up to R. Noise is the
 * checkpoint's fixed buffers (`randomize_noise=False`), so the output is deterministic.
 */
export function synthesisNetwork(
  g: Graph,
  styles: readonly Tensor[],
  weights: WeightMap,
  c: StyleGAN2Config,
  o: SynthesisOptions = {},
): Tensor {
  const layout = sLayout(c);
  const used = synthesisLayers(c, o.resolution);
  if (styles.length !== layout.length && styles.length !== used.length) {
    throw new Error(
      `synthesis: ${styles.length} style tensors for ${layout.length} layers (or the first ${used.length})`,
    );
  }
  const plan = validateConvPlan(c, o.convPlan ?? defaultConvPlan(c));
  const fuse = o.fuseEpilogues ?? true;
  const gain = fuse ? Math.SQRT2 : 1;
  const scaled = (t: Tensor) => (gain === 1 ? t : mul(t, gain));
  const s = (module: string) => styles[layout.findIndex((l) => l.module === module)]!;
  const noise = (i: number) => {
    const r = noiseResolution(i);
    return param(g, weights, `noises.noise_${i}`, [1, 1, r, r], 'generator');
  };

  // fused_leaky_relu(y + noise + bias)·√2 = leaky_relu(√2·y + √2·noise + √2·bias): leaky ReLU is
  // positively homogeneous, so the gain moves in front (into the demodulation and two small constants).
  const styledConv = (
    x: Tensor,
    module: string,
    cin: number,
    cout: number,
    noiseIndex: number,
    upsample: boolean,
  ) =>
    g.scope(module, () => {
      const weight = param(g, weights, `${module}.conv.weight`, [1, cout, cin, 3, 3], 'generator');
      const algorithm = upsample ? 'direct' : plan[module]!;
      const bias = () => scaled(param(g, weights, `${module}.activate.bias`, [cout], 'generator'));
      // y·d + noise + bias = (y·d + bias) + noise: the up-conv adds the bias inside its blur conv.
      const biasInConv = fuse && upsample ? bias() : undefined;
      let out = modulatedConv2d(x, s(module), weight, {
        demodulate: true,
        upsample,
        blurKernel: c.blurKernel,
        algorithm,
        gain,
        ...(biasInConv ? { bias: biasInConv } : {}),
      });
      out = noiseInjection(
        out,
        scaled(param(g, weights, `${module}.noise.weight`, [1], 'generator')),
        noise(noiseIndex),
      );
      return fusedLeakyRelu(out, biasInConv ? undefined : bias(), { axis: 1, gain: Math.SQRT2 / gain });
    });

  const toRgb = (x: Tensor, module: string, cin: number, skip?: Tensor) =>
    g.scope(module, () => {
      const weight = param(g, weights, `${module}.conv.weight`, [1, 3, cin, 1, 1], 'generator');
      let rgb = modulatedConv2d(x, s(module), weight, { demodulate: false, foldStyle: fuse });
      rgb = add(rgb, param(g, weights, `${module}.bias`, [1, 3, 1, 1], 'generator'));
      return skip ? add(rgb, upsampleRgb(skip, c.blurKernel)) : rgb;
    });

  const c4 = c.channels[4]!;
  // The constant input is [1,C,4,4]; modulation by S ([N,C]) broadcasts it to the batch.
  const constant = param(g, weights, 'input.input', [1, c4, 4, 4], 'generator');
  let x = styledConv(constant, 'conv1', c4, c4, 0, false);
  let skip = toRgb(x, 'to_rgb1', c4);
  const stop = o.resolution ?? c.size;
  for (let k = 0, res = 8; res <= stop; k++, res *= 2) {
    const cin = c.channels[res / 2]!;
    const cout = c.channels[res]!;
    x = styledConv(x, `convs.${2 * k}`, cin, cout, 2 * k + 1, true);
    x = styledConv(x, `convs.${2 * k + 1}`, cout, cout, 2 * k + 2, false);
    skip = toRgb(x, `to_rgbs.${k}`, cout, skip);
  }
  return skip;
}

/**
 * Splits a concatenated S [N,ΣC] into the per-layer tensors; with `resolution`, only the layers up to it
 * (the rest of S is sliced away unread).
 */
export function splitStyles(s: Tensor, c: StyleGAN2Config, resolution = c.size): Tensor[] {
  const layers = synthesisLayers(c, resolution);
  const width = sWidth(layers);
  const used = width === sWidth(sLayout(c)) ? s : slice(s, [0], [width], [1]);
  return split(
    used,
    layers.map((l) => l.channels),
    1,
  );
}

/**
 * The synthesis model: `s` [N,ΣC] → `image` [N,3,R,R]. S always has the full width (the editing math is the
 * same for every resolution); a preview (`o.resolution` < size) reads only the layers it needs.
 */
export function buildSynthesisGraph(weights: WeightMap, c: StyleGAN2Config, o: SynthesisOptions = {}): Graph {
  const g = new Graph(
    o.resolution && o.resolution < c.size ? `stylegan2_synthesis_${o.resolution}` : 'stylegan2_synthesis',
  );
  const s = g.input('s', 'float32', ['batch', sWidth(sLayout(c))]);
  g.output(synthesisNetwork(g, splitStyles(s, c, o.resolution), weights, c, o), 'image');
  return g;
}
