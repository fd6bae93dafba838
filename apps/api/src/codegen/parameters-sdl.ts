import type { ParameterKind, ParametersDescription } from '@styleclip/studio';

/** Markers around the generated part of libs/api-contract/src/schema.graphql. */
export const BEGIN =
  '# ---- generated from the parameter schema of libs/studio: `npm run codegen -w @styleclip/api` ----';
export const END = '# ---- end of the generated parameter types ----';

/** The GraphQL type of each kind of parameter (the same for every operation). */
const KIND_TYPES: Record<ParameterKind, { name: string; fields: string }> = {
  INT: { name: 'IntParameter', fields: 'min: Int\n  max: Int\n  default: Int' },
  FLOAT: { name: 'FloatParameter', fields: 'min: Float\n  max: Float\n  default: Float' },
  BOOLEAN: { name: 'BooleanParameter', fields: 'default: Boolean' },
  ENUM: { name: 'EnumParameter', fields: 'values: [String!]!\n  default: String' },
  STRING: { name: 'StringParameter', fields: '"In characters."\n  minLength: Int\n  maxLength: Int' },
  INT_LIST: {
    name: 'IntListParameter',
    fields:
      '"List length."\n  minItems: Int\n  maxItems: Int\n  "Each item."\n  min: Int\n  max: Int\n  default: [Int!]',
  },
  FLOAT_LIST: {
    name: 'FloatListParameter',
    fields:
      '"List length."\n  minItems: Int\n  maxItems: Int\n  "Each item."\n  min: Float\n  max: Float\n  default: [Float!]',
  },
};

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const description = (text: string | undefined, indent = '') =>
  text ? `${indent}${JSON.stringify(text)}\n` : '';

/**
 * The SDL of the `Parameters` type (what `Query.parameters` returns): one type per operation with one field per
 * parameter, typed by its kind, with the schema's descriptions. Generated, so the API's contract can never
 * disagree with the schema that validates requests.
 */
export function parametersSdl(d: ParametersDescription): string {
  const ops = Object.entries(d);
  const used = new Set<ParameterKind>();
  const parts: string[] = [BEGIN];
  parts.push(
    `"Limits and defaults of every operation's parameters: one definition, the core's parameter schema."\ntype Parameters {\n` +
      ops.map(([op]) => `  ${op}: ${pascal(op)}Parameters!\n`).join('') +
      '}',
  );
  for (const [op, fields] of ops) {
    const lines = Object.entries(fields).map(([name, p]) => {
      used.add(p.kind);
      return `${description(p.description, '  ')}  ${name}: ${KIND_TYPES[p.kind].name}!\n`;
    });
    parts.push(`type ${pascal(op)}Parameters {\n${lines.join('')}}`);
  }
  for (const [kind, t] of Object.entries(KIND_TYPES) as [
    ParameterKind,
    (typeof KIND_TYPES)[ParameterKind],
  ][]) {
    if (used.has(kind)) parts.push(`type ${t.name} {\n  ${t.fields}\n}`);
  }
  parts.push(END);
  return parts.join('\n\n') + '\n';
}

/** The schema text with its generated block replaced (or appended when it has none). */
export function withParametersBlock(sdl: string, block: string): string {
  const i = sdl.indexOf(BEGIN);
  const j = sdl.indexOf(END);
  if (i < 0 || j < 0) return `${sdl.trimEnd()}\n\n${block}`;
  return sdl.slice(0, i) + block + sdl.slice(j + END.length + 1);
}
