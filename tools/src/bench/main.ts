// `npm run bench [-- --suite generator|conv-layers|preview|fs3|clip|edit|arcface|encoder|faces|all] [--quick]`:
// benchmarks with the MatMul ceiling measured in the same run.
// `npm run bench -- --suite precompute --workers 1,2`: the sharded precompute on N worker processes.
// `npm run bench -- --suite cold-start [--quick]`: an API server's start with its model set in S3 (s3rver).
// `npm run bench -- --suite generator-profile [--threads 1]`: where the synthesis graph's time goes, by op and stage.
// `npm run bench -- --suite stage-experiments [--threads 1]`: rearrangements of the last stages, measured, not used.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRuntime, runnerConfigFromEnv } from '@styleclip/model-runners';
import { PRESETS } from '@styleclip/model-sets';
import { bestMatmulCeiling } from './ceiling';
import { benchGenerator } from './generator';
import { benchClip } from './clip';
import { benchEdits, benchPrecompute, ensureDirections } from './edit';
import { benchOptimize, benchTrainMapper } from './optimize';
import { benchArcFace, benchEncoder, type NetworkResult } from './face-networks';
import { benchFaces, facesTable } from './faces';
import { peakRssMb, table } from './measure';
import { presetSet } from './models';
import { benchPrecomputeWorkers, machineCores } from './precompute-workers';
import { fixtureSet, fixtureWPlus } from './fixture-set';
import { benchPreviewTiming, previewQuality } from './preview';
import { benchConvLayers, benchGeneratorVariants } from './winograd';
import { benchColdStart } from './cold-start';
import { benchUpConvs } from './upconv';
import { profileSynthesis } from './op-profile';
import { benchStageExperiments } from './stage-experiments';
import { benchFs3Arm, benchFs3Precompute, FS3_ARMS, type Fs3Arm } from './fs3-precompute';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'generator' },
    quick: { type: 'boolean', default: false },
    threads: { type: 'string', default: '2' },
    out: { type: 'string', default: 'bench-results' },
    // --suite precompute
    workers: { type: 'string', default: '1,2' },
    images: { type: 'string', default: '4' },
    'shard-channels': { type: 'string', default: '32' },
    'worker-threads': { type: 'string', default: '1' },
    // --suite fs3: S layer indices to measure instead of the official table's (e.g. 0,12,15,24)
    'fs3-layers': { type: 'string' },
    // --suite fs3: one preset only (e.g. ffhq1024-random)
    'fs3-set': { type: 'string' },
    // --suite fs3: rounds of processes (each way once per round, alternating order)
    'fs3-rounds': { type: 'string', default: '2' },
    // (internal) --suite fs3-arm --fs3-arm <way>: one way of the fs3 suite, run by the fs3 suite
    'fs3-arm': { type: 'string' },
    /** Also measure preview quality on this model set (e.g. one imported from real checkpoints). */
    models: { type: 'string' },
    // --suite train-mapper: the batch (official: 2; at 1024 it needs more than 24 GiB on the CPU provider)
    'mapper-batch': { type: 'string', default: '2' },
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

if (values.suite === 'precompute') {
  // Worker processes, not this process's runtime: the topology is what is measured.
  const workers = values.workers.split(',').map(Number);
  if (workers.some((n) => !Number.isInteger(n) || n < 1 || n > 64))
    throw new Error('--workers takes counts like 1,2');
  const threads = Number(values['worker-threads']);
  console.log(
    `Sharded fs3 precompute of the tiny set on N worker processes (BullMQ on a local Redis, filesystem storage), ` +
      `${threads} thread(s) per worker, ${machineCores()} cores on this machine`,
  );
  const rows = await benchPrecomputeWorkers(root, {
    workers,
    images: Number(values.images),
    shardChannels: Number(values['shard-channels']),
    threads,
  });
  results['precomputeWorkers'] = rows;
  console.log(
    table(
      rows.map((r) => ({
        workers: r.workers,
        'threads/worker': r.threadsPerWorker,
        shards: r.shards,
        channels: r.channels,
        'fs3 s': r.fs3Seconds,
        'channels/s': r.channelsPerSecond,
        'images/s': r.imagesPerSecond,
        speedup: `${r.speedup.toFixed(2)}×`,
        'merge s': r.mergeSeconds,
        'total s': r.totalSeconds,
      })),
    ),
  );
  console.log(
    "speedup: channels/s over the first N; merge: from the last shard to the job's end (read, write, publish)",
  );
  await mkdir(join(root, values.out), { recursive: true });
  const file = join(root, values.out, 'bench-precompute.json');
  await writeFile(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`results written to ${file}`);
  await runtime.dispose();
  process.exit(0);
}

if (values.suite === 'cold-start') {
  // A process of its own (the real API server), not this process's runtime.
  const preset = values.quick ? 'tiny' : 'ffhq1024-random';
  const set = await presetSet(root, preset); // built under models/ on first use (the 1024 set: GBs, minutes)
  console.log(
    `Cold start of the API with its model set in S3 (s3rver on loopback): ${preset}, ${threads} thread(s) per ` +
      `operator, ${executionProvider} provider`,
  );
  const r = await benchColdStart(root, set.dir, set.manifest.id, {
    threads,
    log: (line) => console.log(`  ${line}`),
  });
  results['coldStart'] = r;
  console.log(
    `\n${r.set}: ${r.files} files, ${r.setMB.toFixed(1)} MB (pushed in ${r.pushS.toFixed(1)} s, ` +
      `${(r.setMB / r.pushS).toFixed(0)} MB/s)`,
  );
  console.log(
    table(
      r.rows.map((x) => ({
        start: x.run,
        'boot s': x.bootS,
        'pull s': x.pullS,
        'MB moved': x.transferredMB,
        'MB/s': x.pullMBps,
        'sessions s': x.sessionsS,
        'warm-up s': x.warmUpS,
        'ready s': x.readyS,
        'peak RSS MB': x.peakRssMB ?? '',
      })),
    ),
  );
  console.log(
    'boot: spawn → listening; pull: download + sha256 (cold) or sha256 of the cache only (warm); sessions: the ' +
      'models of the first requests; warm-up: one generation + CLIP image and text; ready: spawn → /readyz 200',
  );
  await mkdir(join(root, values.out), { recursive: true });
  const file = join(root, values.out, 'bench-cold-start.json');
  await writeFile(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`results written to ${file}`);
  await runtime.dispose();
  process.exit(0);
}

const presets = values.quick ? ['tiny'] : ['tiny', 'ffhq1024-random'];
if (values.suite === 'fs3-arm') {
  // One way of the fs3 suite in this process (started by the fs3 suite): prints its result as one line.
  const arm = values['fs3-arm'] as Fs3Arm;
  if (!FS3_ARMS.includes(arm)) throw new Error(`--fs3-arm: one of ${FS3_ARMS.join(', ')}`);
  const preset = values['fs3-set'] ?? 'tiny';
  const tiny = preset === 'tiny';
  const r = await benchFs3Arm(
    arm,
    (await presetSet(root, preset)).dir,
    { intraOpNumThreads: threads, executionProvider },
    {
      images: tiny ? 8 : 2,
      channels: tiny ? 8 : 1,
      batch: tiny ? 8 : 2,
      ...(values['fs3-layers'] ? { layers: values['fs3-layers'].split(',').map(Number) } : {}),
    },
  );
  console.log(`FS3-ARM ${JSON.stringify(r)}`);
  await runtime.dispose();
  process.exit(0);
}

// The faces suite compares against dlib's C++ in the same run instead of a MatMul ceiling.
const ceiling = values.suite === 'faces' ? undefined : await bestMatmulCeiling(runtime);
if (ceiling) {
  results['matmulCeiling'] = ceiling;
  console.log(
    `MatMul ceiling (${executionProvider}, ${threads} threads, best of ${Object.entries(ceiling.bySize)
      .map(([n, g]) => `${n}³: ${g.toFixed(1)}`)
      .join(', ')}): ` + `${ceiling.gflops.toFixed(1)} GFLOP/s\n`,
  );
}

if (values.suite === 'generator' || values.suite === 'all') {
  const rows = [];
  for (const preset of presets) {
    const set = await presetSet(root, preset);
    const runs = preset === 'tiny' ? 20 : 3;
    rows.push(...(await benchGenerator(runtime, set, [1, 4], ceiling!.gflops, runs)));
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
      ...(await benchGeneratorVariants(runtime, config, ceiling!.gflops, preset === 'tiny' ? 20 : 9)).map(
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

if (values.suite === 'generator-profile') {
  // onnxruntime's profiler, not wall time: where the time goes, not how fast (that is the generator suite).
  const profiles = [];
  for (const preset of presets) {
    for (const p of await profileSynthesis(PRESETS[preset]!.generator, threads, preset === 'tiny' ? 5 : 3))
      profiles.push({ set: preset, ...p });
  }
  results['generatorProfile'] = profiles;
  for (const preset of presets) {
    const [before, now] = profiles.filter((p) => p.set === preset);
    const rows = (key: 'byOp' | 'byStage', order: (a: string, b: string) => number) =>
      [...new Set([...Object.keys(before![key]), ...Object.keys(now![key])])].sort(order).map((k) => ({
        [key === 'byOp' ? 'op' : 'stage (px)']: k,
        'before ms': before![key][k] ?? 0,
        'now ms': now![key][k] ?? 0,
        'share now': `${((100 * (now![key][k] ?? 0)) / now!.kernelMs).toFixed(1)}%`,
      }));
    console.log(
      `\n${preset}, synthesis batch 1, ${threads} thread(s): kernel time per run (run median: before ` +
        `${before!.runMedianMs.toFixed(0)} ms, now ${now!.runMedianMs.toFixed(0)} ms)`,
    );
    console.log(table(rows('byOp', (a, b) => (now!.byOp[b] ?? 0) - (now!.byOp[a] ?? 0))));
    console.log(
      table(
        rows('byStage', (a, b) => (Number(a) || Infinity) - (Number(b) || Infinity) || a.localeCompare(b)),
      ),
    );
  }
}

if (values.suite === 'stage-experiments') {
  const rows = [];
  for (const preset of presets)
    rows.push(
      ...(await benchStageExperiments(runtime, PRESETS[preset]!.generator, preset === 'tiny' ? 10 : 5)).map(
        (r) => ({ set: preset, ...r }),
      ),
    );
  results['stageExperiments'] = rows;
  console.log(
    '\nRearrangements of the last stages, batch 1 (interleaved per experiment; first row = as built)',
  );
  console.log(
    table(
      rows.map((r) => ({
        set: r.set,
        experiment: r.experiment,
        shape: r.shape,
        variant: r.variant,
        'median ms': r.medianMs,
        'vs first': `×${r.vsFirst.toFixed(2)}`,
        'rel L2': r.relL2.toExponential(1),
      })),
    ),
  );
}

if (values.suite === 'conv-layers' || values.suite === 'all') {
  const rows = [];
  for (const preset of presets)
    rows.push(
      ...(
        await benchConvLayers(
          runtime,
          PRESETS[preset]!.generator,
          ceiling!.gflops,
          preset === 'tiny' ? 20 : 6,
        )
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

if (values.suite === 'fs3' || values.suite === 'all') {
  const layers = [];
  const projection = [];
  for (const preset of values['fs3-set'] ? [values['fs3-set']] : presets) {
    const tiny = preset === 'tiny';
    await presetSet(root, preset); // built here, before the processes start
    const layerArgs = values['fs3-layers'] ? ['--fs3-layers', values['fs3-layers']] : [];
    console.log(`${preset}: every way in a process of its own, alternating`);
    const r = await benchFs3Precompute(
      (arm) => ({
        command: process.execPath,
        args: [
          ...process.execArgv,
          process.argv[1]!,
          ...['--suite', 'fs3-arm', '--fs3-arm', arm, '--fs3-set', preset, '--threads', String(threads)],
          ...layerArgs,
        ],
      }),
      { images: tiny ? 8 : 2, rounds: Number(values['fs3-rounds']), log: (line) => console.log(line) },
    );
    console.log(
      `${preset}: fast mode stops at ${r.stopResolution} px; issue-time synthesis vs the set's, same S: ` +
        `relative L2 ${r.issueTimeImageRelL2.toExponential(1)}; peak RSS of a process ${r.peakRssMb.toFixed(0)} MB`,
    );
    layers.push(...r.layers);
    projection.push(...r.projection);
  }
  results['fs3Layers'] = layers;
  results['fs3Projection'] = projection;
  console.log(
    '\nfs3 precompute per layer, ms per channel (2 probes × base images, CLIP included; medians over the processes;\n' +
      '× over issue time; rows Δ: largest difference between the issue-time and the exact rows)',
  );
  console.log(
    table(
      layers.map((t) => ({
        set: t.set,
        layer: t.layer,
        px: t.resolution,
        channels: t.channels,
        'issue-time ms': t.ms['issue-time'],
        'whole ms': t.ms.whole,
        'prefix ms': t.ms.prefix,
        'fast ms': t.ms.fast,
        'prefix ×': `${(t.ms['issue-time'] / t.ms.prefix).toFixed(2)}×`,
        'fast ×': `${(t.ms['issue-time'] / t.ms.fast).toFixed(2)}×`,
        'rows Δ': t.issueTimeMaxDiff.toExponential(1),
      })),
    ),
  );
  console.log(
    `\n${values['fs3-layers'] ? 'The measured layers' : 'Official table'} (100 images × 2 probes per channel), channel-weighted over the layers above`,
  );
  console.log(
    table(
      projection.map((p) => ({
        set: p.set,
        method: p.method,
        'images/s': p.imagesPerSecond,
        'vs issue time': `${p.speedup.toFixed(2)}×`,
        'vs whole (today)': `${p.speedupOverWhole.toFixed(2)}×`,
        'projected h': p.projectedHours,
      })),
    ),
  );
}

if (values.suite === 'clip' || values.suite === 'all') {
  const rows = [];
  for (const preset of presets)
    rows.push(
      ...(
        await benchClip(runtime, await presetSet(root, preset), ceiling!.gflops, preset === 'tiny' ? 20 : 5)
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
    else rows.push(...(await benchTrainMapper(runtime, set, steps, Number(values['mapper-batch']))));
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
  table(
    rows.map((r) => ({
      what: r.what,
      shapes: r.shapes,
      batch: r.batch,
      'median ms': r.medianMs,
      GMAC: r.gmac,
      'GFLOP/s': r.gflops,
      'of ceiling': `${(100 * r.ceilingRatio).toFixed(1)}%`,
    })),
  );
if (values.suite === 'arcface' || values.suite === 'all') {
  const rows = await benchArcFace(runtime, {
    full: !values.quick,
    ceilingGflops: ceiling!.gflops,
    runs: values.quick ? 10 : 5,
  });
  results['arcface'] = rows;
  console.log('\nArcFace and the ID loss (median after warm-up)');
  console.log(networkTable(rows));
}

if (values.suite === 'encoder' || values.suite === 'all') {
  const rows = await benchEncoder(runtime, {
    full: !values.quick,
    ceilingGflops: ceiling!.gflops,
    runs: values.quick ? 10 : 3,
  });
  results['encoder'] = rows;
  console.log('\ne4e encoder (median after warm-up)');
  console.log(networkTable(rows));
}

if (values.suite === 'faces' || values.suite === 'all') {
  const facesDir = join(process.env['STYLECLIP_SHARED'] ?? join(root, '..', 'shared'), 'fixtures', 'faces');
  const { rows, loadMs } = await benchFaces(facesDir, {
    runs: values.quick ? 3 : 7,
    rounds: values.quick ? 1 : 2,
    builds: values.quick ? ['portable'] : ['portable', 'native'],
  });
  results['faces'] = { rows, loadMs };
  console.log(
    `\nFaces: detection (one pyramid_up) + 68 landmarks per photo, median ms; dlib C++ built from tools/dlib-reference`,
  );
  console.log(table(facesTable(rows)));
  const total = (f: (r: (typeof rows)[number]) => number | undefined) =>
    rows.reduce((s, r) => s + (f(r) ?? 0), 0);
  console.log(
    `all photos: ours ${total((r) => r.jsMs).toFixed(0)} ms, dlib -O3 ${total((r) => r.dlibMs.portable).toFixed(0)} ms` +
      (values.quick ? '' : `, dlib -O3 -march=native ${total((r) => r.dlibMs.native).toFixed(0)} ms`) +
      ` (models loaded once, not timed: ours ${loadMs.toFixed(0)} ms)`,
  );
}

results['peakRssMb'] = peakRssMb();
console.log(`\npeak RSS ${results['peakRssMb'] as number} MB`);
await mkdir(join(root, values.out), { recursive: true });
const file = join(root, values.out, `bench-${values.suite}.json`);
await writeFile(file, JSON.stringify(results, null, 2) + '\n');
console.log(`results written to ${file}`);
await runtime.dispose();
