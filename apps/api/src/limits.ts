import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ApiError } from './errors';

/** Multiplier for a list of objects without a `first` argument (e.g. edit results, model sets; not `edges`). */
export const LIST_MULTIPLIER = 10;

export interface QueryMeasure {
  /** Deepest field nesting (introspection fields do not count). */
  depth: number;
  /** Fields weighted by how many times they may be resolved: `first` (or its default) for connections. */
  cost: number;
}

/** The page size a connection field uses when `first` is not given (the parameter schema's default). */
export type DefaultFirst = (parentType: string, field: string) => number | undefined;

function argFirst(
  field: FieldNode,
  def: GraphQLField<unknown, unknown>,
  parentType: string,
  variables: Record<string, unknown>,
  defaultFirst: DefaultFirst | undefined,
): number | undefined {
  const argDef = def.args.find((a) => a.name === 'first');
  if (!argDef) return undefined;
  const node = field.arguments?.find((a) => a.name.value === 'first');
  const fallback = argDef.defaultValue ?? defaultFirst?.(parentType, def.name);
  let value: unknown = fallback;
  if (node) value = valueFromAST(node.value, argDef.type, variables) ?? fallback;
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(1, value) : 1;
}

/**
 * Depth and cost of one operation, with the request's variables. Fragments are followed (a cycle, which
 * validation reports anyway, is cut); type-conditioned branches are all counted (an upper bound).
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  defaultFirst?: DefaultFirst,
): QueryMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const walk = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    seen: ReadonlySet<string>,
  ): QueryMeasure => {
    let depth = 0;
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name.startsWith('__')) continue;
        const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        if (!def) continue;
        const named = getNamedType(def.type);
        let child: QueryMeasure = { depth: 0, cost: 0 };
        if (sel.selectionSet && isCompositeType(named)) child = walk(sel.selectionSet, named, seen);
        const first = argFirst(sel, def, parent.name, variables, defaultFirst);
        // A connection's `first` multiplies its subtree; its `edges` list is bounded by that same `first`.
        const list =
          isListType(getNullableType(def.type)) && sel.selectionSet !== undefined && name !== 'edges';
        const multiplier = first ?? (list ? LIST_MULTIPLIER : 1);
        cost += 1 + multiplier * child.cost;
        depth = Math.max(depth, 1 + child.depth);
      } else {
        let inner: SelectionSetNode;
        let typeName: string | undefined;
        let nextSeen = seen;
        if (sel.kind === Kind.INLINE_FRAGMENT) {
          inner = sel.selectionSet;
          typeName = sel.typeCondition?.name.value;
        } else {
          const f = fragments.get(sel.name.value);
          if (!f || seen.has(f.name.value)) continue;
          inner = f.selectionSet;
          typeName = f.typeCondition.name.value;
          nextSeen = new Set([...seen, f.name.value]);
        }
        const t = typeName ? schema.getType(typeName) : parent;
        if (!t || !isCompositeType(t)) continue;
        const m = walk(inner, t, nextSeen);
        cost += m.cost;
        depth = Math.max(depth, m.depth);
      }
    }
    return { depth, cost };
  };

  const root = schema.getRootType(operation.operation);
  if (!root) return { depth: 0, cost: 0 };
  return walk(operation.selectionSet, root, new Set());
}

/** Throws QUERY_TOO_COMPLEX when an operation is deeper or costlier than allowed. */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: { maxDepth: number; maxCost: number; defaultFirst?: DefaultFirst },
): QueryMeasure {
  const m = measureOperation(schema, document, operation, variables ?? {}, limits.defaultFirst);
  if (m.depth > limits.maxDepth) {
    throw new ApiError(
      'QUERY_TOO_COMPLEX',
      `query is nested ${m.depth} levels deep; the limit is ${limits.maxDepth}`,
      { depth: m.depth, maxDepth: limits.maxDepth },
      { httpStatus: 400 },
    );
  }
  if (m.cost > limits.maxCost) {
    throw new ApiError(
      'QUERY_TOO_COMPLEX',
      `query may resolve about ${m.cost} fields; the limit is ${limits.maxCost} (ask for fewer items per page or fewer nested lists)`,
      { cost: m.cost, maxCost: limits.maxCost },
      { httpStatus: 400 },
    );
  }
  return m;
}
