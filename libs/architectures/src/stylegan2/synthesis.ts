import { sWidth } from '@styleclip/latent-math';
import { fusedLeakyRelu, modulatedConv2d, noiseInjection, upsampleRgb } from '@styleclip/nn';
import { add, Graph, split, type Tensor } from '@styleclip/onnx-graph';
import { param, type WeightMap } from '../weights';
import { noiseResolution, type StyleGAN2Config } from './config';
import { sLayout } from './layout';

/**
 * S (one [N,C] tensor per layer, StyleSpace order) → raw RGB image [N,3,size,size], about [−1,1], unclamped.
 * Noise is the checkpoint's fixed buffers (`randomize_noise=False`), so the output is deterministic.
 */
export function synthesisNetwork(
  g: Graph,
  styles: readonly Tensor[],
  weights: WeightMap,
  c: StyleGAN2Config,
): Tensor {
  const layout = sLayout(c);
  if (styles.length !== layout.length)
    throw new Error(`synthesis: ${styles.length} style tensors for ${layout.length} layers`);
  const s = (module: string) => styles[layout.findIndex((l) => l.module === module)]!;
  const noise = (i: number) => {
    const r = noiseResolution(i);
    return param(g, weights, `noises.noise_${i}`, [1, 1, r, r], 'generator');
  };

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
      let out = modulatedConv2d(x, s(module), weight, {
        demodulate: true,
        upsample,
        blurKernel: c.blurKernel,
      });
      out = noiseInjection(
        out,
        param(g, weights, `${module}.noise.weight`, [1], 'generator'),
        noise(noiseIndex),
      );
      return fusedLeakyRelu(out, param(g, weights, `${module}.activate.bias`, [cout], 'generator'), {
        axis: 1,
      });
    });

  const toRgb = (x: Tensor, module: string, cin: number, skip?: Tensor) =>
    g.scope(module, () => {
      const weight = param(g, weights, `${module}.conv.weight`, [1, 3, cin, 1, 1], 'generator');
      let rgb = modulatedConv2d(x, s(module), weight, { demodulate: false });
      rgb = add(rgb, param(g, weights, `${module}.bias`, [1, 3, 1, 1], 'generator'));
      return skip ? add(rgb, upsampleRgb(skip, c.blurKernel)) : rgb;
    });

  const c4 = c.channels[4]!;
  // The constant input is [1,C,4,4]; modulation by S ([N,C]) broadcasts it to the batch.
  const constant = param(g, weights, 'input.input', [1, c4, 4, 4], 'generator');
  let x = styledConv(constant, 'conv1', c4, c4, 0, false);
  let skip = toRgb(x, 'to_rgb1', c4);
  for (let k = 0, res = 8; res <= c.size; k++, res *= 2) {
    const cin = c.channels[res / 2]!;
    const cout = c.channels[res]!;
    x = styledConv(x, `convs.${2 * k}`, cin, cout, 2 * k + 1, true);
    x = styledConv(x, `convs.${2 * k + 1}`, cout, cout, 2 * k + 2, false);
    skip = toRgb(x, `to_rgbs.${k}`, cout, skip);
  }
  return skip;
}

/** Splits a concatenated S [N,ΣC] into the per-layer tensors. */
export function splitStyles(s: Tensor, c: StyleGAN2Config): Tensor[] {
  return split(
    s,
    sLayout(c).map((l) => l.channels),
    1,
  );
}

/** The synthesis model: `s` [N,ΣC] → `image` [N,3,size,size]. */
export function buildSynthesisGraph(weights: WeightMap, c: StyleGAN2Config): Graph {
  const g = new Graph('stylegan2_synthesis');
  const s = g.input('s', 'float32', ['batch', sWidth(sLayout(c))]);
  g.output(synthesisNetwork(g, splitStyles(s, c), weights, c), 'image');
  return g;
}
