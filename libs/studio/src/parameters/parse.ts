import { z } from 'zod';
import { badInput } from '../errors';

/** `null` means "not given" (GraphQL sends it for omitted nullable fields), so defaults apply. */
function withoutNulls(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
}

const shown = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? 'nothing' : s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path)
    v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** One problem in our words: which field, what it must be, what it was. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, prefix = ''): string {
  const field = prefix + issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const name = field.replace(/^\./, '') || 'the input';
  const got = valueAt(input, issue.path);
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const op = issue.code === 'too_small' ? 'at least' : 'at most';
      if (issue.origin === 'array')
        return `${name}: give ${op} ${bound} value${Number(bound) === 1 ? '' : 's'}, got ${Array.isArray(got) ? got.length : shown(got)}`;
      if (issue.origin === 'string')
        return `${name}: must be ${op} ${bound} character${Number(bound) === 1 ? '' : 's'} long`;
      return `${name} must be ${op} ${bound}, got ${shown(got)}`;
    }
    case 'invalid_type':
      return `${name} must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}, got ${shown(got)}`;
    case 'invalid_value':
      return `${name} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${shown(got)}`;
    case 'unrecognized_keys':
      return `${name}: unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
    default:
      return `${name}: ${issue.message}`;
  }
}

/**
 * Validates an operation's parameters against its schema (nulls count as absent, so defaults apply) and returns
 * them with defaults filled in; BAD_INPUT naming every wrong field and its limit otherwise.
 */
export function parseParameters<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const clean = withoutNulls(input);
  const r = schema.safeParse(clean);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => describeIssue(i, clean, prefix));
  throw badInput(problems.join('; '), { problems });
}

/** The schema of one field of an operation (to check a single value, e.g. a CLI flag). */
export function fieldSchema<S extends z.ZodObject, K extends keyof S['shape'] & string>(
  schema: S,
  key: K,
): S['shape'][K] {
  return schema.shape[key];
}

/**
 * Checks one field of an operation's parameters on its own (a CLI flag, a form field): the value with the
 * field's default applied, or BAD_INPUT naming it as `name`.
 */
export function parseField<S extends z.ZodObject, K extends keyof S['shape'] & string>(
  schema: S,
  key: K,
  value: unknown,
  name: string = key,
): z.output<S['shape'][K]> {
  const r = (schema.shape[key] as z.ZodType).safeParse(value === null ? undefined : value);
  if (r.success) return r.data as z.output<S['shape'][K]>;
  const problems = r.error.issues.map((i) => describeIssue(i, value, name));
  throw badInput(problems.join('; '), { problems });
}

/** A field's default (undefined when it has none). */
export function defaultOf<S extends z.ZodObject, K extends keyof S['shape'] & string>(
  schema: S,
  key: K,
): z.output<S['shape'][K]> {
  const f = schema.shape[key] as z.ZodType;
  if (f instanceof z.ZodDefault) return f.def.defaultValue as z.output<S['shape'][K]>;
  return undefined as z.output<S['shape'][K]>;
}
