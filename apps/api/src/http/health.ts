import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ModelSetRegistry, Storage } from '@styleclip/studio';
import { sendJson } from './util';

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });

/** `/healthz`: the process is alive (stays 200 while shutting down, so it is not killed mid-drain). */
export function livenessHandler() {
  return (_req: IncomingMessage, res: ServerResponse): void => sendJson(res, 200, { status: 'ok' });
}

/** `/readyz`: the default model set is loaded and storage answers; 503 otherwise, and while shutting down. */
export function readinessHandler(deps: {
  models: ModelSetRegistry;
  storage: Storage;
  shuttingDown: () => boolean;
}) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const checks: Record<string, string> = {};
    checks.models = deps.models.ready ? 'ok' : deps.models.loadError ? 'failed' : 'loading';
    try {
      await withTimeout(deps.storage.ping(), 2000);
      checks.storage = 'ok';
    } catch {
      checks.storage = 'unavailable';
    }
    if (deps.shuttingDown()) checks.server = 'shutting down';
    const ready = checks.models === 'ok' && checks.storage === 'ok' && !deps.shuttingDown();
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
  };
}
