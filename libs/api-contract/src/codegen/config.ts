import { readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { GENERATED_PATH, SCHEMA_PATH } from './paths';

const HEADER =
  '// Generated from src/schema.graphql by @graphql-codegen (`npm run codegen -w @styleclip/api-contract`).\n' +
  '// Do not edit by hand: change the schema and run the generator (a test fails when this file is stale).\n';

/**
 * The contract's generated module: the schema's TypeScript types (@graphql-codegen/typescript: one per object,
 * input and enum type, `<Type><Field>Args` for arguments, enums as `const` objects) and the SDL itself as
 * `typeDefs`, so neither a server nor a browser reads a file.
 */
export function codegenConfig(): CodegenConfig {
  const sdl = readFileSync(SCHEMA_PATH, 'utf8');
  return {
    schema: SCHEMA_PATH,
    silent: true,
    // Keep the schema's order (types, fields, enum values: ErrorCode lists its codes in their order).
    config: { sort: false },
    generates: {
      [GENERATED_PATH]: {
        plugins: [
          { add: { content: HEADER } },
          {
            add: {
              placement: 'append',
              content: `\n/** The schema (SDL). */\nexport const typeDefs: string = ${JSON.stringify(sdl)};\n`,
            },
          },
          'typescript',
        ],
        config: {
          enumsAsConst: true,
          // Output fields are always present (nullable ones as Maybe<T>); inputs and arguments may be omitted.
          avoidOptionals: { field: true, object: true, inputValue: false, defaultValue: false },
          namingConvention: { enumValues: 'keep' },
          useTypeImports: true,
          scalars: { DateTime: 'string', JSON: 'unknown' },
          strictScalars: true,
        },
      },
    },
  };
}
