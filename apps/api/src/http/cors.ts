import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOW_HEADERS =
  'authorization, content-type, x-request-id, apollo-require-preflight, x-apollo-operation-name';

/**
 * CORS for the allowed origins ('*' = any). Sets the response headers for an allowed Origin and answers
 * preflights; returns true when the request was a preflight (and is answered).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, origins: string[] | '*'): boolean {
  const origin = req.headers.origin;
  const allowed = origin !== undefined && (origins === '*' || origins.includes(origin));
  if (allowed) {
    res.setHeader('access-control-allow-origin', origins === '*' ? '*' : origin);
    res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
    if (origins !== '*') res.setHeader('vary', 'Origin');
  }
  if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return false;
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, OPTIONS');
    res.setHeader('access-control-allow-headers', ALLOW_HEADERS);
    res.setHeader('access-control-max-age', '600');
  }
  res.writeHead(allowed ? 204 : 403);
  res.end();
  return true;
}

/** Whether a WebSocket upgrade's Origin is allowed (browsers send one; other clients may not). */
export function originAllowed(origin: string | undefined, origins: string[] | '*'): boolean {
  return origin === undefined || origins === '*' || origins.includes(origin);
}
