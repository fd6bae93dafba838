import { describe, expect, it } from 'vitest';
import { operationInfo } from './document';

/** An operation's text as codegen generates it (a String object). */
const op = (source: string) => new String(source);

describe('operationInfo', () => {
  it('reads the kind and name of the operation, which comes before its fragments', () => {
    const source = `
    mutation EditGlobal($input: EditGlobalInput!) { editGlobal(input: $input) { ...EditDetail } }
    fragment EditDetail on Edit { id image { ...ImageSummary } }
    fragment ImageSummary on Image { id }`;
    expect(operationInfo(op(source))).toEqual({ source, kind: 'mutation', name: 'EditGlobal' });
    expect(operationInfo(op('query Health { health { version } }')).kind).toBe('query');
  });

  it('refuses anonymous operations and texts that start with a fragment', () => {
    expect(() => operationInfo(op('{ health { version } }'))).toThrow(/not a named GraphQL operation/);
    expect(() => operationInfo(op('query { health { version } }'))).toThrow(/not a named/);
    expect(() => operationInfo(op('fragment A on Image { id } query B { health { version } }'))).toThrow(
      /not a named/,
    );
  });
});
