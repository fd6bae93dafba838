// The generated operation types (src/shared/api/generated/) are what codegen makes of the current operations and
// schema: this fails while they are stale (run `npm run codegen -w @styleclip/web`) and when an operation does
// not validate against the API's schema.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
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

// Codegen takes a second or two; allow for a loaded machine.
describe('generated operation types', { timeout: 60_000 }, () => {
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

  it('gives every operation the name and kind the transport reads (logs; only queries retry)', () => {
    const documents = Object.entries(generated).filter(
      ([name, value]) => name.endsWith('Document') && value instanceof generated.TypedDocumentString,
    );
    expect(documents.length).toBeGreaterThan(10);
    for (const [name, doc] of documents) {
      const [first] = parse(String(doc)).definitions;
      expect(first?.kind).toBe(Kind.OPERATION_DEFINITION);
      const definition = first as OperationDefinitionNode;
      expect(operationInfo(doc)).toMatchObject({
        name: name.replace(/Document$/, ''),
        kind: definition.operation,
      });
      expect(definition.name?.value).toBe(name.replace(/Document$/, ''));
    }
  });
});
