import type { IncomingMessage, ServerResponse } from 'node:http';
import { rateLimitRefusal, type RateLimiter } from '../rate-limit';
import { Storage } from '@styleclip/studio';
import type { RequestScope } from './graphql';
import { sendError } from './util';

/** File GETs are cheap and a gallery page loads many: each costs this fraction of a rate-limit token. */
export const FILE_COST = 0.2;

/**
 * `GET|HEAD /files/blobs/...`: content-addressed blobs (PNG images, `.npy` latents) when storage cannot
 * presign URLs (filesystem). Only `blobs/` is served; the content never changes, so responses are cacheable
 * forever.
 */
export function fileHandler(deps: { storage: Storage; limiter?: RateLimiter }) {
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    scope: RequestScope,
    key: string,
  ): Promise<void> => {
    if (deps.limiter) {
      const d = deps.limiter.take(`ip:${scope.ip}`, FILE_COST);
      if (!d.ok) {
        const refusal = rateLimitRefusal(d.retryAfterSeconds);
        return sendError(res, scope.requestId, 'RATE_LIMITED', refusal.message, { headers: refusal.headers });
      }
    }
    if (!deps.storage.isPublicKey(key)) return sendError(res, scope.requestId, 'NOT_FOUND', 'no such file');
    const etag = Storage.etagOf(key);
    const headers = { etag, 'cache-control': 'public, max-age=31536000, immutable' };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    // Blobs are small (PNGs, latents) and immutable: read them whole, through the in-memory cache.
    const file = await deps.storage.publicBlob(key);
    if (!file) return sendError(res, scope.requestId, 'NOT_FOUND', 'no such file');
    res.writeHead(200, {
      ...headers,
      'content-type': file.contentType,
      'content-length': String(file.bytes.byteLength),
    });
    res.end(req.method === 'HEAD' ? undefined : file.bytes);
  };
}
