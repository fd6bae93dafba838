import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GraphQLError,
  parse,
  validate,
  specifiedRules,
  getOperationAST,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Principal } from './auth';
import type { AuthGate } from './auth-gate';
import type { WorkBudget } from './budget';
import type { ApiContext } from './context';
import { ApiError, classifyError, formatError, INTERNAL_MESSAGE } from './errors';
import { checkQueryLimits, type DefaultFirst } from './limits';
import type { Logger } from '@styleclip/studio';
import { rateLimitRefusal, type RateLimiter } from './rate-limit';
import { measureWork } from './work';
import type { Services } from './services';
import { originAllowed } from './http/cors';

const asErrors = (e: unknown): GraphQLError[] => {
  // Our own errors go as they are (formatError words them); a copy would lose what classifies them.
  if (e instanceof ApiError) return [e];
  const c = classifyError(e);
  return [
    new GraphQLError(c?.message ?? INTERNAL_MESSAGE, {
      extensions: { code: c?.code ?? 'INTERNAL_SERVER_ERROR', ...c?.extensions },
    }),
  ];
};

/** A validation message without its "Did you mean …?" hint (which spells out the schema). */
export const withoutSuggestions = (message: string): string => message.replace(/ Did you mean .*\?$/s, '');

/**
 * GraphQL over WebSocket (graphql-ws protocol) on `/graphql`, for subscriptions (`jobUpdated`). Queries work
 * too; mutations are refused (they go over HTTP, where API keys apply). Connections count against the rate
 * limit; operations get the same validation, depth and cost limits and error masking as over HTTP.
 */
export function createSubscriptionServer(deps: {
  schema: GraphQLSchema;
  services: Services;
  auth: AuthGate;
  budget: WorkBudget;
  introspection: boolean;
  limiter?: RateLimiter;
  limits: { maxDepth: number; maxCost: number; maxBodyBytes: number; defaultFirst?: DefaultFirst };
  corsOrigins: string[] | '*';
  clientIp: (req: IncomingMessage) => string;
  log: Logger;
}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.limits.maxBodyBytes });
  const log = deps.log.child({ component: 'graphql-ws' });
  const server = useServer<
    Record<string, unknown>,
    { principalId: string; principal?: Principal; requestId: string }
  >(
    {
      schema: deps.schema,
      onConnect: (ctx) => {
        const ip = deps.clientIp(ctx.extra.request);
        const auth = deps.auth.authenticate(ctx.extra.request.headers.authorization, ip);
        if (!auth.ok) return false;
        ctx.extra.principal = auth.principal;
        ctx.extra.principalId = auth.principal.id;
        ctx.extra.requestId = `ws-${Math.random().toString(36).slice(2, 10)}`;
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [new GraphQLError((e as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const invalid = validate(deps.schema, document, specifiedRules);
        if (invalid.length)
          return invalid.map(
            (e) =>
              new GraphQLError(deps.introspection ? e.message : withoutSuggestions(e.message), {
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
              }),
          );
        const operation = getOperationAST(document, payload.operationName);
        if (!operation)
          return [new GraphQLError('no operation to run', { extensions: { code: 'BAD_REQUEST' } })];
        if (operation.operation === 'mutation') {
          return [
            new GraphQLError('mutations go over HTTP POST /graphql', { extensions: { code: 'BAD_REQUEST' } }),
          ];
        }
        const principalId = String(ctx.extra.principalId ?? 'unknown');
        if (deps.limiter) {
          const d = deps.limiter.take(principalId);
          if (!d.ok) {
            const refusal = rateLimitRefusal(d.retryAfterSeconds);
            return [new ApiError('RATE_LIMITED', refusal.message, refusal.extensions)];
          }
        }
        const principal = (ctx.extra.principal as Principal | undefined) ?? {
          id: principalId,
          authenticated: false,
        };
        try {
          checkQueryLimits(deps.schema, document, operation, payload.variables ?? undefined, deps.limits);
          if (operation.operation !== 'subscription')
            deps.budget.charge(
              principal,
              measureWork(deps.schema, document, operation, payload.variables ?? {}),
            );
        } catch (e) {
          return asErrors(e);
        }
        const contextValue: ApiContext = {
          requestId: String(ctx.extra.requestId),
          log: log.child({ reqId: ctx.extra.requestId }),
          principal,
          services: deps.services,
        };
        return {
          schema: deps.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return {
          ...result,
          errors: result.errors.map((e) => formatError(e.toJSON(), e)),
        };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
    },
    wss,
  );

  return {
    /** Handles an HTTP upgrade for `/graphql`. */
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      if (!originAllowed(req.headers.origin, deps.corsOrigins)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    /** Closes every connection (code 1001, going away) and the server. */
    async close(): Promise<void> {
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      await server.dispose();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
