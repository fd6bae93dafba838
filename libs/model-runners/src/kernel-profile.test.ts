import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Graph, matmul, mul, toOnnxBytes } from '@styleclip/onnx-graph';
import { kernelTimes, profileKernels } from './kernel-profile';

describe('profileKernels', () => {
  const savedTmp = process.env['TMPDIR'];
  afterEach(() => {
    if (savedTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = savedTmp;
  });

  it('reports every node that ran, as optimized, and leaves no profile file behind', async () => {
    const g = new Graph('profiled');
    const x = g.input('x', 'float32', [64, 64]);
    const w = g.initializer(
      'w',
      Float32Array.from({ length: 64 * 64 }, (_, i) => Math.sin(i)),
      [64, 64],
    );
    g.output(mul(matmul(x, w), 3), 'y');
    const tmp = await mkdtemp(join(tmpdir(), 'profile-test-'));
    process.env['TMPDIR'] = tmp;
    try {
      const p = await profileKernels(
        toOnnxBytes(g),
        { x: { type: 'float32', dims: [64, 64], data: new Float32Array(64 * 64).fill(0.5) } },
        { intraOpNumThreads: 1, runs: 2 },
      );
      expect(p.runMs).toHaveLength(2);
      // After onnxruntime's optimizations: MatMul·3 runs as one FusedMatMul.
      expect(p.kernels.map((k) => k.op)).toEqual(['FusedMatMul']);
      for (const k of p.kernels) expect(k.ms).toBeGreaterThan(0);
      expect(await readdir(tmp)).toEqual([]);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('refuses zero runs and negative warm-ups', async () => {
    await expect(profileKernels(Uint8Array.of(), {}, { intraOpNumThreads: 1, runs: 0 })).rejects.toThrow(
      /runs must be ≥ 1/,
    );
    await expect(profileKernels(Uint8Array.of(), {}, { intraOpNumThreads: 1, warmUp: -1 })).rejects.toThrow(
      /warmUp must be ≥ 0/,
    );
  });
});

describe('kernelTimes', () => {
  const run = (ts: number, dur: number) => ({ cat: 'Session', name: 'model_run', ts, dur });
  const kernel = (name: string, op: string, ts: number, dur: number) => ({
    cat: 'Node',
    name: `${name}_kernel_time`,
    ts,
    dur,
    args: { op_name: op },
  });

  it('averages each node over the runs after the skipped ones', () => {
    const events = [
      run(0, 100),
      kernel('a', 'Conv', 10, 5000), // first run: skipped
      run(200, 100),
      kernel('a', 'Conv', 210, 1000),
      kernel('b', 'Add', 250, 400),
      run(400, 100),
      kernel('a', 'Conv', 410, 3000),
      kernel('b', 'Add', 450, 600),
      kernel('c', 'Relu', 700, 900), // outside every run: not counted
      { cat: 'Node', name: 'a_fence_before', ts: 405, dur: 0 },
    ];
    expect(kernelTimes(events, 1)).toEqual([
      { node: 'a', op: 'Conv', ms: 2 },
      { node: 'b', op: 'Add', ms: 0.5 },
    ]);
  });

  it('says so when the profile has no run to count', () => {
    expect(() => kernelTimes([run(0, 10)], 1)).toThrow(/no run after the first 1/);
    expect(() => kernelTimes({}, 0)).toThrow(/not a list of events/);
  });
});
