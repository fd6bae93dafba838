import type { Runtime } from '@styleclip/model-runners';
import { Graph, matmul, toOnnxBytes } from '@styleclip/onnx-graph';
import { timeRuns } from './measure';

/**
 * The machine's MatMul ceiling through onnxruntime: GFLOP/s of large square MatMuls, measured now. A chain of
 * `chain` MatMuls runs per call so input/output copies do not count against the ceiling.
 */
export async function matmulCeiling(
  runtime: Runtime,
  n = 2048,
  chain = 8,
): Promise<{ gflops: number; ms: number; n: number }> {
  const g = new Graph('matmul_ceiling');
  const a = g.input('a', 'float32', [n, n]);
  const w = new Float32Array(n * n);
  // Entries of ±0.5/√n keep the chained products bounded.
  for (let i = 0; i < w.length; i++) w[i] = (((i * 2654435761) % 1000) / 1000 - 0.5) / Math.sqrt(n);
  const wt = g.initializer('w', w, [n, n]);
  let y = a;
  for (let k = 0; k < chain; k++) y = matmul(y, wt);
  g.output(y, 'y');
  const model = await runtime.load('matmul_ceiling', toOnnxBytes(g));
  const input = { a: { type: 'float32' as const, dims: [n, n], data: w } };
  const { median } = await timeRuns(() => model.run(input), { warmUp: 1, runs: 5 });
  await runtime.unload('matmul_ceiling');
  return { gflops: (2 * chain * n ** 3) / (median / 1000) / 1e9, ms: median, n };
}

/** The best of several sizes (small matrices stay in cache and often run fastest): the ceiling to compare with. */
export async function bestMatmulCeiling(
  runtime: Runtime,
): Promise<{ gflops: number; n: number; bySize: Record<number, number> }> {
  const bySize: Record<number, number> = {};
  for (const [n, chain] of [
    [512, 32],
    [1024, 16],
    [2048, 8],
  ] as const)
    bySize[n] = (await matmulCeiling(runtime, n, chain)).gflops;
  const [n, gflops] = Object.entries(bySize).reduce((a, b) => (b[1] > a[1] ? b : a));
  return { gflops, n: Number(n), bySize };
}
