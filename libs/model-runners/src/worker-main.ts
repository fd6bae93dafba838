// Runs inside the worker thread: owns the SessionHost and answers requests.
import { parentPort } from 'node:worker_threads';
import type { Request, Response } from './protocol';
import { SessionHost } from './session-host';
import type { Feeds } from './types';

const port = parentPort;
if (!port) throw new Error('worker-main must run in a worker thread');
let host: SessionHost | undefined;
const send = (msg: Response, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

port.on('message', async (req: Request) => {
  try {
    if (req.op === 'init') {
      host = new SessionHost({
        executionProvider: req.executionProvider,
        intraOpNumThreads: req.intraOpNumThreads,
        log: (line) => send({ id: -1, log: line }),
      });
      send({ id: req.id, ok: true });
      return;
    }
    // Disposing a worker that was never initialized has nothing to do.
    const value = req.op === 'dispose' ? await host?.handle(req) : await requireHost().handle(req);
    if (req.op === 'run') {
      const out = value as Feeds;
      // Hand the output buffers over instead of copying them.
      const buffers = Object.values(out).map((t) => t.data.buffer as ArrayBuffer);
      send({ id: req.id, ok: true, value: out }, [...new Set(buffers)]);
    } else send({ id: req.id, ok: true, ...(value === undefined ? {} : { value }) });
  } catch (e) {
    send({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});

function requireHost(): SessionHost {
  if (!host) throw new Error('runner worker not initialized');
  return host;
}
