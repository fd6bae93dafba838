import type { Principal } from './auth';
import { ApiError } from './errors';
import { rateLimitRefusal, RateLimiter } from './rate-limit';
import { describeWork, type RequestWork } from './work';

export interface WorkBudgetConfig {
  /** Caps on one request, whoever sends it. */
  perRequest: { units: number; storedImages: number };
  /** Token bucket per API key (units per minute, burst); null = no budget. */
  perKey: { perMinute: number; burst: number } | null;
  /** Token bucket per client address for anonymous callers, when no keys are configured; null = no budget. */
  anonymous: { perMinute: number; burst: number } | null;
}

/**
 * The work budget of requests (see `measureWork`): every request is checked against the per-request caps (units
 * of work, images stored), then charged to its caller's token bucket: one per API key, one per client address
 * for anonymous callers. When API keys are configured, anonymous callers have no budget: anything that runs a
 * network (previews included) needs a key. Refusals name the limit (`extensions.limit`).
 */
export class WorkBudget {
  private readonly keyed: RateLimiter | undefined;
  private readonly anonymous: RateLimiter | undefined;

  constructor(
    private readonly o: WorkBudgetConfig & { keysRequired: boolean },
    now?: () => number,
  ) {
    this.keyed = o.perKey ? new RateLimiter(o.perKey, now) : undefined;
    this.anonymous = o.anonymous ? new RateLimiter(o.anonymous, now) : undefined;
  }

  /** Refuses (throws ApiError) or charges the request's work to its caller. */
  charge(principal: Principal, work: RequestWork): void {
    if (work.units === 0 && work.storedImages === 0) return;
    const cap = this.o.perRequest;
    if (work.units > cap.units) {
      throw new ApiError(
        'QUERY_TOO_COMPLEX',
        `this request asks for ${work.units} units of work (images rendered): ${describeWork(work, 'units')}; ` +
          `the limit is ${cap.units} per request (send fewer aliases or fewer list items)`,
        { limit: 'workPerRequest', units: work.units, max: cap.units },
        { httpStatus: 400 },
      );
    }
    if (work.storedImages > cap.storedImages) {
      throw new ApiError(
        'QUERY_TOO_COMPLEX',
        `this request would store ${work.storedImages} images: ${describeWork(work, 'storedImages')}; ` +
          `the limit is ${cap.storedImages} per request`,
        { limit: 'storedImagesPerRequest', storedImages: work.storedImages, max: cap.storedImages },
        { httpStatus: 400 },
      );
    }
    if (!principal.authenticated && this.o.keysRequired) {
      throw new ApiError(
        'UNAUTHENTICATED',
        'this request runs the models (previews included), which needs an API key on this server: send "Authorization: Bearer <key>"',
        { limit: 'anonymousWork' },
        { httpStatus: 401 },
      );
    }
    const bucket = principal.authenticated ? this.keyed : this.anonymous;
    if (!bucket) return;
    const d = bucket.take(principal.id, work.units);
    if (d.ok) return;
    const per = principal.authenticated ? this.o.perKey! : this.o.anonymous!;
    const refusal = rateLimitRefusal(d.retryAfterSeconds);
    throw new ApiError(
      'RATE_LIMITED',
      `this request needs ${work.units} units of work, more than ${principal.authenticated ? 'this API key' : 'this address'} ` +
        `has left now (the budget refills at ${per.perMinute} per minute, up to ${per.burst}); retry in ${d.retryAfterSeconds} s`,
      {
        ...refusal.extensions,
        limit: principal.authenticated ? 'workPerMinute' : 'anonymousWorkPerMinute',
        units: work.units,
      },
      { httpStatus: 429, headers: refusal.headers },
    );
  }
}
