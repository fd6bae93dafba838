import {
  buildASTSchema,
  Kind,
  parse,
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type InputValueDefinitionNode,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type StringValueNode,
  type TypeNode,
  type UnionTypeDefinitionNode,
} from 'graphql';

/** TypeScript types of the built-in scalars. */
const BUILTIN_SCALARS: Record<string, string> = {
  ID: 'string',
  String: 'string',
  Boolean: 'boolean',
  Int: 'number',
  Float: 'number',
};

/** TypeScript types of our custom scalars (how they travel in JSON). */
const CUSTOM_SCALARS: Record<string, string> = {
  DateTime: 'string',
  JSON: 'unknown',
};

export const GENERATED_HEADER =
  '// Generated from src/schema.graphql by src/codegen (`npm run codegen -w @styleclip/api-contract`).\n' +
  '// Do not edit by hand: change the schema and run the generator (a test fails when this file is stale).\n';

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function doc(description: StringValueNode | undefined, indent = ''): string {
  if (!description) return '';
  const lines = description.value.replace(/\*\//g, '*\\/').split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** The TypeScript type of a GraphQL type reference (nullable types become `Maybe<T>`). */
function tsType(t: TypeNode, scalars: Set<string>): string {
  const inner = (n: TypeNode): { ts: string; nullable: boolean } => {
    if (n.kind === Kind.NON_NULL_TYPE) return { ts: inner(n.type).ts, nullable: false };
    if (n.kind === Kind.LIST_TYPE) {
      const e = inner(n.type);
      const elem = e.nullable ? `Maybe<${e.ts}>` : e.ts;
      return {
        ts: /^[\w']+$|^Scalars\['\w+'\]$/.test(elem) ? `${elem}[]` : `Array<${elem}>`,
        nullable: true,
      };
    }
    const name = n.name.value;
    const ts = BUILTIN_SCALARS[name] ?? (scalars.has(name) ? `Scalars['${name}']` : name);
    return { ts, nullable: true };
  };
  const r = inner(t);
  return r.nullable ? `Maybe<${r.ts}>` : r.ts;
}

function outputField(f: FieldDefinitionNode, scalars: Set<string>): string {
  return `${doc(f.description, '  ')}  ${f.name.value}: ${tsType(f.type, scalars)};\n`;
}

/** Inputs and arguments: nullable ones and those with a default may be omitted. */
function inputField(f: InputValueDefinitionNode, scalars: Set<string>): string {
  const optional = f.type.kind !== Kind.NON_NULL_TYPE || f.defaultValue !== undefined;
  const parts = [
    f.description?.value,
    f.defaultValue ? `Default: ${printValue(f.defaultValue)}.` : undefined,
  ];
  const text = parts.filter((p) => p !== undefined).join('\n');
  const description = text ? ({ kind: Kind.STRING, value: text } as StringValueNode) : undefined;
  return `${doc(description, '  ')}  ${f.name.value}${optional ? '?' : ''}: ${tsType(f.type, scalars)};\n`;
}

function printValue(v: NonNullable<InputValueDefinitionNode['defaultValue']>): string {
  switch (v.kind) {
    case Kind.STRING:
      return JSON.stringify(v.value);
    case Kind.INT:
    case Kind.FLOAT:
    case Kind.ENUM:
      return v.value;
    case Kind.BOOLEAN:
      return String(v.value);
    case Kind.NULL:
      return 'null';
    case Kind.LIST:
      return `[${v.values.map(printValue).join(', ')}]`;
    case Kind.OBJECT:
      return `{ ${v.fields.map((f) => `${f.name.value}: ${printValue(f.value)}`).join(', ')} }`;
    default:
      return '…';
  }
}

function objectType(t: ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode, scalars: Set<string>): string {
  const name = t.name.value;
  const fields = t.fields ?? [];
  let out = doc(t.description);
  const typename = t.kind === Kind.OBJECT_TYPE_DEFINITION ? `  __typename?: '${name}';\n` : '';
  out += `export interface ${name} {\n${typename}${fields.map((f) => outputField(f, scalars)).join('')}}\n`;
  for (const f of fields) {
    if (!f.arguments?.length) continue;
    out += `\n/** Arguments of \`${name}.${f.name.value}\`. */\n`;
    out += `export interface ${name}${pascal(f.name.value)}Args {\n${f.arguments.map((a) => inputField(a, scalars)).join('')}}\n`;
  }
  return out;
}

function inputType(t: InputObjectTypeDefinitionNode, scalars: Set<string>): string {
  return `${doc(t.description)}export interface ${t.name.value} {\n${(t.fields ?? []).map((f) => inputField(f, scalars)).join('')}}\n`;
}

function enumType(t: EnumTypeDefinitionNode): string {
  const name = t.name.value;
  const values = t.values ?? [];
  const members = values
    .map((v) => `${doc(v.description, '  ')}  ${v.name.value}: '${v.name.value}',\n`)
    .join('');
  return (
    `${doc(t.description)}export const ${name} = {\n${members}} as const;\n` +
    `${doc(t.description)}export type ${name} = (typeof ${name})[keyof typeof ${name}];\n`
  );
}

function unionType(t: UnionTypeDefinitionNode): string {
  const members = (t.types ?? []).map((m) => m.name.value).join(' | ');
  return `${doc(t.description)}export type ${t.name.value} = ${members || 'never'};\n`;
}

/** The SDL as the body of a template literal. */
function templateLiteral(s: string): string {
  return '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

/**
 * TypeScript for a schema: the SDL as `typeDefs`, then, in schema order, an interface per object, interface and
 * input type (plus `<Type><Field>Args` for fields with arguments), a `const` object and a union type per enum,
 * a union alias per union. Operation-agnostic: every field is present; nullable ones are `Maybe<T>`.
 * Throws (with the type's name) on definitions it does not know how to emit.
 */
export function generateSource(sdl: string): string {
  let document: DocumentNode;
  try {
    document = parse(sdl);
    buildASTSchema(document);
  } catch (e) {
    throw new Error(`schema.graphql is not a valid schema: ${(e as Error).message}`, { cause: e });
  }
  const scalars = new Set<string>();
  for (const d of document.definitions) {
    if (d.kind === Kind.SCALAR_TYPE_DEFINITION) scalars.add(d.name.value);
  }
  for (const s of scalars) {
    if (!(s in CUSTOM_SCALARS)) {
      throw new Error(
        `scalar ${s} has no TypeScript mapping; add it to CUSTOM_SCALARS in src/codegen/generate.ts`,
      );
    }
  }
  const parts: string[] = [GENERATED_HEADER];
  parts.push(
    `/** The schema (SDL), so neither the server nor a browser needs to read a file. */\n` +
      `export const typeDefs = ${templateLiteral(sdl)};\n`,
  );
  parts.push(`export type Maybe<T> = T | null;\n`);
  parts.push(
    `/** How custom scalars travel in JSON. */\nexport interface Scalars {\n${[...scalars]
      .map((s) => {
        const def = document.definitions.find(
          (d) => d.kind === Kind.SCALAR_TYPE_DEFINITION && d.name.value === s,
        );
        const description = def && 'description' in def ? def.description : undefined;
        return `${doc(description, '  ')}  ${s}: ${CUSTOM_SCALARS[s]};\n`;
      })
      .join('')}}\n`,
  );
  for (const d of document.definitions) {
    switch (d.kind) {
      case Kind.SCHEMA_DEFINITION:
      case Kind.SCALAR_TYPE_DEFINITION:
        break;
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
        parts.push(objectType(d, scalars));
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        parts.push(inputType(d, scalars));
        break;
      case Kind.ENUM_TYPE_DEFINITION:
        parts.push(enumType(d));
        break;
      case Kind.UNION_TYPE_DEFINITION:
        parts.push(unionType(d));
        break;
      default:
        throw new Error(
          `the generator does not handle ${d.kind}${'name' in d && d.name ? ` (${d.name.value})` : ''}; extend src/codegen/generate.ts`,
        );
    }
  }
  return parts.join('\n');
}
