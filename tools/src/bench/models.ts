import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildPresetSet } from '@styleclip/editing';
import { loadModelSet, type ModelSet } from '@styleclip/model-sets';

/** Preset model sets for benchmarks, built under models/<preset> on first use. */
export async function presetSet(root: string, preset: string): Promise<ModelSet> {
  const dir = join(root, 'models', preset);
  if (!existsSync(join(dir, 'manifest.json'))) {
    process.stderr.write(`building preset ${preset} in ${dir}…\n`);
    await buildPresetSet(preset, dir);
  }
  return loadModelSet(dir);
}
