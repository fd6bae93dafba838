import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '@styleclip/model-runners';
import { Graph, mul } from '@styleclip/onnx-graph';
import { lossGraphSession } from './session';

let runtime: Runtime;
let dir: string;
beforeAll(async () => {
  runtime = createRuntime({ offMainThread: false, intraOpNumThreads: 1 });
  dir = await mkdtemp(join(tmpdir(), 'graph-cache-'));
});
afterAll(async () => {
  await runtime.dispose();
  await rm(dir, { recursive: true, force: true });
  delete process.env['STYLECLIP_GRAPH_CACHE_BYTES'];
});

const scaleBy = (k: number) => async () => {
  const g = new Graph(`scale_${k}`);
  // A weight of 64 KiB, so the files have a known size.
  g.output(
    mul(g.input('x', 'float32', [1]), g.initializer('w', new Float32Array(16384).fill(k), [16384])),
    'y',
  );
  return g;
};

describe('lossGraphSession', () => {
  it('builds once per key, loads from the cache after, and evicts the least recently used beyond the budget', async () => {
    process.env['STYLECLIP_GRAPH_CACHE_BYTES'] = String(150 * 1024);
    const a = await lossGraphSession(runtime, dir, { k: 2 }, scaleBy(2));
    expect(a.built).toBe(true);
    const y = await a.model.run({ x: { type: 'float32', dims: [1], data: Float32Array.of(3) } });
    expect((y['y']!.data as Float32Array)[0]).toBe(6);
    expect((await lossGraphSession(runtime, dir, { k: 2 }, scaleBy(2))).built).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    await lossGraphSession(runtime, dir, { k: 3 }, scaleBy(3));
    expect((await readdir(dir)).filter((f) => f.endsWith('.onnx'))).toHaveLength(2);
    // A third 64 KiB graph exceeds 150 KiB: the oldest (k 2) goes, the newest stays.
    await new Promise((r) => setTimeout(r, 20));
    await lossGraphSession(runtime, dir, { k: 4 }, scaleBy(4));
    expect((await readdir(dir)).filter((f) => f.endsWith('.onnx'))).toHaveLength(2);
    expect((await lossGraphSession(runtime, dir, { k: 2 }, scaleBy(2))).built).toBe(true);
    expect((await lossGraphSession(runtime, dir, { k: 4 }, scaleBy(4))).built).toBe(false);
  });
});
