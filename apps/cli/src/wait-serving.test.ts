import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitServing } from './wait-serving';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A server answering `statuses` in turn (the last one from then on). */
async function serving(statuses: number[]): Promise<string> {
  let i = 0;
  server = createServer((_req, res) => {
    res.writeHead(statuses[Math.min(i++, statuses.length - 1)]!);
    res.end();
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const running = { exitCode: null, signalCode: null };

describe('waitServing', () => {
  it('waits until the page answers 200 (not merely until something listens)', async () => {
    const url = await serving([503, 500, 200]);
    await waitServing(url, running, { what: 'the web app', timeoutMs: 5000, intervalMs: 10 });
  });

  it('fails as soon as the process exits, naming it', async () => {
    const url = await serving([503]);
    const child = { exitCode: null as number | null, signalCode: null };
    setTimeout(() => (child.exitCode = 1), 50);
    await expect(
      waitServing(url, child, { what: 'the web app', timeoutMs: 5000, intervalMs: 10 }),
    ).rejects.toThrow(/^the web app exited \(code 1\) before serving/);
  });

  it('gives up after the timeout with the last answer', async () => {
    const url = await serving([502]);
    await expect(
      waitServing(url, running, { what: 'the API', timeoutMs: 100, intervalMs: 10 }),
    ).rejects.toThrow(/did not serve .* within 0 s \(HTTP 502\)/);
  });
});
