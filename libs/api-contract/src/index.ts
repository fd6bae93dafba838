/**
 * @styleclip/api-contract: the GraphQL schema of the API (`typeDefs`, the SDL as a string) and the TypeScript
 * types generated from it (one per object, input and enum type; `<Type><Field>Args` for arguments). Shared by
 * the API server and the web app; no runtime dependencies.
 */
export * from './generated/types';
