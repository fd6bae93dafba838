import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPresetSet } from '../presets';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tiny model set with its directions, built once per run for every test file (read it, never write it). */
    tinySetDir: string;
  }
}

/** Vitest global setup: builds the tiny set (about 10 s) once per run instead of once per test file. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'editing-tiny-'));
  await buildPresetSet('tiny', dir);
  project.provide('tinySetDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
