// `npm run codegen -w @styleclip/api`: everything generated from the server's sources of truth, in order:
// 1. the `Parameters` types of libs/api-contract/src/schema.graphql, from libs/studio's parameter schema;
// 2. the contract's TypeScript types (libs/api-contract/src/generated/types.ts), from the schema;
// 3. the server's resolver types with record mappers (src/generated/resolvers.ts), from the schema.
import { readFile, writeFile } from 'node:fs/promises';
import { contractCodegenConfig, SCHEMA_PATH, writeGenerated } from '@styleclip/api-contract/codegen';
import { expectedSchema } from './schema-block';
import { resolversCodegenConfig } from './config';

const next = await expectedSchema();
if ((await readFile(SCHEMA_PATH, 'utf8')) !== next) {
  await writeFile(SCHEMA_PATH, next);
  console.log(`updated the generated parameter types in ${SCHEMA_PATH}`);
}
await writeGenerated(contractCodegenConfig());
await writeGenerated(resolversCodegenConfig());
