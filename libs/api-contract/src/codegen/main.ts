// `npm run codegen -w @styleclip/api-contract`: src/schema.graphql → src/generated/types.ts.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { expectedGeneratedFile } from './codegen';
import { GENERATED_PATH } from './paths';

const next = await expectedGeneratedFile();
const current = await readFile(GENERATED_PATH, 'utf8').catch(() => undefined);
const shown = relative(process.cwd(), GENERATED_PATH);
if (current === next) {
  console.log(`${shown} is up to date`);
} else {
  await mkdir(dirname(GENERATED_PATH), { recursive: true });
  await writeFile(GENERATED_PATH, next);
  console.log(`wrote ${shown} (${next.length} characters)`);
}
