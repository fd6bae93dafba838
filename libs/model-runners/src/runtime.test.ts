import { afterAll, describe, expect, it } from 'vitest';
import { Graph, matmul, mul, toOnnxBytes } from '@styleclip/onnx-graph';
import { createRuntime, throughputRunnerConfig } from './runtime';
import { runnerConfigFromEnv } from './config';

function model(): Uint8Array {
  const g = new Graph('double');
  const x = g.input('x', 'float32', ['batch', 2]);
  g.output(mul(matmul(x, g.initializer('w', Float32Array.of(1, 0, 0, 1), [2, 2])), 2), 'y');
  return toOnnxBytes(g);
}

describe.each([true, false])('runtime (offMainThread=%s)', (offMainThread) => {
  const lines: string[] = [];
  const runtime = createRuntime({ offMainThread, intraOpNumThreads: 1, log: (l) => lines.push(l) });
  afterAll(() => runtime.dispose());

  it('loads a model, runs it, and reports the provider used', async () => {
    const m = await runtime.load('double', model());
    expect(m.inputNames).toEqual(['x']);
    expect(m.executionProvider).toBe('cpu');
    const out = await m.run({ x: { type: 'float32', dims: [2, 2], data: Float32Array.of(1, 2, 3, 4) } });
    expect(Array.from(out['y']!.data as Float32Array)).toEqual([2, 4, 6, 8]);
    expect(out['y']!.dims).toEqual([2, 2]);
    expect(lines.some((l) => /execution provider cpu, intraOpNumThreads 1/.test(l))).toBe(true);
    expect(await runtime.load('double', model())).toBe(m);
  });

  it('gives clear errors for missing inputs and unknown models', async () => {
    const m = await runtime.load('double', model());
    await expect(m.run({})).rejects.toThrow(/missing inputs x/);
    await expect(runtime.load('broken', Uint8Array.of(1, 2, 3))).rejects.toThrow();
    await expect(runtime.warmUp('nope', {})).rejects.toThrow(/not loaded/);
  });

  it('falls back from cuda to cpu with a log line when CUDA is unavailable', async () => {
    const rt = createRuntime({
      offMainThread,
      executionProvider: 'cuda',
      intraOpNumThreads: 1,
      log: (l) => lines.push(l),
    });
    const m = await rt.load('double', model());
    expect(m.executionProvider).toBe('cpu');
    expect(lines.some((l) => /CUDA execution provider unavailable.*falling back to cpu/.test(l))).toBe(true);
    await rt.dispose();
  });
});

describe('off the main thread', () => {
  it('keeps the event loop responsive while a model runs', async () => {
    const g = new Graph('slow');
    const x = g.input('x', 'float32', [512, 512]);
    let h = x;
    for (let i = 0; i < 60; i++) h = matmul(h, x);
    g.output(h, 'y');
    const runtime = createRuntime({ intraOpNumThreads: 1 });
    const m = await runtime.load('slow', toOnnxBytes(g));
    const data = new Float32Array(512 * 512).fill(1e-3);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await m.run({ x: { type: 'float32', dims: [512, 512], data } });
    clearInterval(timer);
    await runtime.dispose();
    // 60 matmuls of 512³ take far longer than a few ms; the timer kept firing meanwhile.
    expect(ticks).toBeGreaterThan(3);
  });
});

describe('a pool of worker threads', () => {
  it('starts one session host per worker, loads into all, runs concurrent calls, unloads from all', async () => {
    const lines: string[] = [];
    const runtime = createRuntime({ workers: 3, intraOpNumThreads: 1, log: (l) => lines.push(l) });
    try {
      const m = await runtime.load('double', model());
      expect(lines.filter((l) => /execution provider cpu, intraOpNumThreads 1/.test(l))).toHaveLength(3);
      const outs = await Promise.all(
        Array.from({ length: 7 }, (_, i) =>
          m.run({ x: { type: 'float32', dims: [1, 2], data: Float32Array.of(i + 1, -i - 1) } }),
        ),
      );
      outs.forEach((o, i) =>
        expect(Array.from(o['y']!.data as Float32Array)).toEqual([2 * i + 2, -2 * i - 2]),
      );
      await runtime.unload('double');
      // Every worker dropped it: whichever one the next runs go to refuses them.
      const again = await Promise.allSettled(
        [0, 1, 2].map(() => m.run({ x: { type: 'float32', dims: [1, 2], data: Float32Array.of(1, 1) } })),
      );
      expect(again.every((r) => r.status === 'rejected')).toBe(true);
    } finally {
      await runtime.dispose();
    }
  });

  it('refuses impossible pool sizes', () => {
    expect(() => createRuntime({ workers: 0 })).toThrow(/workers must be an integer/);
    expect(() => createRuntime({ workers: 1.5 })).toThrow(/workers must be an integer/);
    expect(() => createRuntime({ workers: 2, offMainThread: false })).toThrow(/needs offMainThread/);
  });

  it('throughput configuration: single-threaded workers on CPU, GPU and in-process unchanged', () => {
    expect(throughputRunnerConfig({ intraOpNumThreads: 4 })).toEqual({ intraOpNumThreads: 1, workers: 4 });
    expect(throughputRunnerConfig({})).toEqual({ intraOpNumThreads: 1, workers: 2 });
    expect(throughputRunnerConfig({ executionProvider: 'cuda', intraOpNumThreads: 4 })).toEqual({
      executionProvider: 'cuda',
      intraOpNumThreads: 4,
    });
    expect(throughputRunnerConfig({ offMainThread: false })).toEqual({ offMainThread: false });
  });
});

describe('runnerConfigFromEnv', () => {
  it('validates values', () => {
    expect(
      runnerConfigFromEnv({ STYLECLIP_EXECUTION_PROVIDER: 'cuda', STYLECLIP_INTRA_OP_THREADS: '4' }),
    ).toEqual({
      executionProvider: 'cuda',
      intraOpNumThreads: 4,
    });
    expect(() => runnerConfigFromEnv({ STYLECLIP_EXECUTION_PROVIDER: 'tpu' })).toThrow(/cpu or cuda/);
    expect(() => runnerConfigFromEnv({ STYLECLIP_INTRA_OP_THREADS: '0' })).toThrow(/positive integer/);
  });
});
