// `npm run bench [-- --suite generator|conv-layers|preview|clip|edit|all] [--quick]`: benchmarks with the
// MatMul ceiling measured in the same run.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRuntime } from '@styleclip/model-runners';
import { PRESETS } from '@styleclip/model-sets';
import { bestMatmulCeiling } from './ceiling';
import { benchGenerator } from './generator';
import { benchClip } from './clip';
import { benchEdits, benchPrecompute, ensureDirections } from './edit';
import { peakRssMb, table } from './measure';
import { presetSet } from './models';
import { fixtureSet, fixtureWPlus } from './fixture-set';
import { benchPreviewTiming, previewQuality } from './preview';
import { benchConvLayers, benchGeneratorVariants } from './winograd';
import { benchUpConvs } from './upconv';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'generator' },
    quick: { type: 'boolean', default: false },
    threads: { type: 'string', default: '2' },
    out: { type: 'string', default: 'bench-results' },
    /** Also measure preview quality on this model set (e.g. one imported from real checkpoints). */
    models: { type: 'string' },
  },
});
const root = resolve(import.meta.dirname, '..', '..', '..');
const threads = Number(values.threads);
const runtime = createRuntime({ offMainThread: false, intraOpNumThreads: threads });
const results: Record<string, unknown> = { date: new Date().toISOString(), threads, node: process.version };

const presets = values.quick ? ['tiny'] : ['tiny', 'ffhq1024-random'];
const ceiling = await bestMatmulCeiling(runtime);
results['matmulCeiling'] = ceiling;
console.log(
  `MatMul ceiling (${threads} threads, best of ${Object.entries(ceiling.bySize)
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
  console.log('Generator W+ → image, the set as built (median after warm-up; GFLOP/s count the direct MACs)');
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

  // The synthesis graph as it was vs what sets are built with now, interleaved in one process.
  const variants = [];
  for (const preset of presets) {
    const config = PRESETS[preset]!.generator;
    variants.push(
      ...(await benchGeneratorVariants(runtime, config, ceiling.gflops, preset === 'tiny' ? 20 : 9)).map(
        (r) => ({ set: preset, ...r }),
      ),
    );
  }
  results['generatorVariants'] = variants;
  console.log('\nSynthesis S → image, batch 1: before vs now (interleaved; GFLOP/s count the direct MACs)');
  console.log(
    table(
      variants.map((r) => ({
        set: r.set,
        graph: r.variant,
        'median ms': r.medianMs,
        'vs before': `×${r.vsBaseline.toFixed(3)}`,
        'speed-up': `${((1 / r.vsBaseline - 1) * 100).toFixed(1)}%`,
        'eff. GFLOP/s': r.effectiveGflops,
        'of ceiling': `${(100 * r.ceilingRatio).toFixed(1)}%`,
        'rel L2 to before': r.relL2.toExponential(1),
      })),
    ),
  );
}

if (values.suite === 'conv-layers' || values.suite === 'all') {
  const rows = [];
  for (const preset of presets)
    rows.push(
      ...(
        await benchConvLayers(runtime, PRESETS[preset]!.generator, ceiling.gflops, preset === 'tiny' ? 20 : 6)
      ).map((r) => ({ set: preset, ...r })),
    );
  results['convLayers'] = rows;
  const up = [];
  for (const preset of presets)
    up.push(
      ...(await benchUpConvs(runtime, PRESETS[preset]!.generator, preset === 'tiny' ? 20 : 5)).map((r) => ({
        set: preset,
        ...r,
      })),
    );
  results['upConvs'] = up;
  console.log(
    '\nStride-1 3×3 modulated convs per layer, batch 1 (interleaved per layer; GFLOP/s count the direct MACs)',
  );
  console.log(
    table(
      rows.map((r) => ({
        set: r.set,
        layer: r.module,
        res: r.resolution,
        ch: r.channels,
        algorithm: r.algorithm,
        'median ms': r.medianMs,
        'vs direct': `×${r.vsDirect.toFixed(2)}`,
        'eff. GFLOP/s': r.effectiveGflops,
        'of ceiling': `${(100 * r.ceilingRatio).toFixed(1)}%`,
        recorded: r.algorithm === r.recorded ? '◀ table' : '',
      })),
    ),
  );
  console.log('\nUp-convs (ConvTranspose + blur) vs decompositions, batch 1 (interleaved per layer)');
  console.log(
    table(
      up.map((r) => ({
        set: r.set,
        res: r.resolution,
        'cin→cout': `${r.cin}→${r.cout}`,
        variant: r.variant,
        'median ms': r.medianMs,
        'vs ConvTranspose': `×${r.vsConvTranspose.toFixed(2)}`,
        'rel L2': r.relL2.toExponential(1),
      })),
    ),
  );
}

if (values.suite === 'preview' || values.suite === 'all') {
  const timing = [];
  const quality = [];
  for (const preset of presets) {
    timing.push(
      ...(await benchPreviewTiming(runtime, PRESETS[preset]!.generator, preset === 'tiny' ? 20 : 9)).map(
        (r) => ({ set: preset, ...r }),
      ),
    );
    quality.push(
      ...(await previewQuality(runtime, (await presetSet(root, preset)).dir, {
        seeds: preset === 'tiny' ? [1, 2, 3, 4, 5, 6, 7, 8] : [1, 2, 3, 4],
      })),
    );
  }
  if (values.models)
    quality.push(
      ...(await previewQuality(runtime, resolve(values.models), { seeds: [1, 2, 3, 4, 5, 6, 7, 8] })),
    );
  const fixture = await fixtureSet();
  try {
    quality.push(
      ...(await previewQuality(runtime, fixture.dir, {
        seeds: [1, 2, 3, 4, 5, 6, 7, 8],
        wplus: await fixtureWPlus(),
      })),
    );
  } finally {
    await fixture.remove();
  }
  results['previewTiming'] = timing;
  results['previewQuality'] = quality;
  console.log('\nFull render vs stopped-early previews, batch 1 (interleaved)');
  console.log(
    table(
      timing.map((r) => ({
        set: r.set,
        resolution: r.resolution,
        'median ms': r.medianMs,
        'time share': `${(100 * r.timeShare).toFixed(1)}%`,
        'MAC share': `${(100 * r.macShare).toFixed(1)}%`,
      })),
    ),
  );
  console.log('\nPreview vs the full image area-downsampled (PSNR dB, images clamped to [−1, 1])');
  console.log(
    table(
      quality.map((r) => ({
        set: r.set,
        resolution: r.resolution,
        path: r.path,
        images: r.images,
        'mean dB': r.psnrMean,
        'min dB': r.psnrMin,
        'max dB': r.psnrMax,
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

results['peakRssMb'] = peakRssMb();
console.log(`\npeak RSS ${results['peakRssMb'] as number} MB`);
await mkdir(join(root, values.out), { recursive: true });
const file = join(root, values.out, `bench-${values.suite}.json`);
await writeFile(file, JSON.stringify(results, null, 2) + '\n');
console.log(`results written to ${file}`);
await runtime.dispose();
