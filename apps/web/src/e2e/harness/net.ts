import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `check` every 200 ms until it returns true; throws `describe()` after `timeoutMs`, or as soon as
 * `stopIf` returns true (e.g. the server being waited for has exited). Errors thrown by `check` mean "not yet".
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  describe: () => string,
  options: { stopIf?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !options.stopIf?.()) {
    try {
      if (await check()) return;
    } catch {
      // Not yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(describe());
}
