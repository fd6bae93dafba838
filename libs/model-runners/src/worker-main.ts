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
    switch (req.op) {
      case 'init':
        host = new SessionHost({
          executionProvider: req.executionProvider,
          intraOpNumThreads: req.intraOpNumThreads,
          log: (line) => send({ id: -1, log: line }),
        });
        send({ id: req.id, ok: true });
        break;
      case 'load':
        send({ id: req.id, ok: true, value: await requireHost().load(req.name, req.source) });
        break;
      case 'run': {
        const out: Feeds = await requireHost().run(req.name, req.feeds, req.outputs);
        // Hand the output buffers over instead of copying them.
        const buffers = Object.values(out).map((t) => t.data.buffer as ArrayBuffer);
        send({ id: req.id, ok: true, value: out }, [...new Set(buffers)]);
        break;
      }
      case 'unload':
        await requireHost().unload(req.name);
        send({ id: req.id, ok: true });
        break;
      case 'dispose':
        await host?.dispose();
        send({ id: req.id, ok: true });
        break;
    }
  } catch (e) {
    send({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});

function requireHost(): SessionHost {
  if (!host) throw new Error('runner worker not initialized');
  return host;
}
