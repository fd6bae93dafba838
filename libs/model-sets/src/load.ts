import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from './hashing';
import { validateManifest, type FileRef, type ModelSetManifest } from './manifest';
import { MANIFEST_FILE } from './write';

export interface ModelSet {
  dir: string;
  manifest: ModelSetManifest;
  /** Absolute path of a file of the set. */
  path(ref: FileRef): string;
}

/** Reads and validates a model set's manifest; `verify` re-hashes every file against it. */
export async function loadModelSet(dir: string, o: { verify?: boolean } = {}): Promise<ModelSet> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (e) {
    throw new Error(`${dir} is not a model set (no ${MANIFEST_FILE}); build one with "styleclip models build" or "models import"`, {
      cause: e,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${join(dir, MANIFEST_FILE)}: invalid JSON (${(e as Error).message})`, { cause: e });
  }
  const manifest = validateManifest(raw);
  const set: ModelSet = { dir, manifest, path: (ref) => join(dir, ref.path) };
  if (o.verify) {
    for (const ref of allFiles(manifest)) {
      const actual = await sha256File(set.path(ref)).catch(() => undefined);
      if (!actual) throw new Error(`model set ${manifest.id}: missing file ${ref.path}`);
      if (actual.sha256 !== ref.sha256) throw new Error(`model set ${manifest.id}: ${ref.path} does not match its sha256 (modified or corrupt)`);
    }
  }
  return set;
}

export function allFiles(m: ModelSetManifest): FileRef[] {
  return [
    ...Object.values(m.generator.models),
    m.generator.latentAvg,
    ...Object.values(m.mappers).map((x) => x.model),
    ...(m.clip ? [m.clip.image, m.clip.text] : []),
    ...(m.directions ? [m.directions.sStats, ...(m.directions.fs3 ? [m.directions.fs3] : [])] : []),
    ...(m.arcface ? [m.arcface.features, m.arcface.idLoss] : []),
    ...(m.encoder ? [m.encoder.model, m.encoder.facePool] : []),
  ];
}
