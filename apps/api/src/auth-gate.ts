import type { ApiKeys, AuthResult } from './auth';
import { rateLimitRefusal, RateLimiter } from './rate-limit';

export type GateResult =
  AuthResult | { ok: false; message: string; retryAfterSeconds: number; throttled: true };

/**
 * Authentication with a brake on guessing: every request that presents a wrong key takes a token from its
 * client address's bucket, and while that bucket is empty the address is refused (429) for any request that
 * presents a key, right or wrong, so guessing cannot go faster than the refill (a right guess is not told apart
 * from a wrong one meanwhile). Requests without a key are anonymous and never throttled here.
 */
export class AuthGate {
  private readonly failures: RateLimiter | undefined;

  constructor(
    private readonly keys: ApiKeys,
    failures: { perMinute: number; burst: number } | null,
    now?: () => number,
  ) {
    this.failures = failures ? new RateLimiter(failures, now) : undefined;
  }

  get required(): boolean {
    return this.keys.required;
  }

  authenticate(authorization: string | undefined, clientIp: string): GateResult {
    const presented = authorization !== undefined && authorization.trim() !== '';
    const bucket = `ip:${clientIp}`;
    if (presented && this.failures) {
      const wait = this.failures.wait(bucket);
      if (wait !== undefined) {
        return {
          ok: false,
          throttled: true,
          retryAfterSeconds: wait,
          message: `too many failed authentications from this address; retry in ${wait} s`,
        };
      }
    }
    const r = this.keys.authenticate(authorization, clientIp);
    if (!r.ok) this.failures?.take(bucket);
    return r;
  }
}

/** How a refused authentication is answered: 401 with WWW-Authenticate, or 429 with Retry-After. */
export function authRefusal(r: Exclude<GateResult, { ok: true }>) {
  if ('throttled' in r) {
    const refusal = rateLimitRefusal(r.retryAfterSeconds);
    return {
      code: 'RATE_LIMITED' as const,
      message: r.message,
      headers: refusal.headers,
      extensions: { ...refusal.extensions, limit: 'authFailuresPerMinute' },
    };
  }
  return {
    code: 'UNAUTHENTICATED' as const,
    message: r.message,
    headers: { 'www-authenticate': 'Bearer' },
    extensions: {},
  };
}
