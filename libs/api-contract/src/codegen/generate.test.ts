import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { expectedGeneratedFile } from './codegen';
import { generateSource } from './generate';
import { GENERATED_PATH } from './paths';

describe('codegen', () => {
  it('src/generated/types.ts is up to date with src/schema.graphql (run `npm run codegen` if this fails)', async () => {
    const current = await readFile(GENERATED_PATH, 'utf8');
    expect(current === (await expectedGeneratedFile()), 'src/generated/types.ts is stale').toBe(true);
  });

  it('emits interfaces, args, enums (const + type), Maybe for nullable and optional inputs', () => {
    const ts = generateSource(`
      "A thing"
      type Query { things(first: Int = 3, tag: String): [Thing!]! }
      type Thing { id: ID! "the name" name: String tags: [String]! kind: Kind! at: DateTime! }
      enum Kind { A "second" B }
      input NewThing { name: String! size: Int = 1 note: String }
      scalar DateTime
    `);
    expect(ts).toContain(
      "export interface Thing {\n  __typename?: 'Thing';\n  id: string;\n  /** the name */\n  name: Maybe<string>;",
    );
    expect(ts).toContain('tags: Array<Maybe<string>>;');
    expect(ts).toContain("at: Scalars['DateTime'];");
    expect(ts).toContain(
      'export interface QueryThingsArgs {\n  /** Default: 3. */\n  first?: Maybe<number>;\n  tag?: Maybe<string>;\n}',
    );
    expect(ts).toContain(
      'export interface NewThing {\n  name: string;\n  /** Default: 1. */\n  size?: Maybe<number>;',
    );
    expect(ts).toContain("export const Kind = {\n  A: 'A',\n  /** second */\n  B: 'B',\n} as const;");
    expect(ts).toContain('export type Kind = (typeof Kind)[keyof typeof Kind];');
  });

  it('keeps backticks and ${ of the SDL intact in the typeDefs literal', async () => {
    const sdl = '"uses `code` and ${x} and \\\\ backslash"\ntype Query { a: Int }\n';
    const ts = generateSource(sdl);
    const literal = ts.slice(
      ts.indexOf('export const typeDefs = ') + 'export const typeDefs = '.length,
      ts.indexOf(';\n', ts.indexOf('typeDefs')),
    );
    expect(new Function(`return ${literal}`)()).toBe(sdl);
  });

  it('refuses an invalid schema and unmapped scalars with a clear message', () => {
    expect(() => generateSource('type Query { a: Missing }')).toThrow(
      /not a valid schema: Unknown type "Missing"/,
    );
    expect(() => generateSource('scalar Money\ntype Query { a: Money }')).toThrow(
      /scalar Money has no TypeScript mapping/,
    );
  });
});
