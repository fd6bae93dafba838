import { readFile } from 'node:fs/promises';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH } from './codegen/paths';
import { ErrorCode, typeDefs } from './index';

describe('schema', () => {
  it('typeDefs is the SDL file and builds a schema with query, mutation and subscription roots', async () => {
    expect(typeDefs).toBe(await readFile(SCHEMA_PATH, 'utf8'));
    const schema = buildSchema(typeDefs);
    expect(schema.getQueryType()?.name).toBe('Query');
    expect(schema.getMutationType()?.name).toBe('Mutation');
    expect(schema.getSubscriptionType()?.name).toBe('Subscription');
  });

  it('the generated ErrorCode constant lists exactly the enum of the schema', () => {
    const e = buildSchema(typeDefs).getType('ErrorCode');
    expect(isEnumType(e)).toBe(true);
    if (!isEnumType(e)) return;
    expect(Object.values(ErrorCode)).toEqual(e.getValues().map((v) => v.name));
    expect(ErrorCode.INTERNAL_SERVER_ERROR).toBe('INTERNAL_SERVER_ERROR');
  });
});
