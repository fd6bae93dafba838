// Test helper, run in a child process: creates a runtime (in-process, then in a worker thread), loads a
// one-op model, runs it, disposes, and prints the outputs. `files.test.ts` checks what it left on disk.
import { Graph, mul, toOnnxBytes } from '@styleclip/onnx-graph';
import { createRuntime } from '../runtime';

const g = new Graph('double');
g.output(mul(g.input('x', 'float32', [2]), 2), 'y');
const model = toOnnxBytes(g);

for (const offMainThread of [false, true]) {
  const runtime = createRuntime({ intraOpNumThreads: 1, offMainThread });
  const handle = await runtime.load('double', model);
  const out = await handle.run({ x: { type: 'float32', dims: [2], data: Float32Array.of(1, 2) } });
  console.log(JSON.stringify(Array.from(out['y']!.data as Float32Array)));
  await runtime.dispose();
}
