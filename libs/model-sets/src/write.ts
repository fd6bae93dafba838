import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildArcFaceGraph,
  buildE4eEncoderGraph,
  buildFacePoolGraph,
  buildIdLossGraph,
  buildClipImageGraph,
  buildClipTextGraph,
  buildGeneratorGraph,
  buildMapperGraph,
  buildMappingGraph,
  buildStylesGraph,
  buildSynthesisGraph,
  defaultConvPlan,
  nLatent,
  sLayout,
  type ArcFaceConfig,
  validateConvPlan,
  type ClipConfig,
  type ConvPlan,
  type E4eConfig,
  type LevelsMapperConfig,
  type StyleGAN2Config,
  type Weight,
} from '@styleclip/architectures';
import { encodeNpy } from '@styleclip/checkpoints';
import { countMacs, writeOnnxFile, type Graph } from '@styleclip/onnx-graph';
import { sha256Chunks, sha256File } from './hashing';
import {
  MANIFEST_VERSION,
  validateManifest,
  type ArcFaceEntry,
  type ClipEntry,
  type EncoderEntry,
  type FileRef,
  type MapperEntry,
  type ModelSetManifest,
  type ModelSetSource,
  type PreviewEntry,
  type SynthesisBuild,
} from './manifest';
import { defaultPreviewResolutions } from './previews';

export interface ProgressEvent {
  step: string;
  done: number;
  total: number;
}

/** How to build the synthesis-containing graphs; every field has a recorded default. */
export interface SynthesisBuildOptions {
  /** Default `defaultConvPlan(config)` (the measured per-layer table). */
  convPlan?: ConvPlan;
  /** Default true. */
  fuseEpilogues?: boolean;
  /** Preview resolutions to build; default `defaultPreviewResolutions(config.size)`; [] builds none. */
  previews?: readonly number[];
}

export interface ModelSetSpec {
  id: string;
  source: ModelSetSource;
  generator: { config: StyleGAN2Config; weights: ReadonlyMap<string, Weight>; build?: SynthesisBuildOptions };
  mappers?: Record<string, { config: LevelsMapperConfig; weights: ReadonlyMap<string, Weight> }>;
  clip?: { config: ClipConfig; weights: ReadonlyMap<string, Weight>; origin: string };
  /** ArcFace weights (bare state-dict names); the ID-loss model is built for the generator's image size. */
  arcface?: { config: ArcFaceConfig; weights: ReadonlyMap<string, Weight>; origin: string };
  /** e4e encoder weights (without `encoder.`) and the latent_avg [L·D] its W+ adds; L and D must fit the generator. */
  encoder?: {
    config: E4eConfig;
    weights: ReadonlyMap<string, Weight>;
    latentAvg: Float32Array;
    origin: string;
  };
  onProgress?: (e: ProgressEvent) => void;
}

export const MANIFEST_FILE = 'manifest.json';

/**
 * Builds every graph of the set and writes ONNX files, `latent_avg.npy` and `manifest.json` (last, via a
 * temp file + rename, so a half-written set never looks complete).
 */
export async function writeModelSet(dir: string, spec: ModelSetSpec): Promise<ModelSetManifest> {
  await mkdir(dir, { recursive: true });
  await rm(join(dir, MANIFEST_FILE), { force: true });
  const { config, weights } = spec.generator;
  const mappers = Object.entries(spec.mappers ?? {});
  for (const name of mappers.map(([n]) => n)) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name))
      throw new Error(`mapper name "${name}": use letters, digits, _ and - only`);
  }
  if (spec.encoder) {
    const e = spec.encoder.config;
    if (e.styleCount !== nLatent(config) || e.styleDim !== config.styleDim) {
      throw new Error(
        `the encoder outputs W+ [${e.styleCount},${e.styleDim}], the generator takes [${nLatent(config)},${config.styleDim}]`,
      );
    }
  }
  const synthesisBuild: SynthesisBuild = {
    convPlan: validateConvPlan(config, spec.generator.build?.convPlan ?? defaultConvPlan(config)),
    fuseEpilogues: spec.generator.build?.fuseEpilogues ?? true,
  };
  const previewResolutions = checkPreviewResolutions(
    config,
    spec.generator.build?.previews ?? defaultPreviewResolutions(config.size),
  );
  const total =
    5 +
    previewResolutions.length +
    mappers.length +
    (spec.clip ? 2 : 0) +
    (spec.arcface ? 2 : 0) +
    (spec.encoder ? 2 : 0);
  let done = 0;
  const progress = (step: string) => spec.onProgress?.({ step, done: done++, total });

  const writeGraph = async (file: string, graph: Graph, meta: object): Promise<FileRef> => {
    // Weights released in float16 (official CLIP) are stored as float16: lossless, half the size.
    const written = await writeOnnxFile(graph, join(dir, file), {
      modelName: `${spec.id}/${file}`,
      config: meta,
      version: MANIFEST_VERSION,
      compactFloat16: true,
    });
    return { path: file, sha256: written.sha256, bytes: written.bytes };
  };
  const graphFile = async (file: string, build: () => Graph, meta: object): Promise<FileRef> => {
    progress(file);
    return writeGraph(file, build(), meta);
  };
  const meta = { generator: config, synthesisBuild };
  const synthesisOptions = { convPlan: synthesisBuild.convPlan, fuseEpilogues: synthesisBuild.fuseEpilogues };
  progress('synthesis.onnx');
  const synthesisGraph = buildSynthesisGraph(weights, config, synthesisOptions);
  const fullMacs = countMacs(synthesisGraph, { batch: 1 }).total;
  const models = {
    mapping: await graphFile('mapping.onnx', () => buildMappingGraph(weights, config), meta),
    styles: await graphFile('styles.onnx', () => buildStylesGraph(weights, config), meta),
    synthesis: await writeGraph('synthesis.onnx', synthesisGraph, meta),
    generator: await graphFile(
      'generator.onnx',
      () => buildGeneratorGraph(weights, config, synthesisOptions),
      meta,
    ),
  };
  const previews: PreviewEntry[] = [];
  for (const resolution of previewResolutions) {
    const file = `synthesis-${resolution}.onnx`;
    progress(file);
    const graph = buildSynthesisGraph(weights, config, { ...synthesisOptions, resolution });
    const macFraction = countMacs(graph, { batch: 1 }).total / fullMacs;
    previews.push({
      resolution,
      macFraction,
      synthesis: await writeGraph(file, graph, { ...meta, preview: resolution }),
    });
  }
  progress('latent_avg.npy');
  const avg = weights.get('latent_avg');
  if (!avg) throw new Error('generator weights have no latent_avg');
  const npy = encodeNpy({ dtype: 'float32', shape: [...avg.shape], data: avg.data });
  const latentAvg = { path: 'latent_avg.npy', ...sha256Chunks([npy]) };
  await writeFile(join(dir, 'latent_avg.npy'), npy);

  const mapperEntries: Record<string, MapperEntry> = {};
  for (const [name, m] of mappers) {
    const file = `mapper-${name}.onnx`;
    mapperEntries[name] = {
      kind: 'levels',
      config: m.config,
      model: await graphFile(file, () => buildMapperGraph(m.weights, m.config, `mapper_${name}`), {
        mapper: m.config,
      }),
    };
  }
  let clip: ClipEntry | undefined;
  if (spec.clip) {
    const { config: cc, weights: cw, origin } = spec.clip;
    clip = {
      config: cc,
      image: await graphFile('clip-image.onnx', () => buildClipImageGraph(cw, cc), { clip: cc }),
      text: await graphFile('clip-text.onnx', () => buildClipTextGraph(cw, cc), { clip: cc }),
      origin,
      ...(cw.get('logit_scale') ? { logitScale: cw.get('logit_scale')!.data[0]! } : {}),
    };
  }
  let arcface: ArcFaceEntry | undefined;
  if (spec.arcface) {
    const { config: ac, weights: aw, origin } = spec.arcface;
    const meta = { arcface: ac, idLossSize: config.size };
    arcface = {
      config: ac,
      features: await graphFile('arcface.onnx', () => buildArcFaceGraph(aw, ac), meta),
      idLoss: await graphFile('id-loss.onnx', () => buildIdLossGraph(aw, ac, config.size), meta),
      idLossSize: config.size,
      origin,
    };
  }
  let encoder: EncoderEntry | undefined;
  if (spec.encoder) {
    const { config: ec, weights: ew, latentAvg: avg, origin } = spec.encoder;
    encoder = {
      kind: 'e4e',
      config: ec,
      model: await graphFile('encoder.onnx', () => buildE4eEncoderGraph(ew, ec, avg), { encoder: ec }),
      facePool: await graphFile('face-pool.onnx', () => buildFacePoolGraph(config.size, ec.inputSize), {
        size: config.size,
      }),
      origin,
    };
  }
  // saveManifest validates (once) and returns the validated manifest.
  const manifest = await saveManifest(dir, {
    schemaVersion: MANIFEST_VERSION,
    id: spec.id,
    createdAt: new Date().toISOString(),
    source: spec.source,
    generator: {
      config,
      nLatent: nLatent(config),
      sLayout: sLayout(config),
      models,
      latentAvg,
      synthesisBuild,
      previews,
    },
    mappers: mapperEntries,
    ...(clip ? { clip } : {}),
    ...(arcface ? { arcface } : {}),
    ...(encoder ? { encoder } : {}),
  });
  spec.onProgress?.({ step: 'done', done: total, total });
  return manifest;
}

function checkPreviewResolutions(config: StyleGAN2Config, resolutions: readonly number[]): number[] {
  const sorted = [...new Set(resolutions)].sort((a, b) => a - b);
  for (const r of sorted) {
    if (!Number.isInteger(Math.log2(r)) || r < 4 || r >= config.size)
      throw new Error(`preview resolution ${r}: use a power of two from 4 to ${config.size / 2}`);
  }
  return sorted;
}

/** Validates and atomically replaces a set's manifest (temp file + rename). */
export async function saveManifest(dir: string, manifest: ModelSetManifest): Promise<ModelSetManifest> {
  const valid = validateManifest(manifest);
  const tmp = join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify(valid, null, 2) + '\n');
  await rename(tmp, join(dir, MANIFEST_FILE));
  return valid;
}

/** A file of the set described for the manifest (path relative to the set, sha256, size). */
export async function fileRef(dir: string, path: string): Promise<FileRef> {
  return { path, ...(await sha256File(join(dir, path))) };
}
