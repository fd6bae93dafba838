import { equalLinear, pixelNorm } from '@styleclip/nn';
import { concat, Graph, slice, zerosLike, type Tensor } from '@styleclip/onnx-graph';
import { GaussianRandom } from '@styleclip/latent-math';
import { filled } from '../random';
import { param, WeightError, type Weight, type WeightMap } from '../weights';

/** The three LevelsMapper groups; the checkpoint spells the first one `course`. */
export const MAPPER_GROUPS = [
  { key: 'course_mapping', name: 'coarse', from: 0, to: 4 },
  { key: 'medium_mapping', name: 'medium', from: 4, to: 8 },
  { key: 'fine_mapping', name: 'fine', from: 8, to: 2 ** 31 - 1 },
] as const;

export interface LevelsMapperConfig {
  /** Latent width (512 for FFHQ). */
  dim: number;
  /** Which groups exist (a disabled group outputs zeros). */
  groups: { coarse: boolean; medium: boolean; fine: boolean };
  layersPerGroup: number;
  lrMul: number;
}

/** Reads the mapper's config from its weights (keys `mapper.<group>.mapping.N.*` with `mapper.` removed). */
export function inferLevelsMapperConfig(weights: WeightMap): LevelsMapperConfig {
  const has = (key: string) => weights.has(`${key}.mapping.1.weight`);
  const present = MAPPER_GROUPS.filter((gr) => has(gr.key));
  if (present.length === 0) {
    throw new WeightError(
      'not a StyleCLIP LevelsMapper: no course_mapping/medium_mapping/fine_mapping weights',
    );
  }
  const first = weights.get(`${present[0]!.key}.mapping.1.weight`)!;
  let layersPerGroup = 0;
  while (weights.has(`${present[0]!.key}.mapping.${layersPerGroup + 1}.weight`)) layersPerGroup++;
  return {
    dim: first.shape[1]!,
    groups: { coarse: has('course_mapping'), medium: has('medium_mapping'), fine: has('fine_mapping') },
    layersPerGroup,
    lrMul: 0.01,
  };
}

/**
 * M(w) for W+ [N,L,D]: per group, PixelNorm over the group's *layer* axis (dim 1, as the official code does
 * on a [B,n,D] tensor), then EqualLinear layers (lr_mul 0.01, fused lrelu with the bias on the last axis).
 * Disabled groups output zeros. The edit is w + 0.1·strength·M(w), applied by the caller.
 */
export function levelsMapper(g: Graph, wplus: Tensor, weights: WeightMap, c: LevelsMapperConfig): Tensor {
  const parts = MAPPER_GROUPS.map((gr) => {
    const x = slice(wplus, [gr.from], [gr.to], [1]);
    if (!c.groups[gr.name]) return zerosLike(x);
    return g.scope(`mapper.${gr.key}`, () => {
      let h = pixelNorm(x, 1);
      for (let i = 1; i <= c.layersPerGroup; i++) {
        const weight = param(g, weights, `${gr.key}.mapping.${i}.weight`, [c.dim, c.dim], 'mapper');
        const bias = param(g, weights, `${gr.key}.mapping.${i}.bias`, [c.dim], 'mapper');
        h = equalLinear(h, { weight, bias }, { lrMul: c.lrMul, activation: 'fused_lrelu' });
      }
      return h;
    });
  });
  return concat(parts, 1);
}

/**
 * The mapper model: `wplus` [N,L,D] → `delta` [N,L,D] = M(w), the raw mapper output. L is symbolic: the
 * fine group takes rows 8…L−1 (18 rows for a 1024 generator).
 */
export function buildMapperGraph(weights: WeightMap, c: LevelsMapperConfig, name = 'levels_mapper'): Graph {
  const g = new Graph(name);
  const wplus = g.input('wplus', 'float32', ['batch', 'layers', c.dim]);
  g.output(levelsMapper(g, wplus, weights, c), 'delta');
  return g;
}

/** Random mapper weights as the official init (randn/lr_mul weights, zero biases). */
export function randomLevelsMapperWeights(c: LevelsMapperConfig, seed: number): Map<string, Weight> {
  const rng = new GaussianRandom(seed);
  const w = new Map<string, Weight>();
  for (const gr of MAPPER_GROUPS) {
    if (!c.groups[gr.name]) continue;
    for (let i = 1; i <= c.layersPerGroup; i++) {
      w.set(`${gr.key}.mapping.${i}.weight`, {
        shape: [c.dim, c.dim],
        data: rng.randn(c.dim * c.dim, 1 / c.lrMul),
      });
      w.set(`${gr.key}.mapping.${i}.bias`, { shape: [c.dim], data: filled(c.dim, 0) });
    }
  }
  return w;
}
