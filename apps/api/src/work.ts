import {
  getArgumentValues,
  getVariableValues,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { workOf } from '@styleclip/studio';

/** The work of a whole request: every root field that costs something, aliases counted one by one. */
export interface RequestWork {
  units: number;
  storedImages: number;
  /** Root field → how many times the request calls it, and what those calls cost together. */
  fields: Record<string, { calls: number; units: number; storedImages: number }>;
}

/**
 * Adds up the declared work (`OPERATION_WORK` of the core) of every root field of an operation, with the
 * request's variables: aliases are separate calls, list inputs count by their size (α, seeds, …), fragments are
 * followed (a cycle, which validation refuses anyway, is cut). `@skip`/`@include` are ignored (an upper bound).
 * Runs before execution, so a refused request has run nothing. Variables that do not coerce make the request fail
 * before execution; such a request measures as no work.
 */
export function measureWork(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): RequestWork {
  const total: RequestWork = { units: 0, storedImages: 0, fields: {} };
  const root = schema.getRootType(operation.operation);
  if (!root || !isObjectType(root)) return total;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (!('coerced' in coerced) || !coerced.coerced) return total;
  const vars = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fields = root.getFields();

  const walk = (set: SelectionSetNode, seen: ReadonlySet<string>): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, seen);
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(sel.name.value);
        if (f && !seen.has(f.name.value)) walk(f.selectionSet, new Set([...seen, f.name.value]));
        continue;
      }
      const name = sel.name.value;
      const def = fields[name];
      if (!def) continue;
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(def, sel, vars);
      } catch {
        continue; // the field fails in execution the same way, without running anything
      }
      const input = (args.input ?? args) as Record<string, unknown>;
      const w = workOf(name, typeof input === 'object' && input !== null ? input : {});
      if (w.units === 0 && w.storedImages === 0) continue;
      const f = (total.fields[name] ??= { calls: 0, units: 0, storedImages: 0 });
      f.calls++;
      f.units += w.units;
      f.storedImages += w.storedImages;
      total.units += w.units;
      total.storedImages += w.storedImages;
    }
  };
  walk(operation.selectionSet, new Set());
  return total;
}

/** "50 × previewGlobalEdit (800), 1 × generateImages (16)": what a request's work is made of, largest first. */
export function describeWork(w: RequestWork, of: 'units' | 'storedImages'): string {
  return Object.entries(w.fields)
    .filter(([, f]) => f[of] > 0)
    .sort((a, b) => b[1][of] - a[1][of])
    .map(([name, f]) => `${f.calls} × ${name} (${f[of]})`)
    .join(', ');
}
