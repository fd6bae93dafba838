// The generated operation types (src/shared/api/generated/) are what codegen makes of the current operations and
// schema: this fails while they are stale (run `npm run codegen -w @styleclip/web`) and when an operation does
// not validate against the API's schema.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import config, { DOCUMENTS, GENERATED_DIR } from '../../../codegen';
import { operationInfo } from './document';
import * as generated from './generated/graphql';

/** What codegen writes for `documents`, formatted as the codegen script formats it (Prettier). */
async function generateInMemory(documents: string[]): Promise<{ filename: string; content: string }[]> {
  const outputs: { filename: string; content: string }[] = await generate(
    { ...config, documents, silent: true, hooks: {} },
    false,
  );
  return Promise.all(
    outputs.map(async ({ filename, content }) => {
      const options = await resolveConfig(filename);
      return { filename, content: await format(content, { ...options, filepath: filename }) };
    }),
  );
}

describe('generated operation types', () => {
  it('are up to date with the operations and the schema', async () => {
    const outputs = await generateInMemory(DOCUMENTS);
    expect(outputs.map((o) => o.filename).sort()).toEqual(
      readdirSync(GENERATED_DIR)
        .map((name) => join(GENERATED_DIR, name))
        .sort(),
    );
    for (const { filename, content } of outputs) {
      expect(readFileSync(filename, 'utf8'), `${filename} is stale: run npm run codegen`).toBe(content);
    }
  });

  it('refuses an operation that does not match the schema (the check can fail)', async () => {
    const bad = 'query Broken { images { edges { node { nope } } } }';
    await expect(generateInMemory([...DOCUMENTS, bad])).rejects.toThrow(/nope/);
  });

  it('gives every operation a name the transport reads (logs, retry of queries only)', () => {
    const documents = Object.entries(generated).filter(
      ([name, value]) => name.endsWith('Document') && value instanceof generated.TypedDocumentString,
    );
    expect(documents.length).toBeGreaterThan(10);
    for (const [name, doc] of documents) {
      const info = operationInfo(doc);
      expect(info.name).toBe(name.replace(/Document$/, ''));
      expect(info.kind === 'mutation').toBe(
        /^(Generate|Create|Complete|Edit(Global|Mapper)$|Precompute|Cancel)/.test(info.name),
      );
    }
  });
});
