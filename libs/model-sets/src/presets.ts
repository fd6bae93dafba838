import {
  officialChannels,
  randomClipWeights,
  tinyClipConfig,
  vitB32Config,
  type ClipConfig,
  randomLevelsMapperWeights,
  randomStyleGAN2Weights,
  type LevelsMapperConfig,
  type StyleGAN2Config,
} from '@styleclip/architectures';
import { computeLatentAvg } from './latent-avg';
import type { ModelSetManifest } from './manifest';
import { writeModelSet, type ProgressEvent } from './write';

export interface Preset {
  description: string;
  generator: StyleGAN2Config;
  mappers: Record<string, LevelsMapperConfig>;
  clip: ClipConfig;
  /** Global-direction data computed right after building (by the editing engine), when cheap enough. */
  directions?: { images: number; samples: number; layers: 'official' | 'all' };
}

/** Random-weight model sets built from our own builders (official init), for tests, demo and benchmarks. */
export const PRESETS: Record<string, Preset> = {
  tiny: {
    description: '64×64 generator with small channels (builds in seconds; tests and the embedded demo)',
    generator: {
      size: 64,
      styleDim: 64,
      nMlp: 4,
      channels: { 4: 32, 8: 32, 16: 32, 32: 16, 64: 16 },
      blurKernel: [1, 3, 3, 1],
      lrMul: 0.01,
    },
    mappers: {
      demo: { dim: 64, groups: { coarse: true, medium: true, fine: false }, layersPerGroup: 4, lrMul: 0.01 },
    },
    // A small CLIP with the real vocabulary and context (image 64, patch 16).
    clip: tinyClipConfig,
    directions: { images: 8, samples: 2000, layers: 'official' },
  },
  'ffhq1024-random': {
    description: 'the FFHQ 1024 shapes (config-f) with random weights, for benchmarks',
    generator: {
      size: 1024,
      styleDim: 512,
      nMlp: 8,
      channels: officialChannels(1024, 2),
      blurKernel: [1, 3, 3, 1],
      lrMul: 0.01,
    },
    mappers: {
      random: { dim: 512, groups: { coarse: true, medium: true, fine: false }, layersPerGroup: 4, lrMul: 0.01 },
    },
    clip: vitB32Config,
  },
};

export async function buildPreset(
  name: string,
  dir: string,
  o: { seed?: number; onProgress?: (e: ProgressEvent) => void; /** Leave CLIP out (generator-only sets for tests and benchmarks). */ clip?: boolean } = {},
): Promise<ModelSetManifest> {
  const preset = PRESETS[name];
  if (!preset) throw new Error(`unknown preset "${name}"; choose one of ${Object.keys(PRESETS).join(', ')}`);
  const seed = o.seed ?? 0;
  const weights = randomStyleGAN2Weights(preset.generator, seed);
  weights.set('latent_avg', await computeLatentAvg(weights, preset.generator, { seed: seed + 1 }));
  const mappers = Object.fromEntries(
    Object.entries(preset.mappers).map(([n, config], i) => [n, { config, weights: randomLevelsMapperWeights(config, seed + 100 + i) }]),
  );
  return writeModelSet(dir, {
    id: name,
    source: { kind: 'preset', preset: name, seed },
    generator: { config: preset.generator, weights },
    mappers,
    ...(o.clip === false ? {} : { clip: { config: preset.clip, weights: randomClipWeights(preset.clip, seed + 200), origin: 'random' } }),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
}
