import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { typeDefs } from '@styleclip/api-contract';
import { resolvers } from '../resolvers';

/** The executable schema: the contract's SDL with our resolvers (shared by HTTP and WebSocket). */
export const createSchema = (): GraphQLSchema => makeExecutableSchema({ typeDefs, resolvers });
