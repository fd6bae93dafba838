import {
  irse50ArcFaceConfig,
  officialChannels,
  randomArcFaceWeights,
  randomE4eWeights,
  tinyArcFaceConfig,
  type ArcFaceConfig,
  type E4eConfig,
  randomClipWeights,
  tinyClipConfig,
  vitB32Config,
  type ClipConfig,
  randomLevelsMapperWeights,
  randomStyleGAN2Weights,
  type LevelsMapperConfig,
  type RandomStyleGAN2Options,
  type StyleGAN2Config,
} from '@styleclip/architectures';
import { computeLatentAvg } from './latent-avg';
import type { ModelSetManifest } from './manifest';
import { writeModelSet, type ProgressEvent } from './write';

export interface Preset {
  description: string;
  /** Bumped whenever what the preset builds changes, so stale built copies (npm start's models/tiny) get rebuilt. */
  revision: number;
  generator: StyleGAN2Config;
  /** Initialization choices that are not architecture (the architecture is read back from the weights). */
  init?: RandomStyleGAN2Options;
  mappers: Record<string, LevelsMapperConfig>;
  clip: ClipConfig;
  /** The identity network of the ID loss (random weights). */
  arcface: ArcFaceConfig;
  /** An e4e encoder matched to the generator (W+ rows and width), random weights; `styleGain` as `randomE4eWeights`. */
  encoder?: { config: E4eConfig; styleGain: number };
  /** Global-direction data computed right after building (by the editing engine), when cheap enough. */
  directions?: { images: number; samples: number; layers: 'official' | 'all' };
}

/** Random-weight model sets built from our own builders (official init), for tests, demo and benchmarks. */
export const PRESETS: Record<string, Preset> = {
  tiny: {
    description: '64×64 generator with small channels (builds in seconds; tests and the embedded demo)',
    // Revision 2: toRGB gain 0.3 (see init below). Revision 3: a random ArcFace (ID loss). Revision 4: a random e4e.
    revision: 4,
    generator: {
      size: 64,
      styleDim: 64,
      nMlp: 4,
      channels: { 4: 32, 8: 32, 16: 32, 32: 16, 64: 16 },
      blurKernel: [1, 3, 3, 1],
      lrMul: 0.01,
    },
    // Keeps the random generator's images inside [-1, 1] like a trained one's. Measured over seeds 1–8 at ψ 0.7:
    // 2.9% of pixels clip instead of 38% (pixel RMS 0.41 instead of 1.37).
    init: { toRgbGain: 0.3 },
    mappers: {
      demo: { dim: 64, groups: { coarse: true, medium: true, fine: false }, layersPerGroup: 4, lrMul: 0.01 },
    },
    // A small CLIP with the real vocabulary and context (image 64, patch 16).
    clip: tinyClipConfig,
    // The IR-SE50 topology with stages 16/16/32/32 and a 32-d embedding: small and fast.
    arcface: tinyArcFaceConfig,
    // e4e takes 256×256 aligned faces whatever the generator size (its heads start from 16, 32 and 64 pixels),
    // so the tiny encoder keeps the 256 input and the IR-SE50 topology with few channels: stages 16/16/32/32,
    // FPN width 32, style width 64 and 10 rows like the generator.
    encoder: {
      config: {
        body: {
          stemWidth: 16,
          stages: [
            { depth: 16, units: 3, seHidden: 1 },
            { depth: 16, units: 4, seHidden: 1 },
            { depth: 32, units: 14, seHidden: 2 },
            { depth: 32, units: 3, seHidden: 2 },
          ],
        },
        fpnWidth: 32,
        styleDim: 64,
        styleCount: 10,
        inputSize: 256,
      },
      // With the default init the heads' outputs are tiny (codes std 0.0016 on the generator's own faces: every
      // photo would invert to the average face); ×300 gives codes std 0.47 (w std 1.09), varied reconstructions.
      styleGain: 300,
    },
    directions: { images: 8, samples: 2000, layers: 'official' },
  },
  'ffhq1024-random': {
    description: 'the FFHQ 1024 shapes (config-f) with random weights, for benchmarks',
    // Revision 2: the released ArcFace IR-SE50 shapes.
    revision: 2,
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
    arcface: irse50ArcFaceConfig,
  },
};

export async function buildPreset(
  name: string,
  dir: string,
  o: { seed?: number; onProgress?: (e: ProgressEvent) => void; /** Leave CLIP out (generator-only sets for tests and benchmarks). */ clip?: boolean; /** Leave ArcFace out (default: as `clip`, so generator-only sets have neither). */ arcface?: boolean; /** Leave the encoder out (default: as `clip`). */ encoder?: boolean } = {},
): Promise<ModelSetManifest> {
  const preset = PRESETS[name];
  if (!preset) throw new Error(`unknown preset "${name}"; choose one of ${Object.keys(PRESETS).join(', ')}`);
  const seed = o.seed ?? 0;
  const weights = randomStyleGAN2Weights(preset.generator, seed, preset.init);
  weights.set('latent_avg', await computeLatentAvg(weights, preset.generator, { seed: seed + 1 }));
  const mappers = Object.fromEntries(
    Object.entries(preset.mappers).map(([n, config], i) => [n, { config, weights: randomLevelsMapperWeights(config, seed + 100 + i) }]),
  );
  return writeModelSet(dir, {
    id: name,
    source: { kind: 'preset', preset: name, seed, revision: preset.revision },
    generator: { config: preset.generator, weights },
    mappers,
    ...(o.clip === false ? {} : { clip: { config: preset.clip, weights: randomClipWeights(preset.clip, seed + 200), origin: 'random' } }),
    ...((o.arcface ?? o.clip) === false
      ? {}
      : { arcface: { config: preset.arcface, weights: randomArcFaceWeights(preset.arcface, seed + 300), origin: 'random' } }),
    ...(preset.encoder && (o.encoder ?? o.clip) !== false
      ? {
          encoder: {
            config: preset.encoder.config,
            weights: randomE4eWeights(preset.encoder.config, seed + 400, { styleGain: preset.encoder.styleGain }),
            latentAvg: repeatRows(weights.get('latent_avg')!.data, preset.encoder.config.styleCount),
            origin: 'random',
          },
        }
      : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
}

/** The generator's [D] average repeated once per W+ row, as e4e stores it ([L, D]). */
function repeatRows(avg: Float32Array, rows: number): Float32Array {
  const out = new Float32Array(rows * avg.length);
  for (let r = 0; r < rows; r++) out.set(avg, r * avg.length);
  return out;
}
