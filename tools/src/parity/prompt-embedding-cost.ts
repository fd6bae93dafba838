// What encoding the prompt in float64 costs (once per optimization or mapper-training job), at the released
// ViT-B/32 text-encoder shapes with random weights: building the float64 graph, creating its session, one
// run; beside the float32 text encoder's session and run. Both sides interleaved in one process.
//
//   npx tsx tools/src/parity/prompt-embedding-cost.ts [--runs 3]
import { parseArgs } from 'node:util';
import { buildClipTextGraph, randomClipWeights, vitB32Config } from '@styleclip/architectures';
import { createRuntime } from '@styleclip/model-runners';
import { cast, Graph, importOnnx, toOnnxBytes } from '@styleclip/onnx-graph';
import { tokenize } from '@styleclip/tokenizer';
import { median, peakRssMb } from '../bench/measure';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const c = vitB32Config;
const float32Bytes = toOnnxBytes(buildClipTextGraph(randomClipWeights(c, 0), c));

function float64Bytes(): Uint8Array {
  const g = new Graph('prompt_embedding_f64');
  const ids = g.input('ids', 'int64', [1, c.contextLength]);
  const e = importOnnx(g, float32Bytes, { inputs: { ids }, precision: 'float64' })['embedding']!;
  g.output(cast(e, 'float32'), 'embedding');
  return toOnnxBytes(g);
}

const runtime = createRuntime({ intraOpNumThreads: 2 });
const batch = tokenize(['a person with purple hair'], { truncate: true });
const feed = { ids: { type: 'int64' as const, dims: [1, c.contextLength], data: batch.ids } };
const times: Record<string, number[]> = {
  'f32 load': [],
  'f32 run': [],
  'f64 build': [],
  'f64 load': [],
  'f64 run': [],
};
const time = async <T>(key: string, f: () => Promise<T> | T): Promise<T> => {
  const t0 = performance.now();
  const r = await f();
  times[key]!.push(performance.now() - t0);
  return r;
};
let difference = 0;
for (let i = 0; i < runs; i++) {
  const m32 = await time('f32 load', () => runtime.load(`f32-${i}`, float32Bytes));
  const e32 = (await time('f32 run', () => m32.run(feed)))['embedding']!.data as Float32Array;
  await runtime.unload(`f32-${i}`);
  const bytes = await time('f64 build', float64Bytes);
  const m64 = await time('f64 load', () => runtime.load(`f64-${i}`, bytes));
  const e64 = (await time('f64 run', () => m64.run(feed)))['embedding']!.data as Float32Array;
  await runtime.unload(`f64-${i}`);
  let num = 0;
  let den = 0;
  e64.forEach((v, k) => ((num += (v - e32[k]!) ** 2), (den += v * v)));
  difference = Math.sqrt(num / den);
}
await runtime.dispose();
console.log(`ViT-B/32 text encoder, one prompt, median of ${runs} (ms):`);
for (const [k, v] of Object.entries(times)) console.log(`  ${k.padEnd(10)} ${median(v).toFixed(0)}`);
console.log(
  `float32 vs float64 embedding: ${difference.toExponential(2)} relative L2; peak RSS ${peakRssMb().toFixed(0)} MB`,
);
