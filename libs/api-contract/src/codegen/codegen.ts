import { readFile } from 'node:fs/promises';
import { formatTypeScript } from './format';
import { generateSource } from './generate';
import { GENERATED_PATH, SCHEMA_PATH } from './paths';

/** What `src/generated/types.ts` should contain for the current schema (formatted). */
export async function expectedGeneratedFile(): Promise<string> {
  const sdl = await readFile(SCHEMA_PATH, 'utf8');
  return formatTypeScript(generateSource(sdl), GENERATED_PATH);
}
