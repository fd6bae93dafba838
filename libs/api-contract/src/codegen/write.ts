import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { generatedFiles } from './generate';

/** Writes what a codegen config generates (files already up to date are left alone), saying what it did. */
export async function writeGenerated(config: CodegenConfig): Promise<void> {
  for (const [path, next] of await generatedFiles(config)) {
    const current = await readFile(path, 'utf8').catch(() => undefined);
    const shown = relative(process.cwd(), path);
    if (current === next) {
      console.log(`${shown} is up to date`);
    } else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, next);
      console.log(`wrote ${shown} (${next.length} characters)`);
    }
  }
}
