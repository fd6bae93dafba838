import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Who is calling: an API key (by its configured name) or an anonymous client (by IP). */
export interface Principal {
  /** Stable id for rate limiting and logs: `key:<name>` or `ip:<address>`. */
  id: string;
  authenticated: boolean;
  keyName?: string;
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; message: string };

/**
 * API keys, held as sha256 hashes (the keys themselves are never stored). A request presents one as
 * `Authorization: Bearer <key>`; comparison is constant-time over every configured hash.
 */
export class ApiKeys {
  private readonly entries: { name: string; hash: Buffer }[];

  constructor(keys: readonly { name: string; sha256: string }[]) {
    this.entries = keys.map((k) => ({ name: k.name, hash: Buffer.from(k.sha256, 'hex') }));
  }

  /** Whether mutations need a key. */
  get required(): boolean {
    return this.entries.length > 0;
  }

  /** Checks the Authorization header: absent → anonymous; present → must be a known key. */
  authenticate(authorization: string | undefined, clientIp: string): AuthResult {
    const anonymous: Principal = { id: `ip:${clientIp}`, authenticated: false };
    if (authorization === undefined || authorization.trim() === '') return { ok: true, principal: anonymous };
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!m) return { ok: false, message: 'the Authorization header must be "Bearer <API key>"' };
    const presented = createHash('sha256').update(m[1]!).digest();
    let found: string | undefined;
    for (const e of this.entries) {
      if (timingSafeEqual(presented, e.hash) && found === undefined) found = e.name;
    }
    if (found === undefined) return { ok: false, message: 'the API key is not valid' };
    return { ok: true, principal: { id: `key:${found}`, authenticated: true, keyName: found } };
  }
}

/** sha256 hex of a key, the form STYLECLIP_API_KEY_SHA256 takes. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** The client address: the socket's, or the first X-Forwarded-For hop when the proxy is trusted. */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers['x-forwarded-for'];
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
