import { buildPreset, PRESETS, type ModelSetManifest, type ProgressEvent } from '@styleclip/model-sets';
import type { WorkProgress } from './directions/progress';
import { precomputeDirections } from './directions/precompute';

/**
 * Builds a preset model set and, when the preset says it is cheap (tiny), its S statistics and fs3 with
 * our own precompute, so every edit method works out of the box.
 */
export async function buildPresetSet(
  name: string,
  dir: string,
  o: { seed?: number; directions?: boolean; onProgress?: (e: ProgressEvent) => void; onDirections?: (p: WorkProgress) => void } = {},
): Promise<ModelSetManifest> {
  const manifest = await buildPreset(name, dir, { ...(o.seed !== undefined ? { seed: o.seed } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}) });
  const d = PRESETS[name]!.directions;
  if (!d || o.directions === false) return manifest;
  return precomputeDirections(dir, { ...d, ...(o.onDirections ? { onProgress: o.onDirections } : {}) });
}
