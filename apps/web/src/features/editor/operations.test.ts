import { parse, print, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  EditGlobalMutation,
  EditMapperMutation,
  PreviewGlobalEditQuery,
  PreviewMapperEditQuery,
} from './operations';

/** The operation definition of a document (its first definition) and its variables as written. */
function operation(doc: { toString(): string }): { kind: string; variables: string[] } {
  const def = parse(doc.toString()).definitions[0] as OperationDefinitionNode;
  return {
    kind: def.operation,
    variables: (def.variableDefinitions ?? []).map((v) => `$${v.variable.name.value}: ${print(v.type)}`),
  };
}

describe('live previews', () => {
  it.each([
    ['PreviewGlobalEdit', PreviewGlobalEditQuery, EditGlobalMutation],
    ['PreviewMapperEdit', PreviewMapperEditQuery, EditMapperMutation],
  ] as const)(
    '%s is a query (stores nothing, retried while the API is down) taking the input of the mutation that keeps it, and a resolution',
    (_name, preview, keep) => {
      expect(operation(preview).kind).toBe('query');
      expect(operation(keep).kind).toBe('mutation');
      expect(operation(preview).variables).toEqual([...operation(keep).variables, '$resolution: Int']);
    },
  );
});
