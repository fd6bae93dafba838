/**
 * @styleclip/api-contract: the GraphQL schema of the API (`typeDefs`, the SDL as a string) and the TypeScript
 * types @graphql-codegen generates from it (one per object, input and enum type; `<Type><Field>Args` for
 * arguments). The SDL file is `@styleclip/api-contract/schema.graphql`; no runtime dependencies.
 */
export * from './generated/types';
