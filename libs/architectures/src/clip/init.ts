import { GaussianRandom } from '@styleclip/latent-math';
import { filled } from '../random';
import type { Weight } from '../weights';
import { clipWeightShapes, validateClipConfig, type ClipConfig } from './config';

/**
 * Random CLIP weights close to the official initialization (`CLIP.initialize_parameters` and
 * `VisionTransformer.__init__`): token embedding N(0, 0.02²), text positional N(0, 0.01²); in each tower
 * in_proj N(0, width^-1), out_proj and c_proj N(0, width^-1·(2·layers)^-1), c_fc N(0, (2·width)^-1) (the
 * official code applies these to the text tower; here both towers use them with their own width/layers);
 * biases 0, LayerNorm 1/0; class/positional embeddings and visual.proj scale·randn with scale = width^-0.5;
 * text_projection N(0, width^-1); patch conv N(0, (3·patch²)^-1); logit_scale ln(1/0.07).
 */
export function randomClipWeights(c: ClipConfig, seed: number): Map<string, Weight> {
  validateClipConfig(c);
  const rng = new GaussianRandom(seed);
  const out = new Map<string, Weight>();
  const towers = [
    { prefix: 'visual.transformer.resblocks.', width: c.visionWidth, layers: c.visionLayers },
    { prefix: 'transformer.resblocks.', width: c.transformerWidth, layers: c.transformerLayers },
  ];
  const std = (key: string): number => {
    if (key === 'token_embedding.weight') return 0.02;
    if (key === 'positional_embedding') return 0.01;
    if (key === 'text_projection') return c.transformerWidth ** -0.5;
    if (key === 'visual.class_embedding' || key === 'visual.positional_embedding' || key === 'visual.proj') {
      return c.visionWidth ** -0.5;
    }
    if (key === 'visual.conv1.weight') return (3 * c.visionPatchSize ** 2) ** -0.5;
    const t = towers.find((tw) => key.startsWith(tw.prefix));
    if (!t) throw new Error(`randomClipWeights: no init rule for ${key}`);
    const projStd = t.width ** -0.5 * (2 * t.layers) ** -0.5;
    if (key.endsWith('attn.in_proj_weight')) return t.width ** -0.5;
    if (key.endsWith('attn.out_proj.weight') || key.endsWith('mlp.c_proj.weight')) return projStd;
    if (key.endsWith('mlp.c_fc.weight')) return (2 * t.width) ** -0.5;
    throw new Error(`randomClipWeights: no init rule for ${key}`);
  };
  for (const [key, shape] of clipWeightShapes(c)) {
    const n = shape.reduce((p, d) => p * d, 1);
    let data: Float32Array;
    if (key === 'logit_scale') data = Float32Array.of(Math.log(1 / 0.07));
    else if (/(^|\.)ln_\w+\.weight$/.test(key)) data = filled(n, 1);
    else if (/(^|\.)ln_\w+\.bias$/.test(key) || key.endsWith('bias')) data = filled(n, 0);
    else data = rng.randn(n, std(key));
    out.set(key, { shape, data });
  }
  return out;
}
