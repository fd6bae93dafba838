import { generate } from '@graphql-codegen/cli';
import { format, resolveConfig } from 'prettier';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Runs @graphql-codegen on a config without writing, and returns each output formatted with the repository's
 * Prettier settings (so `npm run format` leaves generated files alone): path → content.
 */
export async function generatedFiles(config: CodegenConfig): Promise<Map<string, string>> {
  const outputs = (await generate(config, false)) as { filename: string; content: string }[];
  const files = new Map<string, string>();
  for (const o of outputs) {
    const options = (await resolveConfig(o.filename)) ?? {};
    files.set(
      o.filename,
      await format(o.content, { ...options, filepath: o.filename, parser: 'typescript' }),
    );
  }
  return files;
}
