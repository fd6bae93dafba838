import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '@styleclip/api-contract';
import { ApiError } from './errors';
import { PARAMETERS } from '@styleclip/studio';
import { checkQueryLimits, measureOperation } from './limits';
import { pageDefaults } from './paging';

const schema = buildSchema(typeDefs);
const measure = (q: string, variables: Record<string, unknown> = {}) => {
  const doc = parse(q);
  return measureOperation(schema, doc, getOperationAST(doc)!, variables, pageDefaults(PARAMETERS));
};

describe('query limits', () => {
  it('counts depth by field nesting, through fragments, ignoring introspection', () => {
    expect(measure('{ health { status } }')).toEqual({ depth: 2, cost: 2 });
    expect(measure('{ images { edges { node { id } } } }').depth).toBe(4);
    expect(
      measure('{ ...F } fragment F on Query { images { edges { node { ... on Image { id } } } } }').depth,
    ).toBe(4);
    expect(measure('{ __schema { types { fields { type { ofType { name } } } } } }')).toEqual({
      depth: 0,
      cost: 0,
    });
  });

  it('multiplies connections by first (its default, or a variable) and other object lists by 10', () => {
    const q = 'query($n: Int) { images(first: $n) { edges { node { id } } } }';
    expect(measure(q, { n: 2 }).cost).toBe(1 + 2 * (1 + 1 * (1 + 1)));
    expect(measure(q).cost).toBe(1 + 24 * 3); // the parameter schema's default page: 24
    expect(measure('{ jobs { edges { node { id } } } }').cost).toBe(1 + 20 * 3);
    expect(measure('{ modelSets { id mappers { name } } }').cost).toBe(1 + 10 * (1 + 1 + 10 * 1));
  });

  it('throws QUERY_TOO_COMPLEX naming the measure and the limit', () => {
    const doc = parse(
      '{ images(first: 100) { edges { node { edits(first: 100) { edges { node { id } } } } } } }',
    );
    const op = getOperationAST(doc)!;
    expect(() => checkQueryLimits(schema, doc, op, {}, { maxDepth: 5, maxCost: 1e9 })).toThrow(
      /nested 7 levels deep; the limit is 5/,
    );
    try {
      checkQueryLimits(schema, doc, op, {}, { maxDepth: 20, maxCost: 1000 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 1000 });
    }
  });
});
