/** Outcome of taking tokens: allowed, or refused with when to retry. */
export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * How a refused request is answered (HTTP, GraphQL and WebSocket alike): the message, the `retry-after` header
 * and the error extensions.
 */
export function rateLimitRefusal(retryAfterSeconds: number) {
  return {
    message: `too many requests; retry in ${retryAfterSeconds} s`,
    headers: { 'retry-after': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  };
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per client id: each holds up to `burst` tokens and refills at `perMinute` per minute. Buckets
 * that are full again are forgotten, so memory stays bounded by the number of recently active clients.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly o: { perMinute: number; burst: number },
    private readonly now: () => number = () => performance.now(),
  ) {
    this.perMs = o.perMinute / 60_000;
  }

  take(id: string, cost = 1): RateDecision {
    const t = this.now();
    const b = this.buckets.get(id) ?? { tokens: this.o.burst, at: t };
    b.tokens = Math.min(this.o.burst, b.tokens + (t - b.at) * this.perMs);
    b.at = t;
    this.buckets.set(id, b);
    if (this.buckets.size > 10_000) this.sweep(t);
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { ok: true, remaining: Math.floor(b.tokens) };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - b.tokens) / this.perMs / 1000)) };
  }

  /** Whether `id` could take `cost` now, without taking it: undefined if so, else seconds until it can. */
  wait(id: string, cost = 1): number | undefined {
    const b = this.buckets.get(id);
    if (!b) return cost <= this.o.burst ? undefined : Infinity;
    const tokens = Math.min(this.o.burst, b.tokens + (this.now() - b.at) * this.perMs);
    if (tokens >= cost) return undefined;
    return Math.max(1, Math.ceil((cost - tokens) / this.perMs / 1000));
  }

  /** The most a single take can ever cost (the bucket's size). */
  get burst(): number {
    return this.o.burst;
  }

  private sweep(t: number): void {
    for (const [id, b] of this.buckets) {
      if (b.tokens + (t - b.at) * this.perMs >= this.o.burst) this.buckets.delete(id);
    }
  }
}
