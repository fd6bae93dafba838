import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '@styleclip/api-contract';
import { HTTP_STATUS, restErrorBody } from '../errors';

/** The request id: the caller's `x-request-id` when it is sane, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const v = Array.isArray(given) ? given[0] : given;
  return v && /^[A-Za-z0-9._:-]{1,100}$/.test(v) ? v : randomUUID();
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** A REST error: `{ error: { code, message, requestId } }` with the code's HTTP status. */
export function sendError(
  res: ServerResponse,
  requestId: string,
  code: ErrorCode,
  message: string,
  o: { status?: number; headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
): void {
  sendJson(res, o.status ?? HTTP_STATUS[code], restErrorBody(code, message, requestId, o.extra), o.headers);
}

/** Thrown by `readBody` when the body exceeds the limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the request body is larger than ${limit} bytes`);
  }
}

/** Reads a whole request body, refusing (early, by Content-Length when given) more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Drains (and discards) the rest of a request body so the connection can be reused or closed cleanly. */
export function discardBody(req: IncomingMessage): void {
  req.resume();
}
