/** A GraphQL operation carrying its result and variables types, so calls are typed end to end. */
export interface TypedDocument<TData, TVariables> {
  readonly source: string;
  readonly operationName: string;
  /** Never set: only carries the types. */
  readonly __types?: (variables: TVariables) => TData;
}

export type ResultOf<D> = D extends TypedDocument<infer R, unknown> ? R : never;
export type VariablesOf<D> = D extends TypedDocument<unknown, infer V> ? V : never;

/** Declares an operation; the name is read from the source so logs and the proxy can show it. */
export function gql<TData, TVariables = Record<string, never>>(
  source: string,
): TypedDocument<TData, TVariables> {
  const match = /\b(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(source);
  if (!match?.[1]) throw new Error(`GraphQL operation without a name: ${source.slice(0, 80)}`);
  return { source, operationName: match[1] };
}
