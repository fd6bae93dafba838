import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePresetSet, presetCacheDir } from '@styleclip/editing';

/**
 * A models folder holding the tiny set from the machine's preset cache (built once, about 15 s): linked for
 * read-only use, copied when a test writes into the set (a precompute job).
 */
export async function modelsDirWithTiny(parent: string, mode: 'link' | 'copy'): Promise<string> {
  const models = join(parent, 'models');
  await mkdir(models, { recursive: true });
  await ensurePresetSet('tiny', join(models, 'tiny'), { cache: mode });
  return models;
}

/** Builds the machine's cached tiny set when missing (Vitest global setups: before any test file starts). */
export async function warmTinyCache(log: (line: string) => void = () => undefined): Promise<void> {
  await ensurePresetSet('tiny', presetCacheDir('tiny'), { log });
}
