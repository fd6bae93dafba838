// GraphQL codegen for the web app (`npm run codegen -w @styleclip/web`): every `graphql(…)` document under src/
// (each feature's `operations.ts`) is validated against the API's schema and typed from its selection set into
// src/shared/api/generated/ (the client preset, documents as plain strings). A test
// (src/shared/api/generated.test.ts) fails while the generated files are stale.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = dirname(fileURLToPath(import.meta.url));

/** The API's schema (SDL), as @styleclip/api-contract exports it. */
export const SCHEMA_FILE = createRequire(import.meta.url).resolve('@styleclip/api-contract/schema.graphql');
/** Where the generated module goes (a folder: the client preset writes several files). */
export const GENERATED_DIR = join(WEB_DIR, 'src', 'shared', 'api', 'generated');
/** Where operations are written. */
export const DOCUMENTS = [
  join(WEB_DIR, 'src', '**', '*.{ts,tsx}'),
  `!${join(GENERATED_DIR, '**')}`,
  `!${join(WEB_DIR, 'src', '**', '*.test.ts')}`,
  `!${join(WEB_DIR, 'src', 'e2e', '**')}`,
];

const config: CodegenConfig = {
  schema: SCHEMA_FILE,
  documents: DOCUMENTS,
  ignoreNoDocuments: false,
  generates: {
    [`${GENERATED_DIR}/`]: {
      preset: 'client',
      // Fragments are a way to share selections, not to hide fields from components.
      presetConfig: { fragmentMasking: false },
      config: {
        // The transport posts the text: no parsed documents (and no `graphql` package) in the browser.
        documentMode: 'string',
        useTypeImports: true,
        strictScalars: true,
        scalars: {
          ID: { input: 'string', output: 'string' },
          DateTime: 'string',
          JSON: 'unknown',
        },
        // Results say `null` where the API may answer null; inputs keep optional fields optional.
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        skipTypename: true,
      },
    },
  },
  hooks: { afterOneFileWrite: ['prettier --write'] },
};

export default config;
