import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { ApiContext } from '../context';
import { formatError } from '../errors';
import type { DefaultFirst } from '../limits';
import type { Logger } from '@styleclip/studio';
import type { WorkBudget } from '../budget';
import { workBudgetPlugin } from './budget-plugin';
import { policyPlugin } from './plugin';

/**
 * Apollo Server 5 over our schema: masked errors, no stack traces, no APQ, no landing page, no usage reporting;
 * without introspection, no "Did you mean …?" hints either (they would spell out the schema field by field).
 */
export function createApollo(
  schema: GraphQLSchema,
  o: {
    log: Logger;
    introspection: boolean;
    keysRequired: boolean;
    limits: { maxDepth: number; maxCost: number; defaultFirst?: DefaultFirst };
    budget: WorkBudget;
    onErrorCode?: (code: string) => void;
  },
): ApolloServer<ApiContext> {
  const log = o.log.child({ component: 'apollo' });
  return new ApolloServer<ApiContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: o.introspection,
    hideSchemaDetailsFromClientErrors: !o.introspection,
    persistedQueries: false,
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    logger: {
      debug: (m) => log.debug(m),
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      error: (m) => log.error(m),
    },
    plugins: [
      policyPlugin({
        keysRequired: o.keysRequired,
        limits: o.limits,
        ...(o.onErrorCode ? { onErrorCode: o.onErrorCode } : {}),
      }),
      workBudgetPlugin(o.budget),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
    ],
  });
}
