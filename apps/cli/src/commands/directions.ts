import type { Command } from 'commander';
import { Engine, importDirections, precomputeDirections, type WorkProgress } from '@styleclip/editing';
import { CliError, parseNumber } from '../errors';
import { readArray, writeArray } from '../npy-io';
import { Progress } from '../progress';
import { parseBeta } from './edit';

function progressReporter() {
  const bars = new Map<string, Progress>();
  return (p: WorkProgress) => {
    if (p.phase === 'done') return;
    let bar = bars.get(p.phase);
    if (!bar) bars.set(p.phase, (bar = new Progress(p.phase === 's-stats' ? 'S statistics' : 'fs3 channels')));
    bar.update(p.done, p.total, p.note ?? '');
  };
}

export function registerDirections(program: Command): void {
  const directions = program.command('directions').description('global-direction data: S statistics and the channel-relevance table (fs3)');

  directions
    .command('precompute')
    .description('compute S statistics and fs3 for a model set (resumable: rerun after an interruption to continue)')
    .requiredOption('--models <dir>', 'model set folder (needs CLIP)')
    .option('--images <n>', 'images averaged per channel (official: 100)', '100')
    .option('--layers <which>', 'official (S index ≤ 16) | all (every non-toRGB layer)', 'official')
    .option('--samples <n>', 'samples for the S statistics (official: 100000)', '100000')
    .option('--truncation-layers <which>', 'truncate all W+ rows (TF) or the first8 (PyTorch port)', 'all')
    .option('--batch <n>', 'images per generator run', '8')
    .action(async (o: { models: string; images: string; layers: string; samples: string; truncationLayers: string; batch: string }) => {
      if (o.layers !== 'official' && o.layers !== 'all') throw new CliError('--layers must be official or all');
      if (o.truncationLayers !== 'all' && o.truncationLayers !== 'first8') throw new CliError('--truncation-layers must be all or first8');
      const m = await precomputeDirections(o.models, {
        images: parseNumber('--images', o.images, 1, 10_000),
        layers: o.layers,
        samples: parseNumber('--samples', o.samples, 2, 10_000_000),
        truncation: { psi: 0.7, layers: o.truncationLayers },
        batch: parseNumber('--batch', o.batch, 1, 1024),
        onProgress: progressReporter(),
      });
      process.stderr.write('\n');
      console.log(`fs3: ${m.directions!.fs3Rows} channels × ${m.clip!.config.embedDim}, S statistics over ${m.directions!.sStatsSamples} samples`);
    });

  directions
    .command('import')
    .description('import an official fs3.npy (5376 or 6048 rows for FFHQ 1024) and optionally S_mean_std')
    .requiredOption('--models <dir>', 'model set folder')
    .requiredOption('--fs3 <file>', 'channel-relevance table (.npy)')
    .option('--s-mean-std <file>', 'official S_mean_std (pickled numpy lists); computed when absent')
    .option('--samples <n>', 'samples for computed S statistics', '100000')
    .action(async (o: { models: string; fs3: string; sMeanStd?: string; samples: string }) => {
      const m = await importDirections(o.models, {
        fs3: o.fs3,
        ...(o.sMeanStd ? { sMeanStd: o.sMeanStd } : {}),
        samples: parseNumber('--samples', o.samples, 2, 10_000_000),
        onProgress: progressReporter(),
      });
      const d = m.directions!;
      console.log(`imported fs3 with ${d.fs3Rows} rows covering S layers ${d.fs3Layers!.join(',')}`);
    });

  directions
    .command('explain')
    .description('which channels a text pair (or Δt) moves at β: count, top channels, and Δs')
    .requiredOption('--models <dir>', 'model set folder')
    .option('--neutral <text>', 'neutral description')
    .option('--target <text>', 'target description')
    .option('--dt <file>', 'or a unit Δt (.npy)')
    .option('--beta <beta>', 'threshold in [0,1] or auto', '0.15')
    .option('--top <n>', 'top channels to list', '10')
    .option('--output-ds <file>', 'write Δs over all S layers (StyleSpace order) as .npy')
    .action(async (o: { models: string; neutral?: string; target?: string; dt?: string; beta: string; top: string; outputDs?: string }) => {
      const hasText = o.neutral !== undefined || o.target !== undefined;
      if (hasText === (o.dt !== undefined)) throw new CliError('give --neutral and --target, or --dt');
      if (hasText && (o.neutral === undefined || o.target === undefined)) throw new CliError('give both --neutral and --target');
      const engine = await Engine.open(o.models);
      try {
        const dt = o.dt ? (await readArray(o.dt)).data : undefined;
        const p = await engine.edit.preview({
          ...(dt ? { dt } : { text: { neutral: o.neutral!, target: o.target! } }),
          beta: parseBeta(o.beta),
          topK: parseNumber('--top', o.top, 1, 1000),
        });
        console.log(`channels: ${p.kept} (β = ${p.beta}, largest |r| = ${p.maxAbsRelevance.toFixed(4)})`);
        if (p.dtNorm !== undefined) console.log(`Δt norm before normalization: ${p.dtNorm.toFixed(6)}`);
        for (const t of p.top) console.log(`  ${(t.layerName ?? `layer ${t.layer}`).padEnd(22)} channel ${String(t.channel).padStart(4)}  ${t.weight >= 0 ? '+' : ''}${t.weight.toFixed(4)}`);
        if (o.outputDs) {
          await writeArray(o.outputDs, { shape: [p.ds.length], data: p.ds });
          console.log(`Δs (${p.ds.length} values) written to ${o.outputDs}`);
        }
      } finally {
        await engine.close();
      }
    });
}
