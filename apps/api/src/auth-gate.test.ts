import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ApiKeys, clientIp, hashApiKey } from './auth';
import { AuthGate } from './auth-gate';

describe('AuthGate', () => {
  it('throttles an address after a burst of wrong keys, for any key, until the bucket refills', () => {
    let now = 0;
    const gate = new AuthGate(
      new ApiKeys([{ name: 'web', sha256: hashApiKey('right') }]),
      { perMinute: 6, burst: 2 },
      () => now,
    );
    expect(gate.authenticate('Bearer wrong', '1.1.1.1')).toMatchObject({ ok: false });
    expect(gate.authenticate('Bearer wrong', '1.1.1.1')).toMatchObject({ ok: false });
    expect(gate.authenticate('Bearer right', '1.1.1.1')).toMatchObject({
      throttled: true,
      retryAfterSeconds: 10,
    });
    expect(gate.authenticate(undefined, '1.1.1.1')).toMatchObject({ ok: true });
    expect(gate.authenticate('Bearer right', '2.2.2.2')).toMatchObject({ ok: true });
    now += 10_000;
    expect(gate.authenticate('Bearer right', '1.1.1.1')).toMatchObject({ ok: true });
  });
});

describe('clientIp', () => {
  const req = (xff: string | string[] | undefined) =>
    ({
      headers: { 'x-forwarded-for': xff },
      socket: { remoteAddress: '10.0.0.1' },
    }) as unknown as IncomingMessage;

  it('is the socket address unless the proxy is trusted; then the last X-Forwarded-For hop', () => {
    expect(clientIp(req('6.6.6.6, 7.7.7.7'), false)).toBe('10.0.0.1');
    expect(clientIp(req('6.6.6.6, 7.7.7.7'), true)).toBe('7.7.7.7');
    expect(clientIp(req(['6.6.6.6', '8.8.8.8 , ']), true)).toBe('8.8.8.8');
    expect(clientIp(req(undefined), true)).toBe('10.0.0.1');
  });
});
