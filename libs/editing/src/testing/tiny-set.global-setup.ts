import type { TestProject } from 'vitest/node';
import { ensurePresetSet, presetCacheDir } from '../presets';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tiny model set with its directions, built once per machine for every test file (read it, never write it). */
    tinySetDir: string;
  }
}

/** Vitest global setup: the tiny set from the shared preset cache (built once, about 10 s, then reused). */
export default async function setup(project: TestProject): Promise<void> {
  await ensurePresetSet('tiny', presetCacheDir('tiny'), { log: (line) => console.log(line) });
  project.provide('tinySetDir', presetCacheDir('tiny'));
}
