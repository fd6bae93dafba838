import {
  CONV_ALGORITHMS,
  isPlannedConv,
  type ArcFaceConfig,
  type ClipConfig,
  type ConvAlgorithm,
  type E4eConfig,
  type IrSeConfig,
  type LevelsMapperConfig,
  type SLayer,
  type StyleGAN2Config,
} from '@styleclip/architectures';
import {
  arr,
  bool,
  int,
  num,
  obj,
  oneOf,
  opt,
  record,
  relPath,
  sha256Hex,
  str,
  ValidationError,
  type Check,
} from '@styleclip/validation';

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** Manifests are read leniently: fields added by newer minor versions are dropped, not refused. */
const object = <S extends Parameters<typeof obj>[0]>(shape: S) => obj(shape, { allowUnknown: true });

/** Bumped on every incompatible change; `migrateManifest` brings older manifests forward. */
export const MANIFEST_VERSION = 2;

export interface FileRef {
  path: string;
  sha256: string;
  bytes: number;
}

export interface SourceFile {
  role: string;
  name: string;
  sha256: string;
  bytes: number;
}

export type ModelSetSource =
  /** `revision`: the preset's revision when built (absent in sets built before revisions existed). */
  | { kind: 'preset'; preset: string; seed: number; revision?: number }
  | { kind: 'import'; files: SourceFile[]; notes: string[] };

/** How the synthesis-containing graphs (synthesis, generator, previews) were built, so a build is reproducible. */
export interface SynthesisBuild {
  /** Algorithm per stride-1 3×3 conv (module → direct | winograd-…). */
  convPlan: Record<string, ConvAlgorithm>;
  /** Exact rearrangements that save passes (architectures' `fuseEpilogues`). */
  fuseEpilogues: boolean;
}

/** A stopped-early synthesis graph: the same S [N,ΣC] input, an image at a lower resolution. */
export interface PreviewEntry {
  /** Output resolution, a power of two below the generator's size. */
  resolution: number;
  synthesis: FileRef;
  /** Its multiply-accumulates over the full synthesis graph's (counted on the graphs at build time). */
  macFraction: number;
}

export interface GeneratorEntry {
  config: StyleGAN2Config;
  nLatent: number;
  sLayout: SLayer[];
  models: { mapping: FileRef; styles: FileRef; synthesis: FileRef; generator: FileRef };
  latentAvg: FileRef;
  /** Added in schema 2; sets migrated from 1 record what they were built with (every conv direct). */
  synthesisBuild: SynthesisBuild;
  /** Preview graphs by ascending resolution; empty for sets built before schema 2 (engines fall back). */
  previews: PreviewEntry[];
}

export interface MapperEntry {
  kind: 'levels';
  config: LevelsMapperConfig;
  model: FileRef;
}

export interface ClipEntry {
  config: ClipConfig;
  image: FileRef;
  text: FileRef;
  /** Where the weights came from ('random' for presets). */
  origin: string;
  /** The checkpoint's `logit_scale` (CLIP logits are exp(logit_scale)·cos); absent in sets built before it was kept. */
  logitScale?: number;
}

/** ArcFace IR-SE (StyleCLIP's identity network) and the ID loss built on it. */
export interface ArcFaceEntry {
  config: ArcFaceConfig;
  /** `arcface.onnx`: `image` [N,3,112,112] → `features` [N,E], L2-normalized. */
  features: FileRef;
  /** `id-loss.onnx`: `y_hat`, `y` [N,3,S,S] → `loss` [1] and `grad_y_hat` (StyleCLIP `IDLoss`). */
  idLoss: FileRef;
  /** S: the image size the ID-loss model takes (the generator's output size). */
  idLossSize: number;
  /** Where the weights came from ('random' for presets, else `arcface:<file name>`). */
  origin: string;
}

/** The e4e encoder that inverts aligned faces into the generator's W+. */
export interface EncoderEntry {
  kind: 'e4e';
  config: E4eConfig;
  /** `encoder.onnx`: `image` [N,3,R,R] (RGB in [-1, 1]) → `wplus` [N,L,D] (codes + latent_avg) and `codes`. */
  model: FileRef;
  /** `face-pool.onnx`: generator `image` [N,3,S,S] → `pooled` [N,3,R,R] (pSp's `face_pool`). */
  facePool: FileRef;
  /** Where the weights came from ('random' for presets, else `e4e:<file name>`). */
  origin: string;
}

/** Precomputed global-direction data (S statistics and the channel-relevance table fs3). */
export interface DirectionsEntry {
  /** npy [2, ΣC]: per-channel mean and population std of S. */
  sStats: FileRef;
  sStatsSamples: number;
  /** How the sampled W were truncated: ψ and which W+ rows ('all', or the first 8 as the PyTorch port). */
  truncation: { psi: number; layers: 'all' | 'first8' };
  /** npy [rows, embedDim], unit rows; absent until computed or imported. */
  fs3?: FileRef;
  fs3Rows?: number;
  /** S layers the fs3 rows cover, in order. */
  fs3Layers?: number[];
  /** Images averaged per channel (official: 100). */
  fs3Images?: number;
  /**
   * Set when the table was computed in fast mode: channels of layers at or below this resolution were measured
   * on the synthesis stopped there (what CLIP needs), not on the full image. Absent: exact (or imported).
   */
  fs3StopResolution?: number;
  /** 'precompute' (our own) or 'import' (official files). */
  origin: string;
  /** sha256 of the CLIP image model the table was computed with (empty when imported). */
  clipImageSha256: string;
}

export interface ModelSetManifest {
  schemaVersion: typeof MANIFEST_VERSION;
  id: string;
  createdAt: string;
  source: ModelSetSource;
  generator: GeneratorEntry;
  mappers: Record<string, MapperEntry>;
  clip?: ClipEntry;
  directions?: DirectionsEntry;
  arcface?: ArcFaceEntry;
  encoder?: EncoderEntry;
}

const fileRef: Check<FileRef> = object({ path: relPath, sha256: sha256Hex, bytes: int });
const sourceFile: Check<SourceFile> = object({ role: str, name: str, sha256: sha256Hex, bytes: int });

const source: Check<ModelSetSource> = (v, p) => {
  const kind = oneOf('preset', 'import')((v as { kind?: unknown } | null)?.kind, `${p}.kind`);
  return kind === 'preset'
    ? object({ kind: oneOf('preset'), preset: str, seed: int, revision: opt(int) })(v, p)
    : object({ kind: oneOf('import'), files: arr(sourceFile), notes: arr(str) })(v, p);
};

const channels: Check<Record<number, number>> = (v, p) => {
  const r = record(int)(v, p);
  for (const k of Object.keys(r))
    if (!/^\d+$/.test(k)) throw new ValidationError(`${p}: resolution key ${k} is not a number`);
  return r;
};

const styleGAN2Config: Check<StyleGAN2Config> = object({
  size: int,
  styleDim: int,
  nMlp: int,
  channels,
  blurKernel: arr(num),
  lrMul: num,
});

const sLayer: Check<SLayer> = object({
  index: int,
  name: str,
  module: str,
  resolution: int,
  channels: int,
  wIndex: int,
  toRgb: bool,
  offset: int,
});

const mapperConfig: Check<LevelsMapperConfig> = object({
  dim: int,
  groups: object({ coarse: bool, medium: bool, fine: bool }),
  layersPerGroup: int,
  lrMul: num,
});

const clipConfig: Check<ClipConfig> = object({
  embedDim: int,
  imageResolution: int,
  visionPatchSize: int,
  visionWidth: int,
  visionLayers: int,
  visionHeads: int,
  contextLength: int,
  vocabSize: int,
  transformerWidth: int,
  transformerHeads: int,
  transformerLayers: int,
});

const clipEntry: Check<ClipEntry> = object({
  config: clipConfig,
  image: fileRef,
  text: fileRef,
  origin: str,
  logitScale: opt(num),
});

const irseConfig: Check<IrSeConfig> = object({
  stemWidth: int,
  stages: arr(object({ depth: int, units: int, seHidden: int })),
});

const arcfaceEntry: Check<ArcFaceEntry> = object({
  config: object({ body: irseConfig, embedding: int, inputSize: int }),
  features: fileRef,
  idLoss: fileRef,
  idLossSize: int,
  origin: str,
});

const encoderEntry: Check<EncoderEntry> = object({
  kind: oneOf('e4e'),
  config: object({ body: irseConfig, fpnWidth: int, styleDim: int, styleCount: int, inputSize: int }),
  model: fileRef,
  facePool: fileRef,
  origin: str,
});

const directionsEntry: Check<DirectionsEntry> = object({
  sStats: fileRef,
  sStatsSamples: int,
  truncation: object({ psi: num, layers: oneOf('all', 'first8') }),
  fs3: opt(fileRef),
  fs3Rows: opt(int),
  fs3Layers: opt(arr(int)),
  fs3Images: opt(int),
  fs3StopResolution: opt(int),
  origin: str,
  clipImageSha256: str,
});

const synthesisBuild: Check<SynthesisBuild> = object({
  convPlan: record(oneOf(...CONV_ALGORITHMS)),
  fuseEpilogues: bool,
});

const previewEntry: Check<PreviewEntry> = object({ resolution: int, synthesis: fileRef, macFraction: num });

/** The current schema (MANIFEST_VERSION); older versions are migrated to it first. */
const manifestCheck: Check<ModelSetManifest> = object({
  schemaVersion: oneOf(MANIFEST_VERSION),
  id: str,
  createdAt: str,
  source,
  generator: object({
    config: styleGAN2Config,
    nLatent: int,
    sLayout: arr(sLayer),
    models: object({ mapping: fileRef, styles: fileRef, synthesis: fileRef, generator: fileRef }),
    latentAvg: fileRef,
    synthesisBuild,
    previews: arr(previewEntry),
  }),
  mappers: record(object({ kind: oneOf('levels'), config: mapperConfig, model: fileRef })),
  clip: opt(clipEntry),
  directions: opt(directionsEntry),
  arcface: opt(arcfaceEntry),
  encoder: opt(encoderEntry),
});

/** Older manifest versions are upgraded here, one step at a time. */
const migrations: Record<number, (m: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 → 2: generator.synthesisBuild and generator.previews. Schema-1 sets were built with every conv direct,
  // no fused epilogues and no previews, which is what the step records (engines render previews of such sets
  // from the full image).
  1: (m) => {
    const generator = (m['generator'] ?? {}) as Record<string, unknown>;
    const layers = Array.isArray(generator['sLayout'])
      ? (generator['sLayout'] as { module?: unknown; toRgb?: unknown }[])
      : [];
    const convPlan = Object.fromEntries(
      layers
        .filter(
          (l) =>
            typeof l.module === 'string' &&
            typeof l.toRgb === 'boolean' &&
            isPlannedConv(l as { module: string; toRgb: boolean }),
        )
        .map((l) => [l.module as string, 'direct']),
    );
    return {
      ...m,
      schemaVersion: 2,
      generator: { ...generator, synthesisBuild: { convPlan, fuseEpilogues: false }, previews: [] },
    };
  },
};

export function migrateManifest(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  let m = raw as Record<string, unknown>;
  let version = m['schemaVersion'];
  if (typeof version === 'number' && version > MANIFEST_VERSION) {
    throw new ManifestError(
      `manifest schemaVersion ${version} is newer than this software understands (${MANIFEST_VERSION}); upgrade`,
    );
  }
  while (typeof version === 'number' && version < MANIFEST_VERSION) {
    const step = migrations[version];
    if (!step) throw new ManifestError(`no migration from manifest schemaVersion ${version}`);
    m = step(m);
    version = m['schemaVersion'];
  }
  return m;
}

/** Validates (after migrating) a parsed manifest; the error names the first bad field. */
export function validateManifest(raw: unknown): ModelSetManifest {
  try {
    return manifestCheck(migrateManifest(raw), 'manifest');
  } catch (e) {
    if (e instanceof ValidationError) throw new ManifestError(e.message);
    throw e;
  }
}
