/** Counters for `/metrics` (JSON): requests by route and status, GraphQL error codes. */
export class Metrics {
  readonly startedAt = Date.now();
  private readonly requests = new Map<string, number>();
  private readonly errorCodes = new Map<string, number>();

  request(route: string, status: number): void {
    const k = `${route} ${status}`;
    this.requests.set(k, (this.requests.get(k) ?? 0) + 1);
  }

  errorCode(code: string): void {
    this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
  }

  snapshot() {
    return {
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      requests: Object.fromEntries([...this.requests.entries()].sort()),
      errorCodes: Object.fromEntries([...this.errorCodes.entries()].sort()),
    };
  }
}
