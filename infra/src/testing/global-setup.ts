import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder for this run's cloud assemblies, removed when the run ends. */
    cdkScratch: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'styleclip-cdk-'));
  project.provide('cdkScratch', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
