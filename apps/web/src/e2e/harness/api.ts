// The real API for the browser tests: the `tiny` model set built into a temporary folder, filesystem storage
// in another, and apps/api started with tsx on a free port. It can be stopped and started again on the same
// port (the "API down" test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS_DIR, REPO_ROOT, TSX_BIN } from './paths';
import { freePort, waitUntil } from './net';
import { runToCompletion, startProcess, type Managed } from './processes';

export const API_ENTRY = join(REPO_ROOT, 'apps', 'api', 'src', 'main.ts');
const CLI_ENTRY = join(REPO_ROOT, 'apps', 'cli', 'src', 'main.ts');

export interface ApiServer {
  url: string;
  /** Stops the API (SIGTERM, then SIGKILL); its port stays reserved for `start`. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same storage. */
  start(): Promise<void>;
  /** Stops it and removes its folders. */
  dispose(): Promise<void>;
}

/** Builds the tiny model set (random weights, with directions) into `<dir>/tiny`. */
export async function buildTinyModelSet(modelsDir: string, timeoutMs: number): Promise<void> {
  await runToCompletion(
    'models build tiny',
    process.execPath,
    [TSX_BIN, CLI_ENTRY, 'models', 'ensure', '--preset', 'tiny', '--cache', '--out', join(modelsDir, 'tiny')],
    {
      cwd: REPO_ROOT,
      env: { ...process.env },
      logFile: join(ARTIFACTS_DIR, 'models-build.log'),
      timeoutMs,
    },
  );
}

/** `/readyz` answers 200 once the default model set is loaded and storage answers. */
async function ready(url: string): Promise<boolean> {
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
  await res.body?.cancel();
  return res.status === 200;
}

export async function startApi(options: { timeoutMs: number }): Promise<ApiServer> {
  const root = mkdtempSync(join(tmpdir(), 'styleclip-web-e2e-api-'));
  const modelsDir = join(root, 'models');
  const dataDir = join(root, 'data');
  await buildTinyModelSet(modelsDir, options.timeoutMs);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STYLECLIP_HOST: '127.0.0.1',
    STYLECLIP_PORT: String(port),
    STYLECLIP_PUBLIC_URL: url,
    STYLECLIP_MODELS_DIR: modelsDir,
    STYLECLIP_DEFAULT_MODEL_SET: 'tiny',
    STYLECLIP_STORAGE: 'fs',
    STYLECLIP_DATA_DIR: dataDir,
    STYLECLIP_LOG_LEVEL: 'warn',
    STYLECLIP_SHUTDOWN_TIMEOUT_MS: '3000',
  };
  let proc: Managed | undefined;

  const start = async () => {
    const p = startProcess('api', process.execPath, [TSX_BIN, API_ENTRY], {
      cwd: REPO_ROOT,
      env,
      logFile: join(ARTIFACTS_DIR, 'api.log'),
    });
    proc = p;
    let exited: string | undefined;
    void p.exited.then((r) => (exited = r));
    await waitUntil(
      () => ready(url),
      options.timeoutMs,
      () =>
        `the API did not become ready on ${url} within ${options.timeoutMs} ms${exited ? ` (it exited: ${exited})` : ''}:\n${p.tail()}`,
      { stopIf: () => exited !== undefined },
    );
  };
  const stop = async () => {
    await proc?.stop();
    proc = undefined;
  };
  try {
    await start();
  } catch (e) {
    await stop();
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  return {
    url,
    start,
    stop,
    dispose: async () => {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
