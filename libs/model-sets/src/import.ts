import { GaussianRandom } from '@styleclip/latent-math';
import { basename } from 'node:path';
import {
  inferLevelsMapperConfig,
  inferStyleGAN2Config,
  nNoise,
  noiseResolution,
  readArcFaceCheckpoint,
  readClipCheckpoint,
  readE4eCheckpoint,
  type ArcFaceConfig,
  type E4eConfig,
  type ClipConfig,
  type Weight,
} from '@styleclip/architectures';
import { openCheckpoint, stateDict, toFloat32, type LazyTensor } from '@styleclip/checkpoints';
import { sha256File } from './hashing';
import { computeLatentAvg } from './latent-avg';
import type { ModelSetManifest, SourceFile } from './manifest';
import { writeModelSet, type ProgressEvent } from './write';

/** Where a generator's weights sit in each supported checkpoint layout (detected from the keys). */
const GENERATOR_LAYOUTS = [
  { kind: 'rosinality', prefix: 'g_ema.' },
  { kind: 'e4e/StyleCLIP decoder', prefix: 'state_dict.decoder.' },
  { kind: 'bare state dict', prefix: '' },
] as const;

async function loadFloat(entries: Map<string, LazyTensor>, prefix: string): Promise<Map<string, Weight>> {
  const out = new Map<string, Weight>();
  for (const [k, lazy] of entries) {
    if (!k.startsWith(prefix) || !(lazy.dtype.startsWith('float') || lazy.dtype === 'bfloat16')) continue;
    const t = await lazy.load();
    out.set(k.slice(prefix.length), { shape: t.shape, data: toFloat32(t) });
  }
  return out;
}

function describeKeys(keys: string[]): string {
  return keys.length === 0 ? 'no tensors' : `keys like ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''}`;
}

export interface ImportedGenerator {
  weights: Map<string, Weight>;
  kind: string;
  notes: string[];
}

/** Reads a generator from a rosinality checkpoint, an e4e checkpoint (`decoder.*`) or a StyleCLIP mapper file. */
export async function readGeneratorCheckpoint(file: string): Promise<ImportedGenerator> {
  const ckpt = await openCheckpoint(file);
  try {
    const entries = stateDict(ckpt.root);
    const keys = [...entries.keys()];
    const layout = GENERATOR_LAYOUTS.find((l) => entries.has(`${l.prefix}conv1.conv.modulation.weight`));
    if (!layout) {
      throw new Error(`${basename(file)}: not a StyleGAN2 generator checkpoint (no conv1.conv.modulation.weight; found ${describeKeys(keys)})`);
    }
    const weights = await loadFloat(entries, layout.prefix);
    const notes: string[] = [`generator read from a ${layout.kind} checkpoint (${ckpt.format})`];
    const avg = entries.get('latent_avg');
    if (avg) {
      const t = await avg.load();
      const data = toFloat32(t);
      const D = t.shape[t.shape.length - 1]!;
      // e4e stores [18, D] (the generator's average repeated); any row is the generator's.
      weights.set('latent_avg', { shape: [D], data: data.slice(0, D) });
    }
    return { weights, kind: layout.kind, notes };
  } finally {
    await ckpt.close();
  }
}

export async function readMapperCheckpoint(file: string): Promise<Map<string, Weight>> {
  const ckpt = await openCheckpoint(file);
  try {
    const entries = stateDict(ckpt.root);
    const keys = [...entries.keys()];
    if (keys.some((k) => /^state_dict\.mapper\.mapper_\d+\./.test(k))) {
      throw new Error(`${basename(file)}: a StyleSpace mapper (WithoutToRGBStyleSpaceMapper); only LevelsMapper checkpoints are supported`);
    }
    const weights = await loadFloat(entries, 'state_dict.mapper.');
    if (weights.size === 0) throw new Error(`${basename(file)}: not a StyleCLIP mapper checkpoint (no state_dict.mapper.*; found ${describeKeys(keys)})`);
    return weights;
  } finally {
    await ckpt.close();
  }
}

export interface ImportOptions {
  generator: string;
  mappers?: Record<string, string>;
  /** An OpenAI CLIP checkpoint (state dict, TorchScript archive) or Hugging Face CLIPModel weights. */
  clip?: string;
  /** Head counts for CLIP towers whose width is not a multiple of 64 (the rule width/64 gives 0). */
  clipHeads?: { visionHeads?: number; transformerHeads?: number };
  /** TreB1eN's ArcFace IR-SE `model_ir_se50.pth` (bare state dict) for the ID loss. */
  arcface?: string;
  /** An e4e checkpoint (`e4e_ffhq_encode.pt`) whose encoder inverts aligned faces (its decoder may be `generator`). */
  encoder?: string;
  id?: string;
  onProgress?: (e: ProgressEvent) => void;
}

/** Imports official checkpoints into a model set at `dir` (config read from the weights, never assumed). */
export async function importModelSet(dir: string, o: ImportOptions): Promise<ModelSetManifest> {
  const gen = await readGeneratorCheckpoint(o.generator);
  const config = inferStyleGAN2Config(gen.weights);
  const notes = [...gen.notes];
  const missingNoise: number[] = [];
  const rng = new GaussianRandom(17);
  for (let i = 0; i < nNoise(config); i++) {
    const key = `noises.noise_${i}`;
    if (gen.weights.has(key)) continue;
    const r = noiseResolution(i);
    gen.weights.set(key, { shape: [1, 1, r, r], data: rng.randn(r * r) });
    missingNoise.push(i);
  }
  if (missingNoise.length > 0) {
    notes.push(
      `the checkpoint has no noise buffers (converted before 2020-01-15?); fixed N(0,1) buffers were generated (seed 17). ` +
        `Import an e4e checkpoint's decoder to get the buffers the official results used.`,
    );
  }
  if (!gen.weights.has('latent_avg')) {
    gen.weights.set('latent_avg', await computeLatentAvg(gen.weights, config));
    notes.push('no latent_avg in the checkpoint: computed as the mean of 4096 mapped z');
  }
  const files: SourceFile[] = [{ role: 'generator', name: basename(o.generator), ...(await sha256File(o.generator)) }];
  const mappers: Record<string, { config: ReturnType<typeof inferLevelsMapperConfig>; weights: Map<string, Weight> }> = {};
  for (const [name, file] of Object.entries(o.mappers ?? {})) {
    const weights = await readMapperCheckpoint(file);
    const config = inferLevelsMapperConfig(weights);
    if (config.dim !== configDim(gen.weights)) {
      throw new Error(`mapper ${name} (${basename(file)}) has width ${config.dim}, the generator's style dim is ${configDim(gen.weights)}`);
    }
    mappers[name] = { config, weights };
    files.push({ role: `mapper:${name}`, name: basename(file), ...(await sha256File(file)) });
  }
  let clip: { config: ClipConfig; weights: Map<string, Weight>; origin: string } | undefined;
  if (o.clip) {
    const c = await readClipCheckpoint(o.clip, o.clipHeads ?? {});
    clip = { config: c.config, weights: c.weights, origin: `${c.source}:${basename(o.clip)}` };
    notes.push(...c.notes.map((n) => `clip: ${n}`));
    files.push({ role: 'clip', name: basename(o.clip), ...(await sha256File(o.clip)) });
  }
  let arcface: { config: ArcFaceConfig; weights: Map<string, Weight>; origin: string } | undefined;
  if (o.arcface) {
    const a = await readArcFaceCheckpoint(o.arcface);
    arcface = { config: a.config, weights: a.weights, origin: `arcface:${basename(o.arcface)}` };
    notes.push(...a.notes.map((n) => `arcface: ${n}`));
    files.push({ role: 'arcface', name: basename(o.arcface), ...(await sha256File(o.arcface)) });
  }
  let encoder: { config: E4eConfig; weights: Map<string, Weight>; latentAvg: Float32Array; origin: string } | undefined;
  if (o.encoder) {
    const e = await readE4eCheckpoint(o.encoder);
    encoder = { config: e.config, weights: e.weights, latentAvg: e.latentAvg, origin: `e4e:${basename(o.encoder)}` };
    notes.push(...e.notes.map((n) => `encoder: ${n}`));
    files.push({ role: 'encoder', name: basename(o.encoder), ...(await sha256File(o.encoder)) });
  }
  return writeModelSet(dir, {
    id: o.id ?? basename(dir),
    ...(clip ? { clip } : {}),
    ...(arcface ? { arcface } : {}),
    ...(encoder ? { encoder } : {}),
    source: { kind: 'import', files, notes },
    generator: { config, weights: gen.weights },
    mappers,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
}

const configDim = (w: Map<string, Weight>) => w.get('conv1.conv.modulation.weight')!.shape[1]!;
