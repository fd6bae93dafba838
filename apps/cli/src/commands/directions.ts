import { readFile, stat, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  DEFAULT_EVALUATION_PROMPTS,
  EVALUATION_DEFAULTS,
  STYLECLIP_SAMPLING,
  Engine,
  compareFs3Tables,
  evaluateDirections,
  importDirections,
  precomputeDirections,
  type DirectionEvaluation,
  type TableAgreement,
  type TextPair,
  type WorkProgress,
} from '@styleclip/editing';
import type { Array32 } from '@styleclip/latent-math';
import { loadModelSet } from '@styleclip/model-sets';
import { CliError } from '../errors';
import { checkFlag, numberFlag, optionDefault, P, parseSeeds } from '../parameters';
import { readArray, writeArray } from '../npy-io';
import { Progress } from '../progress';
import { parseAlphas, parseBeta } from './edit';

function progressReporter() {
  const bars = new Map<string, Progress>();
  return (p: WorkProgress) => {
    if (p.phase === 'done') return;
    let bar = bars.get(p.phase);
    if (!bar)
      bars.set(p.phase, (bar = new Progress(p.phase === 's-stats' ? 'S statistics' : 'fs3 channels')));
    bar.update(p.done, p.total, p.note ?? '');
  };
}

const pre = P.precomputeDirections;

export function registerDirections(program: Command): void {
  const directions = program
    .command('directions')
    .description('global-direction data: S statistics and the channel-relevance table (fs3)');

  directions
    .command('precompute')
    .description(
      'compute S statistics and fs3 for a model set (resumable: rerun after an interruption to continue)',
    )
    .requiredOption('--models <dir>', 'model set folder (needs CLIP)')
    .option('--images <n>', 'images averaged per channel (official: 100)', optionDefault(pre, 'images'))
    .option(
      '--layers <which>',
      'official (S index ≤ 16) | all (every non-toRGB layer)',
      optionDefault(pre, 'layers').toLowerCase(),
    )
    .option('--samples <n>', 'samples for the S statistics', optionDefault(pre, 'samples'))
    .option(
      '--truncation-layers <which>',
      'truncate all W+ rows (TF) or the first8 (PyTorch port)',
      STYLECLIP_SAMPLING.layers,
    )
    .option('--batch <n>', 'images per generator run', optionDefault(pre, 'batch'))
    .option(
      '--fast',
      'fast mode: layers at or below the resolution CLIP needs (256 at 1024) are measured on the synthesis stopped there (not the official table; judge it with "directions compare")',
    )
    .action(
      async (o: {
        models: string;
        images: string;
        layers: string;
        samples: string;
        truncationLayers: string;
        batch: string;
        fast?: boolean;
      }) => {
        const layers = checkFlag(pre, 'layers', '--layers', o.layers.toUpperCase());
        const truncationLayers = checkFlag(
          pre,
          'truncationLayers',
          '--truncation-layers',
          o.truncationLayers.toUpperCase(),
        );
        const m = await precomputeDirections(o.models, {
          images: numberFlag(pre, 'images', '--images', o.images),
          layers: layers === 'ALL' ? 'all' : 'official',
          samples: numberFlag(pre, 'samples', '--samples', o.samples),
          truncation: {
            psi: STYLECLIP_SAMPLING.psi,
            layers: truncationLayers === 'FIRST8' ? 'first8' : 'all',
          },
          batch: numberFlag(pre, 'batch', '--batch', o.batch),
          fast: checkFlag(pre, 'fast', '--fast', o.fast ?? false),
          onProgress: progressReporter(),
        });
        process.stderr.write('\n');
        const stop = m.directions!.fs3StopResolution;
        console.log(
          `fs3: ${m.directions!.fs3Rows} channels × ${m.clip!.config.embedDim}, S statistics over ${m.directions!.sStatsSamples} samples` +
            (stop ? ` (fast mode: layers up to ${stop} px measured at ${stop} px)` : ''),
        );
      },
    );

  directions
    .command('import')
    .description('import an official fs3.npy (5376 or 6048 rows for FFHQ 1024) and optionally S_mean_std')
    .requiredOption('--models <dir>', 'model set folder')
    .requiredOption('--fs3 <file>', 'channel-relevance table (.npy)')
    .option('--s-mean-std <file>', 'official S_mean_std (pickled numpy lists); computed when absent')
    .option('--samples <n>', 'samples for computed S statistics', optionDefault(pre, 'samples'))
    .action(async (o: { models: string; fs3: string; sMeanStd?: string; samples: string }) => {
      const m = await importDirections(o.models, {
        fs3: o.fs3,
        ...(o.sMeanStd ? { sMeanStd: o.sMeanStd } : {}),
        samples: numberFlag(pre, 'samples', '--samples', o.samples),
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
    .option('--beta <beta>', 'threshold in [0,1] or auto', optionDefault(P.textDirection, 'beta'))
    .option('--top <n>', 'top channels to list', optionDefault(P.textDirection, 'top'))
    .option('--output-ds <file>', 'write Δs over all S layers (StyleSpace order) as .npy')
    .action(
      async (o: {
        models: string;
        neutral?: string;
        target?: string;
        dt?: string;
        beta: string;
        top: string;
        outputDs?: string;
      }) => {
        const hasText = o.neutral !== undefined || o.target !== undefined;
        if (hasText === (o.dt !== undefined)) throw new CliError('give --neutral and --target, or --dt');
        if (hasText && (o.neutral === undefined || o.target === undefined))
          throw new CliError('give both --neutral and --target');
        const engine = await Engine.open(o.models);
        try {
          const dt = o.dt ? (await readArray(o.dt)).data : undefined;
          const p = await engine.edit.preview({
            ...(dt ? { dt } : { text: { neutral: o.neutral!, target: o.target! } }),
            beta: parseBeta(o.beta),
            topK: numberFlag(P.textDirection, 'top', '--top', o.top),
          });
          console.log(`channels: ${p.kept} (β = ${p.beta}, largest |r| = ${p.maxAbsRelevance.toFixed(4)})`);
          if (p.dtNorm !== undefined) console.log(`Δt norm before normalization: ${p.dtNorm.toFixed(6)}`);
          for (const t of p.top)
            console.log(
              `  ${(t.layerName ?? `layer ${t.layer}`).padEnd(22)} channel ${String(t.channel).padStart(4)}  ${t.weight >= 0 ? '+' : ''}${t.weight.toFixed(4)}`,
            );
          if (o.outputDs) {
            await writeArray(o.outputDs, { shape: [p.ds.length], data: p.ds });
            console.log(`Δs (${p.ds.length} values) written to ${o.outputDs}`);
          }
        } finally {
          await engine.close();
        }
      },
    );

  directions
    .command('evaluate')
    .description(
      'how well global edits follow their text: cos(E(edited) − E(original), Δt), movement along Δt and pixel change per α',
    )
    .requiredOption('--models <dir>', 'model set folder (needs CLIP and directions)')
    .option(
      '--seeds <list>',
      'seeds of the images to edit, e.g. 1-8 or 3,5,9',
      EVALUATION_DEFAULTS.seeds.join(','),
    )
    .option(
      '--prompts <file>',
      'text pairs, one "neutral | target" per line (# comments); default: six face edits',
    )
    .option('--neutral <text>', 'evaluate one pair: neutral description')
    .option('--target <text>', 'evaluate one pair: target description')
    .option('--alpha <list>', 'strengths, each > 0', EVALUATION_DEFAULTS.alphas.join(','))
    .option('--beta <beta>', 'threshold in [0,1] or auto (per prompt)', optionDefault(P.editGlobal, 'beta'))
    .option('--truncation <psi>', 'ψ of the generated images', optionDefault(P.generateImages, 'truncation'))
    .option(
      '--other <path>',
      "also how far another fs3 table (e.g. a fast-mode one: an .npy or a model set folder) is from the set's own, on the same prompts (as directions compare)",
    )
    .option('--json <file>', 'also write the full result (per prompt too) as JSON')
    .action(
      async (o: {
        models: string;
        seeds: string;
        prompts?: string;
        neutral?: string;
        target?: string;
        alpha: string;
        beta: string;
        truncation: string;
        other?: string;
        json?: string;
      }) => {
        const alphas = parseAlphas(o.alpha);
        if (alphas.some((a) => a <= 0))
          throw new CliError(
            '--alpha: every strength must be > 0 (α = 0 is the original every score compares with)',
          );
        const prompts = await promptsFrom(o);
        // Read first: a wrong path fails before the edits run.
        const other = o.other === undefined ? undefined : await otherTable(o.other);
        const engine = await Engine.open(o.models);
        try {
          const bar = new Progress('edits');
          const ev = await evaluateDirections(engine, {
            seeds: parseSeeds(o.seeds),
            prompts,
            alphas,
            beta: parseBeta(o.beta),
            truncation: numberFlag(P.generateImages, 'truncation', '--truncation', o.truncation),
            onProgress: ({ done, total }) => bar.update(done, total),
          });
          bar.done();
          for (const line of formatEvaluation(ev)) console.log(line);
          const agreement = other && (await compareFs3Tables(engine, other.table, { prompts }));
          if (agreement) {
            console.log(`\nagreement of ${o.other} with the set's table`);
            for (const line of formatAgreement(agreement, other.stopResolution)) console.log(line);
          }
          if (o.json) {
            await writeFile(o.json, JSON.stringify(agreement ? { ...ev, agreement } : ev, null, 2) + '\n');
            console.log(`full result written to ${o.json}`);
          }
        } finally {
          await engine.close();
        }
      },
    );

  registerCompare(directions);
}

function registerCompare(directions: Command): void {
  directions
    .command('compare')
    .description(
      "how far another fs3 table (e.g. a fast-mode one) is from the set's own: row cosine and correlation per layer, and per prompt whether β 0.1/0.15/0.2 keep the same channels",
    )
    .requiredOption('--models <dir>', 'model set folder (its table is the reference, e.g. exact)')
    .requiredOption('--other <path>', 'the other table: an fs3 .npy, or a model set folder with one')
    .option(
      '--prompts <file>',
      'text pairs, one "neutral | target" per line (# comments); default: six face edits',
    )
    .option('--json <file>', 'also write the full result as JSON')
    .action(async (o: { models: string; other: string; prompts?: string; json?: string }) => {
      const prompts = await promptsFrom(o);
      const engine = await Engine.open(o.models);
      try {
        const other = await otherTable(o.other);
        const a = await compareFs3Tables(engine, other.table, { prompts });
        for (const line of formatAgreement(a, other.stopResolution)) console.log(line);
        if (o.json) {
          await writeFile(o.json, JSON.stringify(a, null, 2) + '\n');
          console.log(`full result written to ${o.json}`);
        }
      } finally {
        await engine.close();
      }
    });
}

/** An fs3 table from a .npy file or from a model set folder (with what its manifest says about it). */
async function otherTable(path: string): Promise<{ table: Array32; stopResolution?: number }> {
  if (!(await stat(path).catch(() => undefined))?.isDirectory()) {
    return { table: await readArray(path) };
  }
  const set = await loadModelSet(path);
  const d = set.manifest.directions;
  if (!d?.fs3) throw new CliError(`model set ${path} has no fs3 table`);
  return {
    table: await readArray(set.path(d.fs3)),
    ...(d.fs3StopResolution !== undefined ? { stopResolution: d.fs3StopResolution } : {}),
  };
}

/** The tables the compare command prints: per layer, then per prompt and β. */
export function formatAgreement(a: TableAgreement, stopResolution?: number): string[] {
  const lines = [
    `${a.rows} rows${stopResolution ? ` (the other table: fast mode, stop at ${stopResolution} px)` : ''}`,
    'layer                   channels   row cosine (mean, min)   correlation',
  ];
  for (const l of a.layers)
    lines.push(
      `${l.name.padEnd(22)}  ${String(l.channels).padStart(8)}   ${l.meanRowCosine.toFixed(4).padStart(10)}  ${l.minRowCosine.toFixed(4).padStart(10)}   ${l.correlation.toFixed(4).padStart(11)}`,
    );
  lines.push(
    '',
    `prompt                              r corr.  ${a.betas.map((b) => `β ${b}: kept (common)`.padEnd(24)).join('')}`,
  );
  for (const p of a.prompts)
    lines.push(
      `${`${p.neutral} → ${p.target}`.slice(0, 34).padEnd(34)}  ${p.relevanceCorrelation.toFixed(4)}  ${p.kept
        .map((k) => `${k.reference}/${k.other} (${k.common})${k.identical ? ' same' : ''}`.padEnd(24))
        .join('')}`,
    );
  lines.push(
    `identical kept channels: ${a.identicalKept.identical} of ${a.identicalKept.of} prompt × β (kept: reference/other)`,
  );
  return lines;
}

async function promptsFrom(o: {
  prompts?: string;
  neutral?: string;
  target?: string;
}): Promise<readonly TextPair[]> {
  const one = o.neutral !== undefined || o.target !== undefined;
  if (one && o.prompts) throw new CliError('give --prompts or --neutral/--target, not both');
  if (one) {
    if (o.neutral === undefined || o.target === undefined)
      throw new CliError('give both --neutral and --target');
    return [{ neutral: o.neutral, target: o.target }];
  }
  if (!o.prompts) return DEFAULT_EVALUATION_PROMPTS;
  let text: string;
  try {
    text = await readFile(o.prompts, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read --prompts ${o.prompts}: ${(e as Error).message}`);
  }
  const pairs: TextPair[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const parts = line.split('|').map((t) => t.trim());
    if (parts.length !== 2 || !parts[0] || !parts[1])
      throw new CliError(`${o.prompts}:${i + 1}: expected "neutral | target", got "${line}"`);
    pairs.push({ neutral: parts[0], target: parts[1] });
  }
  if (pairs.length === 0) throw new CliError(`${o.prompts} has no text pairs`);
  return pairs;
}

/** The table the command prints: one row per α, then the prompts skipped at this β. */
export function formatEvaluation(ev: DirectionEvaluation): string[] {
  const lines = [
    `${ev.pairs} edits per α (${ev.seeds.length} seeds × ${ev.prompts.length} prompts, β ${ev.beta}, ψ ${ev.truncation})`,
    '     α   cos(ΔE, Δt)   ΔE·Δt   pixel RMS',
  ];
  ev.alphas.forEach((a, k) =>
    lines.push(
      `${a.toFixed(2).padStart(6)}   ${ev.cosine[k]!.toFixed(4).padStart(11)}   ${ev.alongDt[k]!.toFixed(4).padStart(6)}   ${ev.pixelRms[k]!.toFixed(4).padStart(9)}`,
    ),
  );
  for (const s of ev.skipped) lines.push(`skipped "${s.neutral}" → "${s.target}": ${s.reason}`);
  return lines;
}
