import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { SCHEMA_PATH } from '@styleclip/api-contract/codegen';

/** The resolver types the server is checked against. */
export const RESOLVERS_PATH = fileURLToPath(new URL('../generated/resolvers.ts', import.meta.url));

const HEADER =
  '// Generated from libs/api-contract/src/schema.graphql by @graphql-codegen (`npm run codegen -w @styleclip/api`).\n' +
  '// Do not edit by hand: change the schema and run the generator (a test fails when this file is stale).\n';

/**
 * Resolver types with record mappers: a resolver of `Image` gets the stored ImageRecord as its parent (not the
 * GraphQL shape), so every field the record does not hold as is must have a resolver, and the compiler says so.
 */
export function resolversCodegenConfig(): CodegenConfig {
  return {
    schema: SCHEMA_PATH,
    silent: true,
    config: { sort: false },
    generates: {
      [RESOLVERS_PATH]: {
        plugins: [{ add: { content: HEADER } }, 'typescript', 'typescript-resolvers'],
        config: {
          contextType: '../context#ApiContext',
          useTypeImports: true,
          enumsAsTypes: true,
          namingConvention: { enumValues: 'keep' },
          scalars: { DateTime: 'string', JSON: 'unknown' },
          strictScalars: true,
          mappers: {
            Image: '@styleclip/studio#ImageRecord',
            Latent: '@styleclip/studio#LatentRecord',
            Edit: '@styleclip/studio#EditRecord',
            EditResult: '../resolvers/mappers#EditResultParent',
            Job: '@styleclip/studio#JobEvent',
            ModelSet: '@styleclip/studio#ModelSetEntry',
            Mapper: '../resolvers/mappers#MapperParent',
            TrainedMapper: '@styleclip/studio#MapperRecord',
            OptimizationSettings: '../resolvers/mappers#OptimizationParent',
            Parameters: '@styleclip/studio#ParametersDescription',
            Photo: '@styleclip/studio#PhotoRecord',
            PhotoFace: '@styleclip/studio#PhotoFaceRecord',
            Point: '../resolvers/mappers#PointParent',
          },
        },
      },
    },
  };
}
