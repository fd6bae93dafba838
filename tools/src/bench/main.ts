// `npm run bench [-- --suite generator] [--quick]`: benchmarks with the MatMul ceiling measured in the same run.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRuntime, runnerConfigFromEnv } from '@styleclip/model-runners';
import { bestMatmulCeiling } from './ceiling';
import { benchGenerator } from './generator';
import { benchClip } from './clip';
import { benchEdits, benchPrecompute, ensureDirections } from './edit';
import { benchOptimize, benchTrainMapper } from './optimize';
import { benchArcFace, benchEncoder, type NetworkResult } from './face-networks';
import { peakRssMb, table } from './measure';
import { presetSet } from './models';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'generator' },
    quick: { type: 'boolean', default: false },
    threads: { type: 'string', default: '2' },
    out: { type: 'string', default: 'bench-results' },
  },
});
const root = resolve(import.meta.dirname, '..', '..', '..');
const threads = Number(values.threads);
// STYLECLIP_EXECUTION_PROVIDER=cuda benchmarks the CUDA provider (tools/gpu-check.sh); a fallback is printed.
const executionProvider = runnerConfigFromEnv().executionProvider ?? 'cpu';
const runtime = createRuntime({
  offMainThread: false,
  intraOpNumThreads: threads,
  executionProvider,
  log: (line) => /falling back/.test(line) && console.error(line),
});
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  threads,
  executionProvider,
  node: process.version,
};

const presets = values.quick ? ['tiny'] : ['tiny', 'ffhq1024-random'];
const ceiling = await bestMatmulCeiling(runtime);
results['matmulCeiling'] = ceiling;
console.log(
  `MatMul ceiling (${executionProvider}, ${threads} threads, best of ${Object.entries(ceiling.bySize)
    .map(([n, g]) => `${n}³: ${g.toFixed(1)}`)
    .join(', ')}): ` + `${ceiling.gflops.toFixed(1)} GFLOP/s\n`,
);

if (values.suite === 'generator' || values.suite === 'all') {
  const rows = [];
  for (const preset of presets) {
    const set = await presetSet(root, preset);
    const runs = preset === 'tiny' ? 20 : 3;
    rows.push(...(await benchGenerator(runtime, set, [1, 4], ceiling.gflops, runs)));
  }
  results['generator'] = rows;
  console.log('Generator W+ → image (median after warm-up)');
  console.log(
    table(
      rows.map((r) => ({
        set: r.set,
        size: r.size,
        batch: r.batch,
        'median ms': r.medianMs,
        'GMAC/img': r.gmacPerImage,
        'GFLOP/s': r.gflops,
        'of ceiling': `${(100 * r.ceilingRatio).toFixed(1)}%`,
      })),
    ),
  );
}

if (values.suite === 'clip' || values.suite === 'all') {
  const rows = [];
  for (const preset of presets)
    rows.push(
      ...(
        await benchClip(runtime, await presetSet(root, preset), ceiling.gflops, preset === 'tiny' ? 20 : 5)
      ).map((r) => ({ set: preset, ...r })),
    );
  results['clip'] = rows;
  console.log('\nCLIP encoders (median after warm-up)');
  console.log(
    table(
      rows.map((r) => ({
        set: r.set,
        what: r.what,
        batch: r.batch,
        'median ms': r.medianMs,
        GMAC: r.gmac,
        'GFLOP/s': r.gflops,
        'of ceiling': `${(100 * r.ceilingRatio).toFixed(1)}%`,
      })),
    ),
  );
}

if (values.suite === 'edit' || values.suite === 'all') {
  const rows = [];
  const pre = [];
  for (const preset of presets) {
    const fresh = await ensureDirections(await presetSet(root, preset));
    rows.push(...(await benchEdits(runtime, fresh, preset === 'tiny' ? 20 : 3)));
    pre.push(await benchPrecompute(runtime, fresh, preset === 'tiny' ? 8 : 2, preset === 'tiny' ? 10 : 3));
  }
  results['edits'] = rows;
  results['precompute'] = pre;
  console.log('\nEdits (median, warm caches)');
  console.log(
    table(rows.map((r) => ({ set: r.set, case: r.case, 'median ms': r.medianMs, 'ms/image': r.perImageMs }))),
  );
  console.log('\nfs3 precompute pipeline (synthesis → uint8 → CLIP preprocess → CLIP encode)');
  console.log(
    table(
      pre.map((r) => ({
        set: r.set,
        'images/s': r.imagesPerSecond,
        channels: r.channels,
        'images/channel': r.imagesPerChannel,
        'projected h': r.projectedHours,
      })),
    ),
  );
}

if (values.suite === 'optimize' || values.suite === 'train-mapper') {
  // Per step; PyTorch's figure for the same step comes from tools/official/time_official_steps.py.
  const rows = [];
  for (const preset of presets) {
    const set = await presetSet(root, preset);
    const steps = preset === 'tiny' ? 10 : 3;
    if (values.suite === 'optimize') rows.push(...(await benchOptimize(runtime, set, steps)));
    else rows.push(...(await benchTrainMapper(runtime, set, steps)));
  }
  results[values.suite] = rows;
  if (values.suite === 'optimize') {
    console.log('Latent optimization, per step (median after warm-up; edit mode, official λs)');
    console.log(
      table(
        (rows as Awaited<ReturnType<typeof benchOptimize>>).map((r) => ({
          set: r.set,
          space: r.space,
          ID: r.id ? 'yes' : 'no',
          'prepare s': r.prepareMs / 1000,
          'step ms': r.stepMs,
          'forward ms': r.forwardMs,
          'step/forward': r.stepMs / r.forwardMs,
          'generator ms': r.generatorMs,
          'step/generator': r.stepMs / r.generatorMs,
        })),
      ),
    );
  } else {
    console.log('Mapper training, per step (median after warm-up; official settings)');
    console.log(
      table(
        (rows as Awaited<ReturnType<typeof benchTrainMapper>>).map((r) => ({
          set: r.set,
          batch: r.batch,
          optimizer: r.optimizer,
          ID: r.id ? 'yes' : 'no',
          'prepare s': r.prepareMs / 1000,
          'step ms': r.stepMs,
          'steps/s': r.stepsPerSecond,
          'eval forward ms': r.forwardMs,
          'step/forward': r.stepMs / r.forwardMs,
        })),
      ),
    );
  }
}

/** ArcFace / ID loss and the e4e encoder, on graphs built in memory (full shapes unless --quick). */
const networkTable = (rows: NetworkResult[]) =>
  table(rows.map((r) => ({ what: r.what, shapes: r.shapes, batch: r.batch, 'median ms': r.medianMs, GMAC: r.gmac, 'GFLOP/s': r.gflops, 'of ceiling': `${(100 * r.ceilingRatio).toFixed(1)}%` })));
if (values.suite === 'arcface' || values.suite === 'all') {
  const rows = await benchArcFace(runtime, { full: !values.quick, ceilingGflops: ceiling.gflops, runs: values.quick ? 10 : 5 });
  results['arcface'] = rows;
  console.log('\nArcFace and the ID loss (median after warm-up)');
  console.log(networkTable(rows));
}

if (values.suite === 'encoder' || values.suite === 'all') {
  const rows = await benchEncoder(runtime, { full: !values.quick, ceilingGflops: ceiling.gflops, runs: values.quick ? 10 : 3 });
  results['encoder'] = rows;
  console.log('\ne4e encoder (median after warm-up)');
  console.log(networkTable(rows));
}

results['peakRssMb'] = peakRssMb();
console.log(`\npeak RSS ${results['peakRssMb'] as number} MB`);
await mkdir(join(root, values.out), { recursive: true });
const file = join(root, values.out, `bench-${values.suite}.json`);
await writeFile(file, JSON.stringify(results, null, 2) + '\n');
console.log(`results written to ${file}`);
await runtime.dispose();
