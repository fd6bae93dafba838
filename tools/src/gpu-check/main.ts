// `tools/gpu-check.sh`, step 2: runs the generator and CLIP of a model set on the execution provider under test
// (CUDA) and on the CPU provider, and compares the outputs (relative L2 below the tolerance, 1e-3 by default).
// Exit code 0: every output within tolerance on the provider under test; 1: a difference, or a model that did not
// run on that provider (the runner's CPU fallback); 2: bad arguments.
// `--provider cpu` compares CPU with CPU: a dry run of the plumbing for machines without a GPU.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '@styleclip/editing';
import { array32, type Array32 } from '@styleclip/latent-math';
import { createRuntime, type ExecutionProvider } from '@styleclip/model-runners';
import { defaultTokenizer } from '@styleclip/tokenizer';
import { presetSet } from '../bench/models';
import { relativeL2 } from '@styleclip/testing';
import { trackProviders } from './providers';

const { values } = parseArgs({
  options: {
    models: { type: 'string' },
    provider: { type: 'string', default: 'cuda' },
    seeds: { type: 'string', default: '2' },
    threads: { type: 'string', default: '4' },
    tolerance: { type: 'string', default: '1e-3' },
  },
});
const fail = (message: string, code: number): never => {
  console.error(`gpu-check: ${message}`);
  process.exit(code);
};
const provider = values.provider as ExecutionProvider;
if (provider !== 'cuda' && provider !== 'cpu')
  fail(`--provider must be cuda or cpu, got ${values.provider}`, 2);
const seedCount = Number(values.seeds);
const threads = Number(values.threads);
const tolerance = Number(values.tolerance);
if (!Number.isInteger(seedCount) || seedCount < 1 || seedCount > 8) fail('--seeds must be 1…8', 2);
if (!Number.isInteger(threads) || threads < 1) fail('--threads must be a positive integer', 2);
if (!(tolerance > 0)) fail('--tolerance must be a positive number', 2);

const root = resolve(import.meta.dirname, '..', '..', '..');
const dir = values.models ? resolve(values.models) : (await presetSet(root, 'ffhq1024-random')).dir;

const open = async (ep: ExecutionProvider) => {
  const tracked = trackProviders(
    createRuntime({ executionProvider: ep, intraOpNumThreads: threads, offMainThread: false }),
  );
  return { ...tracked, engine: await Engine.open(dir, { runtime: tracked.runtime }) };
};
const reference = await open('cpu');
const tested = await open(provider);
const g = reference.engine.manifest.generator;
console.log(
  `gpu-check: model set ${reference.engine.manifest.id} (${g.config.size}×${g.config.size}) at ${dir}`,
);
console.log(`provider under test: ${provider}; reference: cpu; tolerance: relative L2 < ${tolerance}\n`);

const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);
const latents = await reference.engine.latents(seeds);
const clip = reference.engine.components.clip;
const r = clip.config.imageResolution;
const pixels = array32(
  [seedCount, 3, r, r],
  new Float32Array(seedCount * 3 * r * r).map((_, i) => Math.sin(i * 0.01)),
);
const texts = ['a face', 'a face with blue eyes', 'a surprised face', 'a face with a mohawk hairstyle'];
const batch = defaultTokenizer().tokenize(texts, {
  truncate: true,
  contextLength: clip.config.contextLength,
});
const ids = { shape: batch.shape, data: batch.ids };

const cases: { component: string; run: (e: Engine) => Promise<Array32> }[] = [
  { component: 'mapping (z → w)', run: (e) => e.components.mapping(latents.z) },
  { component: 'generator (W+ → image)', run: (e) => e.components.generate(latents.wplus) },
  { component: 'CLIP image encoder', run: (e) => e.components.clipImage(pixels) },
  { component: 'CLIP text encoder', run: (e) => e.components.clipText(ids) },
];

const results: { component: string; shape: string; distance: number }[] = [];
for (const c of cases) {
  const want = await c.run(reference.engine);
  const got = await c.run(tested.engine);
  results.push({
    component: c.component,
    shape: `[${got.shape.join(',')}]`,
    distance: relativeL2(got.data, want.data),
  });
}
await reference.engine.close();
await tested.engine.close();

// A model the runner could not put on the provider under test ran on CPU: its "match" proves nothing.
const fellBack = [...tested.providers].filter(([, used]) => used !== provider);
const verdict = (d: number) =>
  fellBack.length > 0 ? `not compared (ran on cpu)` : d < tolerance ? 'ok' : 'DIFFERENT';
const rows = [
  ['component', 'output', 'relative L2', 'result'],
  ...results.map((r) => [r.component, r.shape, r.distance.toExponential(2), verdict(r.distance)]),
];
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
for (const row of rows)
  console.log(
    row
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );

if (fellBack.length > 0) {
  fail(
    `${fellBack.length} model(s) did not run on ${provider} (the runner fell back to ${fellBack[0]![1]}): ` +
      `${fellBack.map(([name]) => name.replace(/#.*$/, '')).join(', ')}. Check the NVIDIA driver (nvidia-smi), the CUDA 12 ` +
      `and cuDNN 9 libraries on the library path, and onnxruntime-node's CUDA provider ` +
      `(ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node).`,
    1,
  );
}
if (results.some((r) => !(r.distance < tolerance)))
  fail(`outputs on ${provider} differ from the CPU provider by ${tolerance} or more (relative L2)`, 1);
console.log(`\nall outputs on ${provider} within ${tolerance} of the CPU provider`);
