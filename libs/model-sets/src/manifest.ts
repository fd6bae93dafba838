import type { LevelsMapperConfig, SLayer, StyleGAN2Config } from '@styleclip/architectures';
import {
  array,
  bool,
  int,
  literal,
  ManifestError,
  num,
  object,
  record,
  relPath,
  sha256,
  str,
  type Check,
} from './validate';

/** Bumped on every incompatible change; `migrateManifest` brings older manifests forward. */
export const MANIFEST_VERSION = 1;

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
  | { kind: 'preset'; preset: string; seed: number }
  | { kind: 'import'; files: SourceFile[]; notes: string[] };

export interface GeneratorEntry {
  config: StyleGAN2Config;
  nLatent: number;
  sLayout: SLayer[];
  models: { mapping: FileRef; styles: FileRef; synthesis: FileRef; generator: FileRef };
  latentAvg: FileRef;
}

export interface MapperEntry {
  kind: 'levels';
  config: LevelsMapperConfig;
  model: FileRef;
}

export interface ModelSetManifest {
  schemaVersion: typeof MANIFEST_VERSION;
  id: string;
  createdAt: string;
  source: ModelSetSource;
  generator: GeneratorEntry;
  mappers: Record<string, MapperEntry>;
}

const fileRef: Check<FileRef> = object({ path: relPath, sha256, bytes: int });
const sourceFile: Check<SourceFile> = object({ role: str, name: str, sha256, bytes: int });

const source: Check<ModelSetSource> = (v, p) => {
  const kind = literal('preset', 'import')((v as { kind?: unknown } | null)?.kind, `${p}.kind`);
  return kind === 'preset'
    ? object<{ kind: 'preset'; preset: string; seed: number }>({ kind: literal('preset'), preset: str, seed: int })(v, p)
    : object<{ kind: 'import'; files: SourceFile[]; notes: string[] }>({
        kind: literal('import'),
        files: array(sourceFile),
        notes: array(str),
      })(v, p);
};

const channels: Check<Record<number, number>> = (v, p) => {
  const r = record(int)(v, p);
  for (const k of Object.keys(r)) if (!/^\d+$/.test(k)) throw new ManifestError(`${p}: resolution key ${k} is not a number`);
  return r;
};

const styleGAN2Config: Check<StyleGAN2Config> = object({
  size: int,
  styleDim: int,
  nMlp: int,
  channels,
  blurKernel: array(num),
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

const manifestV1: Check<ModelSetManifest> = object({
  schemaVersion: literal(MANIFEST_VERSION),
  id: str,
  createdAt: str,
  source,
  generator: object({
    config: styleGAN2Config,
    nLatent: int,
    sLayout: array(sLayer),
    models: object({ mapping: fileRef, styles: fileRef, synthesis: fileRef, generator: fileRef }),
    latentAvg: fileRef,
  }),
  mappers: record(object({ kind: literal('levels'), config: mapperConfig, model: fileRef })),
});

/** Older manifest versions are upgraded here, one step at a time (none exist yet). */
const migrations: Record<number, (m: Record<string, unknown>) => Record<string, unknown>> = {};

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
  return manifestV1(migrateManifest(raw), 'manifest');
}
