import type { ApolloServerPlugin } from '@apollo/server';
import type { ApiContext } from '../context';
import { ApiError, classifyError, INTERNAL_MESSAGE, rootCause } from '../errors';
import { checkQueryLimits, type DefaultFirst } from '../limits';

/**
 * Per-request policy: mutations need an API key when keys are configured, operations must stay within the
 * depth and cost limits, unexpected errors are logged (with the request id, which every error response carries).
 */
export function policyPlugin(o: {
  keysRequired: boolean;
  limits: { maxDepth: number; maxCost: number; defaultFirst?: DefaultFirst };
  onErrorCode?: (code: string) => void;
}): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema, contextValue }) {
          if (!operation) return; // Apollo reports a missing operation itself
          if (operation.operation === 'subscription') {
            throw new ApiError(
              'BAD_REQUEST',
              'subscriptions run over WebSocket (graphql-ws protocol) at /graphql',
              {},
              { httpStatus: 400 },
            );
          }
          if (operation.operation === 'mutation' && o.keysRequired && !contextValue.principal.authenticated) {
            throw new ApiError(
              'UNAUTHENTICATED',
              'mutations need an API key: send "Authorization: Bearer <key>"',
              {},
              { httpStatus: 401 },
            );
          }
          const m = checkQueryLimits(schema, document, operation, request.variables, o.limits);
          contextValue.log = contextValue.log.child({
            op: operation.name?.value ?? operation.operation,
            cost: m.cost,
          });
        },
        async didEncounterErrors({ errors, contextValue }) {
          for (const e of errors) {
            const c = classifyError(e);
            if (!c)
              contextValue.log.error(
                { err: rootCause(e), path: e.path },
                'unexpected error (masked as INTERNAL_SERVER_ERROR)',
              );
            else if (c.code === 'STORAGE_UNAVAILABLE')
              contextValue.log.warn({ err: rootCause(e) }, 'storage unavailable');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors) return;
          for (const e of errors) o.onErrorCode?.(String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const requestId = contextValue.requestId;
          response.body.singleResult.errors = errors.map((e) => ({
            ...e,
            ...(e.extensions?.code === 'INTERNAL_SERVER_ERROR'
              ? { message: `${INTERNAL_MESSAGE} (request ${requestId})` }
              : {}),
            extensions: { ...e.extensions, requestId },
          }));
        },
      };
    },
  };
}
