import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKeys } from '../auth';
import { toApiError } from '../errors';
import { rateLimitRefusal, type RateLimiter } from '../rate-limit';
import type { Services } from '../services';
import type { RequestScope } from './graphql';
import { sendError, sendJson } from './util';

/**
 * `PUT /uploads/:id`: the upload endpoint on filesystem storage (on S3 clients PUT to a presigned URL). The
 * unguessable upload id from `createUpload` (which needs the API key when keys are configured) authorizes it.
 */
export function uploadHandler(deps: { services: Services; keys: ApiKeys; limiter?: RateLimiter }) {
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    scope: RequestScope,
    id: string,
  ): Promise<void> => {
    const auth = deps.keys.authenticate(req.headers.authorization, scope.ip);
    const principalId = auth.ok ? auth.principal.id : `ip:${scope.ip}`;
    if (deps.limiter) {
      const d = deps.limiter.take(principalId);
      if (!d.ok) {
        req.resume();
        const refusal = rateLimitRefusal(d.retryAfterSeconds);
        return sendError(res, scope.requestId, 'RATE_LIMITED', refusal.message, {
          headers: { ...refusal.headers, connection: 'close' },
        });
      }
    }
    const length =
      req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : undefined;
    try {
      const r = await deps.services.uploads.receive(id, req, Number.isFinite(length) ? length : undefined);
      sendJson(res, 200, { uploadId: id, bytes: r.bytes });
    } catch (e) {
      req.resume(); // drain what the client still sends, so it reads our answer
      const api = toApiError(e);
      if (!api) throw e;
      sendError(res, scope.requestId, api.code, api.message, { headers: { connection: 'close' } });
    }
  };
}
