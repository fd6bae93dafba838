// This app for the browser tests: a production build (`next build`, into its own .next-e2e folder) served by
// `next start` on a free port, pointed at the API under test.
import { join } from 'node:path';
import { ARTIFACTS_DIR, NEXT_BIN, WEB_DIR } from './paths';
import { freePort, waitUntil } from './net';
import { runToCompletion, startProcess } from './processes';

export const E2E_DIST_DIR = '.next-e2e';

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    STYLECLIP_WEB_DIST_DIR: E2E_DIST_DIR,
    NODE_ENV: 'production',
    ...extra,
  };
}

export async function buildWeb(timeoutMs: number): Promise<void> {
  await runToCompletion('next build', process.execPath, [NEXT_BIN, 'build'], {
    cwd: WEB_DIR,
    env: env({}),
    logFile: join(ARTIFACTS_DIR, 'next-build.log'),
    timeoutMs,
  });
}

export interface WebServer {
  url: string;
  stop(): Promise<void>;
}

export async function startWeb(apiUrl: string, timeoutMs: number): Promise<WebServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = startProcess(
    'next start',
    process.execPath,
    [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: WEB_DIR,
      env: env({ STYLECLIP_API_URL: apiUrl, PORT: String(port) }),
      logFile: join(ARTIFACTS_DIR, 'next-start.log'),
    },
  );
  let exited = false;
  void proc.exited.then(() => (exited = true));
  await waitUntil(
    async () => (await fetch(`${url}/settings`)).ok,
    timeoutMs,
    () =>
      `next start did not answer on ${url} within ${timeoutMs} ms${exited ? ' (it exited)' : ''}:\n${proc.tail()}`,
    { stopIf: () => exited },
  );
  return { url, stop: () => proc.stop() };
}
