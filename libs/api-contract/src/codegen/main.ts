// `npm run codegen -w @styleclip/api-contract`: src/schema.graphql → src/generated/types.ts.
import { codegenConfig } from './config';
import { writeGenerated } from './write';

await writeGenerated(codegenConfig());
