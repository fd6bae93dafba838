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
import type { ApiKeys } from './auth';
import type { ApiContext } from './context';
import { ApiError, classifyError, formatError, INTERNAL_MESSAGE } from './errors';
import { checkQueryLimits, type DefaultFirst } from './limits';
import type { Logger } from '@styleclip/studio';
import { rateLimitRefusal, type RateLimiter } from './rate-limit';
import type { Services } from './services';
import { originAllowed } from './http/cors';

const asErrors = (e: unknown): GraphQLError[] => {
  const c = classifyError(e);
  return [
    new GraphQLError(c?.message ?? INTERNAL_MESSAGE, {
      extensions: { code: c?.code ?? 'INTERNAL_SERVER_ERROR', ...c?.extensions },
    }),
  ];
};

/**
 * GraphQL over WebSocket (graphql-ws protocol) on `/graphql`, for subscriptions (`jobUpdated`). Queries work
 * too; mutations are refused (they go over HTTP, where API keys apply). Connections count against the rate
 * limit; operations get the same validation, depth and cost limits and error masking as over HTTP.
 */
export function createSubscriptionServer(deps: {
  schema: GraphQLSchema;
  services: Services;
  keys: ApiKeys;
  limiter?: RateLimiter;
  limits: { maxDepth: number; maxCost: number; maxBodyBytes: number; defaultFirst?: DefaultFirst };
  corsOrigins: string[] | '*';
  clientIp: (req: IncomingMessage) => string;
  log: Logger;
}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.limits.maxBodyBytes });
  const log = deps.log.child({ component: 'graphql-ws' });
  const server = useServer<Record<string, unknown>, { principalId: string; requestId: string }>(
    {
      schema: deps.schema,
      onConnect: (ctx) => {
        const ip = deps.clientIp(ctx.extra.request);
        const auth = deps.keys.authenticate(ctx.extra.request.headers.authorization, ip);
        if (!auth.ok) return false;
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
            (e) => new GraphQLError(e.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
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
        try {
          checkQueryLimits(deps.schema, document, operation, payload.variables ?? undefined, deps.limits);
        } catch (e) {
          return asErrors(e);
        }
        const contextValue: ApiContext = {
          requestId: String(ctx.extra.requestId),
          log: log.child({ reqId: ctx.extra.requestId }),
          principal: { id: principalId, authenticated: principalId.startsWith('key:') },
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
