import type { Runtime } from '@styleclip/model-runners';
import { Graph, matmul, toOnnxBytes } from '@styleclip/onnx-graph';
import { timeRuns } from './measure';

/** The machine's MatMul ceiling through onnxruntime: GFLOP/s of a large square MatMul, measured now. */
export async function matmulCeiling(runtime: Runtime, n = 2048): Promise<{ gflops: number; ms: number; n: number }> {
  const g = new Graph('matmul_ceiling');
  const a = g.input('a', 'float32', [n, n]);
  const w = new Float32Array(n * n);
  for (let i = 0; i < w.length; i++) w[i] = ((i * 2654435761) % 1000) / 1000 - 0.5;
  g.output(matmul(a, g.initializer('w', w, [n, n])), 'y');
  const model = await runtime.load('matmul_ceiling', toOnnxBytes(g));
  const input = { a: { type: 'float32' as const, dims: [n, n], data: w } };
  const { median } = await timeRuns(() => model.run(input), { warmUp: 2, runs: 7 });
  await runtime.unload('matmul_ceiling');
  return { gflops: (2 * n ** 3) / (median / 1000) / 1e9, ms: median, n };
}
