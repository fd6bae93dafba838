import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  driveSteps,
  Engine,
  LatentOptimization,
  OPTIMIZE_DEFAULTS,
  OPTIMIZE_LIMITS,
  type LatentSpace,
  type OptimizeMode,
  type OptimizeRequest,
} from '@styleclip/editing';
import { tensorToRgb8, writePng } from '@styleclip/imaging';
import { array32, concatRows, type Array32 } from '@styleclip/latent-math';
import { CHECKPOINT_FILE, writeAtomically } from '../checkpoint-file';
import { CliError, parseNumber } from '../errors';
import { readArray, writeArray } from '../npy-io';
import { Progress } from '../progress';
import { latentFrom } from './latent-input';

interface OptimizeArgs {
  models: string;
  latent?: string;
  seed?: string;
  truncation: string;
  text: string;
  steps: string;
  lr: string;
  l2Lambda: string;
  idLambda: string;
  space: string;
  mode: string;
  meanLatent?: string;
  checkpointEvery: string;
  resume: boolean;
  graphCache?: string;
  out: string;
}

function choice<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T))
    throw new CliError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function requestFrom(o: OptimizeArgs): Omit<OptimizeRequest, 'latent'> {
  const L = OPTIMIZE_LIMITS;
  return {
    text: o.text,
    mode: choice('--mode', o.mode, ['edit', 'free'] as OptimizeMode[]),
    space: choice('--space', o.space, ['wplus', 's'] as LatentSpace[]),
    steps: parseNumber('--steps', o.steps, L.steps.min, L.steps.max),
    lr: parseNumber('--lr', o.lr, L.lr.min, L.lr.max),
    l2Lambda: parseNumber('--l2-lambda', o.l2Lambda, L.lambda.min, L.lambda.max),
    idLambda: parseNumber('--id-lambda', o.idLambda, L.lambda.min, L.lambda.max),
  };
}

/** The start latent: --latent / --seed, or (free generation) none: the mean latent. */
async function startLatent(
  engine: Engine,
  o: OptimizeArgs,
  mode: OptimizeMode,
): Promise<Array32 | undefined> {
  if (mode === 'free' && o.latent === undefined && o.seed === undefined) return undefined;
  return latentFrom(engine, o);
}

async function readMeanLatent(path: string, dim: number): Promise<Array32> {
  const a = await readArray(path);
  if (a.data.length !== dim)
    throw new CliError(
      `${path}: expected a mean latent of ${dim} values ([1,${dim}]), got [${a.shape.join(',')}]`,
    );
  return array32([1, dim], a.data);
}

/** The checkpoint was made with the same options (a resumed run must be the run that was asked for). */
function checkSameRun(run: LatentOptimization, wanted: Omit<OptimizeRequest, 'latent'>): void {
  const had = run.request;
  for (const k of ['text', 'mode', 'space', 'steps', 'lr', 'l2Lambda', 'idLambda'] as const) {
    if (had[k] !== wanted[k]) {
      throw new CliError(
        `--resume: the checkpoint was made with ${k} = ${JSON.stringify(had[k])}, not ${JSON.stringify(wanted[k])}; use another --out or the same options`,
      );
    }
  }
}

const fmt = (v: number | null) => (v === null ? '-' : v.toFixed(5));

export function registerOptimize(program: Command): void {
  const d = OPTIMIZE_DEFAULTS;
  program
    .command('optimize')
    .description(
      'latent optimization (StyleCLIP run_optimization.py): Adam on W+ or S against CLIP + λ·L2 + λ·ID',
    )
    .requiredOption('--models <dir>', 'model set folder (needs CLIP; ArcFace for --id-lambda > 0)')
    .option('--latent <file>', 'start from this W+ latent (.npy [1,L,D], [L,D] or w [D]), used as is')
    .option('--seed <n>', 'or start from the face of this seed')
    .option('--truncation <psi>', 'truncation for --seed', String(d.truncation))
    .requiredOption('--text <text>', 'what the image should show, e.g. "a person with purple hair"')
    .option('--steps <n>', 'optimization steps', String(d.steps))
    .option('--lr <lr>', 'peak learning rate of the official ramp', String(d.lr))
    .option('--l2-lambda <w>', 'weight of the latent L2 distance (edit mode)', String(d.l2Lambda))
    .option(
      '--id-lambda <w>',
      'weight of the ArcFace ID loss (edit mode; 0 turns it off)',
      String(d.idLambda),
    )
    .option('--space <space>', 'wplus (W+ rows) or s (StyleSpace, toRGB frozen)', d.space)
    .option(
      '--mode <mode>',
      'edit (stay close to the start) or free (free generation: CLIP loss only)',
      d.mode,
    )
    .option(
      '--mean-latent <file>',
      `free mode without a start latent: use this mean latent [1,D] instead of the mean of ${d.meanLatentSamples} mapped z`,
    )
    .option('--checkpoint-every <n>', `write ${CHECKPOINT_FILE} to --out every n steps (0 = never)`, '25')
    .option('--resume', `continue from --out/${CHECKPOINT_FILE} when it exists`, false)
    .option(
      '--graph-cache <dir>',
      'where built loss graphs are cached (default: $STYLECLIP_GRAPH_CACHE or the temp dir)',
    )
    .requiredOption('--out <dir>', 'output folder: latents.npy, losses.json, grad0.npy, final.npy, final.png')
    .action(async (o: OptimizeArgs) => {
      const wanted = requestFrom(o);
      const every = parseNumber('--checkpoint-every', o.checkpointEvery, 0, 1e6);
      const checkpointPath = join(o.out, CHECKPOINT_FILE);
      await mkdir(o.out, { recursive: true });
      const engine = await Engine.open(o.models);
      try {
        const options = { keepLatents: true, ...(o.graphCache ? { graphCacheDir: o.graphCache } : {}) };
        const saved = o.resume && (await stat(checkpointPath).catch(() => undefined))?.isFile();
        let run: LatentOptimization;
        if (saved) {
          run = await LatentOptimization.resume(engine, await readFile(checkpointPath), options);
          checkSameRun(run, wanted);
          process.stderr.write(`resuming after step ${run.step} of ${run.steps}\n`);
        } else {
          const latent = await startLatent(engine, o, wanted.mode!);
          if (o.meanLatent && latent) {
            throw new CliError(
              '--mean-latent is the start of free generation without --latent/--seed; give one or the other',
            );
          }
          const meanLatent = o.meanLatent
            ? await readMeanLatent(o.meanLatent, engine.manifest.generator.config.styleDim)
            : undefined;
          if (
            wanted.mode === 'free' &&
            (o.l2Lambda !== String(d.l2Lambda) || o.idLambda !== String(d.idLambda))
          ) {
            process.stderr.write(
              'note: free generation optimizes the CLIP loss alone; --l2-lambda and --id-lambda are not used\n',
            );
          }
          run = await LatentOptimization.start(
            engine,
            { ...wanted, ...(latent ? { latent } : {}), ...(meanLatent ? { meanLatent } : {}) },
            options,
          );
        }
        const bar = new Progress('optimizing');
        await driveSteps(run, {
          checkpointEvery: every,
          saveCheckpoint: (bytes) => writeAtomically(checkpointPath, bytes),
          onStep: (s) =>
            bar.update(s.step + 1, run.steps, `clip ${fmt(s.losses.clip)} total ${fmt(s.losses.total)}`),
        });
        bar.done();
        const image = await run.render();
        const history = run.latents!;
        await writeArray(
          join(o.out, 'latents.npy'),
          concatRows([run.initialLatent, ...history].map((l) => array32([1, ...l.shape], l.data))),
        );
        await writeFile(
          join(o.out, 'losses.json'),
          JSON.stringify(
            run.history.map((h, step) => ({ step, ...h })),
            null,
            1,
          ) + '\n',
        );
        await writeArray(join(o.out, 'grad0.npy'), run.grad0!);
        await writeArray(join(o.out, 'final.npy'), image);
        await writePng(join(o.out, 'final.png'), tensorToRgb8(image.data, image.shape));
        const last = run.history[run.history.length - 1]!;
        console.log(
          `${run.steps} steps: clip ${fmt(run.history[0]!.clip)} → ${fmt(last.clip)}, total ${fmt(run.history[0]!.total)} → ${fmt(last.total)}`,
        );
        console.log(`latents.npy, losses.json, grad0.npy, final.npy and final.png written to ${o.out}`);
      } finally {
        await engine.close();
      }
    });
}
