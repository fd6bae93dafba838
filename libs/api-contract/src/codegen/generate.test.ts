import { readFile } from 'node:fs/promises';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { codegenConfig } from './config';
import { generatedFiles } from './generate';
import { GENERATED_PATH } from './paths';
import { ErrorCode, typeDefs } from '../index';

describe('codegen', () => {
  it('src/generated/types.ts is up to date with src/schema.graphql (run `npm run codegen` if this fails)', async () => {
    const expected = (await generatedFiles(codegenConfig())).get(GENERATED_PATH);
    const current = await readFile(GENERATED_PATH, 'utf8');
    expect(current === expected, 'src/generated/types.ts is stale').toBe(true);
  }, 60_000);

  it('exports the SDL as typeDefs (a valid schema) and enums as const objects', () => {
    const schema = buildSchema(typeDefs);
    expect(schema.getQueryType()?.getFields().parameters).toBeDefined();
    expect(Object.values(ErrorCode)).toContain('RATE_LIMITED');
  });
});
