import type { ApolloServerPlugin } from '@apollo/server';
import type { WorkBudget } from '../budget';
import type { ApiContext } from '../context';
import { measureWork } from '../work';

/**
 * The work budget of a whole operation (aliases and list sizes counted, see `measureWork`), checked and charged
 * before anything executes: a refused request has rendered and stored nothing.
 */
export function workBudgetPlugin(budget: WorkBudget): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema, contextValue }) {
          if (!operation || operation.operation === 'subscription') return;
          const work = measureWork(schema, document, operation, request.variables ?? {});
          budget.charge(contextValue.principal, work);
          if (work.units > 0) contextValue.log = contextValue.log.child({ work: work.units });
        },
      };
    },
  };
}
