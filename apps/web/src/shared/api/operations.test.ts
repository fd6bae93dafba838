import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '@styleclip/api-contract';
import * as operations from './operations';

const schema = buildSchema(typeDefs);

describe('operations', () => {
  const entries = Object.entries(operations);

  it('are all exported and named after their export', () => {
    expect(entries.length).toBeGreaterThan(10);
    for (const [name, doc] of entries) expect(name.replace(/(Query|Mutation)$/, '')).toBe(doc.operationName);
  });

  it.each(entries)('%s is valid against the API schema', (_name, doc) => {
    const errors = validate(schema, parse(doc.source));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it.each([
    ['PreviewGlobalEditQuery', operations.PreviewGlobalEditQuery, 'EditGlobalInput'],
    ['PreviewMapperEditQuery', operations.PreviewMapperEditQuery, 'EditMapperInput'],
  ] as const)(
    "%s is a query (public, stores nothing) taking its mutation's input and answering with images",
    (_name, doc, inputType) => {
      const [def] = parse(doc.source).definitions;
      expect(def?.kind === 'OperationDefinition' ? def.operation : undefined).toBe('query');
      const field = schema.getQueryType()!.getFields()[
        doc.operationName.replace(/^./, (c) => c.toLowerCase())
      ];
      expect(field?.args.map((a) => String(a.type))).toEqual([`${inputType}!`]);
      expect(doc.source).toMatch(/images \{ alpha width height dataUrl \}/);
    },
  );

  it('a field the schema lacks is caught (the check can fail)', () => {
    const errors = validate(schema, parse('query X { images { edges { node { nope } } } }'));
    expect(errors).toHaveLength(1);
  });
});
