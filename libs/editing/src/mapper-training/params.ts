import {
  MAPPER_GROUPS,
  randomLevelsMapperWeights,
  type LevelsMapperConfig,
  type WeightMap,
} from '@styleclip/architectures';
import { EngineError } from '../components';
import type { MapperGroups } from './request';

/** One trainable mapper tensor, named as in the state dict without `mapper.` (`course_mapping.mapping.1.weight`). */
export interface MapperParam {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** StyleCLIP's LevelsMapper: 4 EqualLinear layers per group, lr_mul 0.01. */
export const MAPPER_LAYERS = 4;

export const levelsMapperConfig = (dim: number, groups: MapperGroups): LevelsMapperConfig => ({
  dim,
  groups: { ...groups },
  layersPerGroup: MAPPER_LAYERS,
  lrMul: 0.01,
});

/** Names and shapes of the trainable tensors in state-dict order (coarse, medium, fine; layer 1…4; weight, bias). */
export function mapperParamSpecs(
  dim: number,
  groups: MapperGroups,
): { name: string; shape: number[]; group: (typeof MAPPER_GROUPS)[number] }[] {
  const out = [];
  for (const group of MAPPER_GROUPS) {
    if (!groups[group.name]) continue;
    for (let i = 1; i <= MAPPER_LAYERS; i++) {
      out.push({ name: `${group.key}.mapping.${i}.weight`, shape: [dim, dim], group });
      out.push({ name: `${group.key}.mapping.${i}.bias`, shape: [dim], group });
    }
  }
  return out;
}

/** The official initialization (W = randn/0.01, b = 0), from our seeded PRNG. */
export function randomMapperParams(dim: number, groups: MapperGroups, seed: number): MapperParam[] {
  return paramsFromWeights(randomLevelsMapperWeights(levelsMapperConfig(dim, groups), seed), dim, groups);
}

/** The trainable tensors from a mapper's weights (e.g. `--init mapper.pt`): exactly the enabled groups' keys. */
export function paramsFromWeights(weights: WeightMap, dim: number, groups: MapperGroups): MapperParam[] {
  const specs = mapperParamSpecs(dim, groups);
  const wanted = new Set(specs.map((s) => s.name));
  const extra = [...weights.keys()].filter((k) => !wanted.has(k));
  if (extra.length > 0) {
    throw new EngineError(
      `the initial mapper has ${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ', …' : ''}, which the chosen groups do not (check the no-coarse/medium/fine flags)`,
      'bad_parameter',
    );
  }
  return specs.map((s) => {
    const w = weights.get(s.name);
    if (!w)
      throw new EngineError(
        `the initial mapper has no ${s.name} (check the no-coarse/medium/fine flags)`,
        'bad_parameter',
      );
    if (w.shape.join(',') !== s.shape.join(',')) {
      throw new EngineError(
        `the initial mapper's ${s.name} is [${w.shape.join(',')}], expected [${s.shape.join(',')}]`,
        'bad_shape',
      );
    }
    return { name: s.name, shape: s.shape, data: Float32Array.from(w.data) };
  });
}

/** Every parameter flattened in state-dict order (the `params_flat` layout of the official runs). */
export function flattenParams(params: readonly { data: Float32Array }[]): Float32Array {
  const out = new Float32Array(params.reduce((s, p) => s + p.data.length, 0));
  let offset = 0;
  for (const p of params) {
    out.set(p.data, offset);
    offset += p.data.length;
  }
  return out;
}

export const paramsToWeights = (params: readonly MapperParam[]): WeightMap =>
  new Map(params.map((p) => [p.name, { shape: p.shape, data: p.data }]));
