import { z } from 'zod';
import type { Parameters } from './schema';

/** One parameter as clients see it: its kind, bounds and default (from the schema, never restated). */
export type ParameterDescription =
  | { kind: 'INT' | 'FLOAT'; min?: number; max?: number; default?: number; description?: string }
  | { kind: 'BOOLEAN'; default?: boolean; description?: string }
  | { kind: 'ENUM'; values: string[]; default?: string; description?: string }
  | { kind: 'STRING'; minLength?: number; maxLength?: number; description?: string }
  | {
      kind: 'INT_LIST' | 'FLOAT_LIST';
      minItems?: number;
      maxItems?: number;
      min?: number;
      max?: number;
      default?: number[];
      description?: string;
    };

export type ParameterKind = ParameterDescription['kind'];

/** Every operation: field name → description. */
export type ParametersDescription = Record<string, Record<string, ParameterDescription>>;

interface JsonSchema {
  type?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
}

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function describeField(path: string, s: JsonSchema): ParameterDescription {
  const base = { description: s.description };
  if (s.enum) {
    return defined({ kind: 'ENUM', values: s.enum.map(String), default: s.default as string, ...base });
  }
  switch (s.type) {
    case 'integer':
    case 'number':
      return defined({
        kind: s.type === 'integer' ? 'INT' : 'FLOAT',
        min: s.minimum,
        max: s.maximum,
        default: s.default as number,
        ...base,
      });
    case 'boolean':
      return defined({ kind: 'BOOLEAN', default: s.default as boolean, ...base });
    case 'string':
      return defined({ kind: 'STRING', minLength: s.minLength, maxLength: s.maxLength, ...base });
    case 'array': {
      const item = s.items ?? {};
      if (item.type !== 'integer' && item.type !== 'number')
        throw new Error(`parameter ${path}: lists of ${item.type ?? 'unknown'} cannot be described`);
      return defined({
        kind: item.type === 'integer' ? 'INT_LIST' : 'FLOAT_LIST',
        minItems: s.minItems,
        maxItems: s.maxItems,
        min: item.minimum,
        max: item.maximum,
        default: s.default as number[],
        ...base,
      });
    }
    default:
      throw new Error(`parameter ${path}: type ${s.type ?? 'unknown'} cannot be described`);
  }
}

/**
 * The parameters as plain data (kind, bounds, default, description per field), derived from the zod schema
 * through its JSON Schema: what the API serves as `parameters` and what its SDL types are generated from.
 */
export function describeParameters(params: Parameters): ParametersDescription {
  const out: ParametersDescription = {};
  for (const [op, schema] of Object.entries(params)) {
    const json = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
    out[op] = Object.fromEntries(
      Object.entries(json.properties ?? {}).map(([field, s]) => [field, describeField(`${op}.${field}`, s)]),
    );
  }
  return out;
}
