import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { ErrorCode } from '@styleclip/api-contract';
import { authRefusal, type AuthGate } from '../auth-gate';
import type { ApiContext } from '../context';
import { graphqlErrorBody, HTTP_STATUS } from '../errors';
import type { Logger } from '@styleclip/studio';
import { rateLimitRefusal, type RateLimiter } from '../rate-limit';
import type { Services } from '../services';
import { BodyTooLargeError, discardBody, readBody, sendJson } from './util';

export interface RequestScope {
  requestId: string;
  log: Logger;
  ip: string;
}

function sendGraphQLError(
  res: ServerResponse,
  scope: RequestScope,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) {
  sendJson(res, HTTP_STATUS[code], graphqlErrorBody(code, message, scope.requestId, extra), headers);
}

/**
 * `/graphql` over HTTP (GET and POST): authenticates the caller (a wrong key is refused even for queries; too
 * many wrong keys from one address are throttled), applies the rate limit and the body size limit, then hands the
 * request to Apollo. Every error response carries the request id, including those Apollo answers before any
 * plugin runs (CSRF prevention, batching refused, a missing body).
 */
export function graphqlHandler(deps: {
  apollo: ApolloServer<ApiContext>;
  services: Services;
  auth: AuthGate;
  limiter?: RateLimiter;
  maxBodyBytes: number;
}) {
  return async (req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<void> => {
    const auth = deps.auth.authenticate(req.headers.authorization, scope.ip);
    if (!auth.ok) {
      discardBody(req);
      const refusal = authRefusal(auth);
      return sendGraphQLError(res, scope, refusal.code, refusal.message, refusal.headers, refusal.extensions);
    }
    const principal = auth.principal;
    if (deps.limiter) {
      const d = deps.limiter.take(principal.id);
      if (!d.ok) {
        discardBody(req);
        const refusal = rateLimitRefusal(d.retryAfterSeconds);
        return sendGraphQLError(
          res,
          scope,
          'RATE_LIMITED',
          refusal.message,
          refusal.headers,
          refusal.extensions,
        );
      }
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let raw: Buffer;
      try {
        raw = await readBody(req, deps.maxBodyBytes);
      } catch (e) {
        if (!(e instanceof BodyTooLargeError)) throw e;
        discardBody(req);
        return sendGraphQLError(
          res,
          scope,
          'PAYLOAD_TOO_LARGE',
          `the request body is larger than ${e.limit} bytes`,
          { connection: 'close' },
        );
      }
      const type = req.headers['content-type'] ?? '';
      if (/^application\/(graphql-response\+)?json\b/i.test(type)) {
        try {
          body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
        } catch {
          return sendGraphQLError(res, scope, 'BAD_REQUEST', 'the request body is not valid JSON');
        }
      } else {
        body = raw.toString('utf8');
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const search = new URL(req.url ?? '/', 'http://localhost').search;
    const log = scope.log.child({ principal: principal.id });
    const response = await deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context: async () => ({ requestId: scope.requestId, log, principal, services: deps.services }),
    });
    for (const [k, v] of response.headers) res.setHeader(k, v);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(withRequestId(response.body.string, scope.requestId));
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/**
 * Adds the request id to errors that lack one: Apollo answers some requests before any plugin runs (CSRF
 * prevention, batching refused, a missing body), and those errors would otherwise leave without it. Bodies
 * without such errors are passed through untouched (no parse).
 */
export function withRequestId(body: string, requestId: string): string {
  if (!body.includes('"errors"')) return body;
  let parsed: { errors?: { extensions?: Record<string, unknown> }[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return body;
  }
  if (!Array.isArray(parsed.errors) || parsed.errors.every((e) => e.extensions?.requestId !== undefined))
    return body;
  parsed.errors = parsed.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId } }));
  return JSON.stringify(parsed);
}
