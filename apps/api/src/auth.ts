import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Who is calling: an API key (by its configured name) or an anonymous client (by IP). */
export interface Principal {
  /** Stable id for rate limiting and logs: `key:<name>` or `ip:<address>`. */
  id: string;
  authenticated: boolean;
  keyName?: string;
  /** An admin key (STYLECLIP_ADMIN_KEYS): may act on what other keys started (cancel their jobs). */
  admin?: boolean;
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; message: string };

/**
 * API keys, held as sha256 hashes (the keys themselves are never stored). A request presents one as
 * `Authorization: Bearer <key>`; comparison is constant-time over every configured hash.
 */
export class ApiKeys {
  private readonly entries: { name: string; hash: Buffer }[];
  private readonly admins: ReadonlySet<string>;

  constructor(keys: readonly { name: string; sha256: string }[], admins: readonly string[] = []) {
    this.entries = keys.map((k) => ({ name: k.name, hash: Buffer.from(k.sha256, 'hex') }));
    this.admins = new Set(admins);
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
    const principal: Principal = { id: `key:${found}`, authenticated: true, keyName: found };
    if (this.admins.has(found)) principal.admin = true;
    return { ok: true, principal };
  }
}

/** sha256 hex of a key, the form STYLECLIP_API_KEY_SHA256 takes. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * The client address: the socket's, or, behind a trusted proxy, the LAST X-Forwarded-For hop. The proxy (load
 * balancer) appends the address it saw; everything before it is whatever the client sent, so the first hop is
 * client-chosen and would let anyone pick their own rate-limit bucket.
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers['x-forwarded-for'];
    const header = Array.isArray(fwd) ? fwd.join(',') : fwd;
    const last = header
      ?.split(',')
      .map((h) => h.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
