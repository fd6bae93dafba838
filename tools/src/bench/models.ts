import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPresetSet } from '@styleclip/editing';
import { loadModelSet, PRESETS, type ModelSet } from '@styleclip/model-sets';

/**
 * Preset model sets for benchmarks, built under models/<preset> on first use, and rebuilt when they were
 * built by an older revision of the preset (the benchmarks measure what sets are built with now).
 */
export async function presetSet(root: string, preset: string): Promise<ModelSet> {
  const dir = join(root, 'models', preset);
  if (existsSync(join(dir, 'manifest.json'))) {
    const set = await loadModelSet(dir);
    const source = set.manifest.source;
    const revision = source.kind === 'preset' ? (source.revision ?? 1) : undefined;
    if (revision === undefined || revision === PRESETS[preset]!.revision) return set;
    process.stderr.write(`${dir} was built by revision ${revision} of preset ${preset}; rebuilding…\n`);
    await rm(dir, { recursive: true, force: true });
  }
  process.stderr.write(`building preset ${preset} in ${dir}…\n`);
  await buildPresetSet(preset, dir);
  return loadModelSet(dir);
}
