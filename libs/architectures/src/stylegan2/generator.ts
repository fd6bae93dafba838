import { Graph } from '@styleclip/onnx-graph';
import type { WeightMap } from '../weights';
import { nLatent, type StyleGAN2Config } from './config';
import { stylesFromWPlus } from './styles';
import { synthesisNetwork, type SynthesisOptions } from './synthesis';

/** The generator model: `wplus` [N,L,D] → `image` [N,3,size,size] (styles and synthesis in one graph). */
export function buildGeneratorGraph(
  weights: WeightMap,
  c: StyleGAN2Config,
  o: Omit<SynthesisOptions, 'resolution'> = {},
): Graph {
  const g = new Graph('stylegan2_generator');
  const wplus = g.input('wplus', 'float32', ['batch', nLatent(c), c.styleDim]);
  g.output(synthesisNetwork(g, stylesFromWPlus(g, wplus, weights, c), weights, c, o), 'image');
  return g;
}
