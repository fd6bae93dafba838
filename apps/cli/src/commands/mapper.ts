import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { writeTorchSave } from '@styleclip/checkpoints';
import {
  driveSteps,
  Engine,
  installMapper,
  MAPPER_TRAINING_DEFAULTS,
  MAPPER_TRAINING_LIMITS,
  MapperTraining,
  type MapperTrainingRequest,
  type TrainingLatents,
} from '@styleclip/editing';
import { hstack, tensorToRgb8, writePng } from '@styleclip/imaging';
import { array32, type Array32 } from '@styleclip/latent-math';
import { readMapperCheckpoint } from '@styleclip/model-sets';
import { CHECKPOINT_FILE, writeAtomically } from '../checkpoint-file';
import { CliError, parseNumber } from '../errors';
import { parseSeeds } from '../parameters';
import { readArray, writeArray } from '../npy-io';
import { Progress } from '../progress';

interface TrainArgs {
  models: string;
  text: string;
  init?: string;
  latents?: string;
  seeds?: string;
  steps?: string;
  batch?: string;
  optim: string;
  lr: string;
  clipLambda: string;
  l2Lambda: string;
  idLambda: string;
  coarse: boolean;
  medium: boolean;
  fine: boolean;
  seed: string;
  testFraction: string;
  evalEvery: string;
  checkpointEvery: string;
  resume: boolean;
  install?: string;
  graphCache?: string;
  out: string;
}

/** The training latents: a W+ set [N,L,D] or replayed batches [steps,B,L,D] from --latents, or W+ of --seeds. */
async function latentsFrom(
  engine: Engine,
  o: TrainArgs,
): Promise<{ latents: TrainingLatents; source: string }> {
  if ((o.latents === undefined) === (o.seeds === undefined))
    throw new CliError('give exactly one of --latents W.npy or --seeds A-B');
  if (o.seeds !== undefined) {
    const seeds = parseSeeds(o.seeds);
    const wplus = (await engine.latents(seeds, MAPPER_TRAINING_DEFAULTS.truncation)).wplus;
    return { latents: { kind: 'set', latents: wplus }, source: `seeds ${o.seeds}` };
  }
  const a = await readArray(o.latents!);
  if (a.shape.length === 4) return { latents: { kind: 'replay', batches: a }, source: o.latents! };
  if (a.shape.length === 3) return { latents: { kind: 'set', latents: a }, source: o.latents! };
  throw new CliError(
    `${o.latents}: expected W+ latents [N,L,D] or batches [steps,batch,L,D], got [${a.shape.join(',')}]`,
  );
}

function requestFrom(o: TrainArgs, latents: TrainingLatents): MapperTrainingRequest {
  const L = MAPPER_TRAINING_LIMITS;
  const d = MAPPER_TRAINING_DEFAULTS;
  if (o.optim !== 'ranger' && o.optim !== 'adam')
    throw new CliError(`--optim must be ranger or adam, got "${o.optim}"`);
  // A replay trains on its batches: their count and size are the defaults.
  const replay = latents.kind === 'replay' ? latents.batches.shape : undefined;
  return {
    text: o.text,
    latents,
    steps:
      o.steps !== undefined
        ? parseNumber('--steps', o.steps, L.steps.min, L.steps.max)
        : (replay?.[0] ?? d.steps),
    batch:
      o.batch !== undefined
        ? parseNumber('--batch', o.batch, L.batch.min, L.batch.max)
        : (replay?.[1] ?? d.batch),
    optimizer: o.optim,
    lr: parseNumber('--lr', o.lr, L.lr.min, L.lr.max),
    clipLambda: parseNumber('--clip-lambda', o.clipLambda, L.lambda.min, L.lambda.max),
    l2Lambda: parseNumber('--l2-lambda', o.l2Lambda, L.lambda.min, L.lambda.max),
    idLambda: parseNumber('--id-lambda', o.idLambda, L.lambda.min, L.lambda.max),
    groups: { coarse: o.coarse, medium: o.medium, fine: o.fine },
    testFraction: parseNumber('--test-fraction', o.testFraction, 0, 0.9),
    seed: parseNumber('--seed', o.seed, 0, 0xffffffff),
  };
}

/** The checkpoint was made with the same options. */
function checkSameRun(run: MapperTraining, wanted: MapperTrainingRequest): void {
  const had = run.request;
  for (const k of [
    'text',
    'steps',
    'batch',
    'optimizer',
    'lr',
    'clipLambda',
    'l2Lambda',
    'idLambda',
    'testFraction',
    'seed',
  ] as const) {
    if (had[k] !== wanted[k])
      throw new CliError(
        `--resume: the checkpoint was made with ${k} = ${JSON.stringify(had[k])}, not ${JSON.stringify(wanted[k])}`,
      );
  }
  if (JSON.stringify(had.groups) !== JSON.stringify(wanted.groups))
    throw new CliError('--resume: the checkpoint was made with other mapper groups');
}

const fmt = (v: number | null) => (v === null ? '-' : v.toFixed(5));

/** [x₀ | x̂₀ | x₁ | x̂₁ | …] of an evaluation batch. */
function evalStrip(x: Array32, xHat: Array32) {
  const frames = [];
  for (let i = 0; i < x.shape[0]!; i++)
    frames.push(
      tensorToRgb8(x.data, x.shape, { index: i }),
      tensorToRgb8(xHat.data, xHat.shape, { index: i }),
    );
  return hstack(frames, { gap: 2 });
}

export function registerMapper(program: Command): void {
  const d = MAPPER_TRAINING_DEFAULTS;
  const mapper = program.command('mapper').description('latent mappers: train one for a text prompt');
  mapper
    .command('train')
    .description(
      'train a LevelsMapper (StyleCLIP mapper/training/coach.py): CLIP + λ·L2 + λ·ID, Ranger or Adam',
    )
    .requiredOption('--models <dir>', 'model set folder (needs CLIP; ArcFace for --id-lambda > 0)')
    .requiredOption('--text <text>', 'the edit, e.g. "mohawk hairstyle"')
    .option(
      '--init <file>',
      'start from this mapper checkpoint (official .pt layout) instead of the official random init',
    )
    .option(
      '--latents <file>',
      'training W+ latents .npy [N,L,D], or batches [steps,batch,L,D] replayed in order',
    )
    .option('--seeds <list>', `or W+ of these seeds (ψ ${d.truncation}), e.g. 0-499`)
    .option('--steps <n>', `training steps (default ${d.steps}; a replay: its batch count)`)
    .option('--batch <n>', `batch size (default ${d.batch}; a replay: its batch size)`)
    .option('--optim <name>', 'ranger or adam', d.optimizer)
    .option('--lr <lr>', 'learning rate', String(d.lr))
    .option('--clip-lambda <w>', 'weight of the CLIP loss', String(d.clipLambda))
    .option('--l2-lambda <w>', 'weight of the latent L2 (MSE) loss', String(d.l2Lambda))
    .option('--id-lambda <w>', 'weight of the ArcFace ID loss (0 turns it off)', String(d.idLambda))
    .option('--no-coarse', 'no coarse mapper (W+ rows 0–3)')
    .option('--no-medium', 'no medium mapper (rows 4–7)')
    .option('--no-fine', 'no fine mapper (rows 8–): for edits that should not change colours')
    .option('--seed <n>', 'seed of the random init and of the shuffling', String(d.seed))
    .option('--test-fraction <f>', 'share of a latent set held out for evaluation', String(d.testFraction))
    .option(
      '--eval-every <n>',
      'render the evaluation batch to --out/eval every n steps (0 = only at the end)',
      '100',
    )
    .option('--checkpoint-every <n>', `write ${CHECKPOINT_FILE} to --out every n steps (0 = never)`, '100')
    .option('--resume', `continue from --out/${CHECKPOINT_FILE} when it exists`, false)
    .option('--install <name>', 'add the trained mapper to the model set under this name (for edit mapper)')
    .option(
      '--graph-cache <dir>',
      'where built training graphs are cached (default: $STYLECLIP_GRAPH_CACHE or the temp dir)',
    )
    .requiredOption(
      '--out <dir>',
      'output folder: mapper_final.pt, params_final.npy, grad0.npy, losses.json, eval/',
    )
    .action(async (o: TrainArgs) => {
      const evalEvery = parseNumber('--eval-every', o.evalEvery, 0, 1e9);
      const every = parseNumber('--checkpoint-every', o.checkpointEvery, 0, 1e9);
      const checkpointPath = join(o.out, CHECKPOINT_FILE);
      const init = o.init
        ? await readMapperCheckpoint(o.init).catch((e: Error) =>
            Promise.reject(new CliError(`--init: ${e.message}`)),
          )
        : undefined;
      await mkdir(join(o.out, 'eval'), { recursive: true });
      const engine = await Engine.open(o.models);
      try {
        const { latents, source } = await latentsFrom(engine, o);
        const wanted = requestFrom(o, latents);
        const options = o.graphCache ? { graphCacheDir: o.graphCache } : {};
        const saved = o.resume && (await stat(checkpointPath).catch(() => undefined))?.isFile();
        let run: MapperTraining;
        if (saved) {
          run = await MapperTraining.resume(engine, await readFile(checkpointPath), latents, options);
          checkSameRun(run, wanted);
          process.stderr.write(`resuming after step ${run.step} of ${run.steps}\n`);
        } else {
          run = await MapperTraining.start(engine, wanted, { ...options, ...(init ? { init } : {}) });
        }
        const evaluate = async () => {
          const e = await run.evaluate();
          if (!e) return;
          await writePng(
            join(o.out, 'eval', `step_${String(e.step).padStart(6, '0')}.png`),
            evalStrip(e.x, e.xHat),
          );
          await writeFile(
            join(o.out, 'eval', `step_${String(e.step).padStart(6, '0')}.json`),
            JSON.stringify(e.losses) + '\n',
          );
        };
        const bar = new Progress('training');
        await driveSteps(run, {
          checkpointEvery: every,
          saveCheckpoint: (bytes) => writeAtomically(checkpointPath, bytes),
          onStep: async (s) => {
            bar.update(s.step + 1, run.steps, `loss ${fmt(s.losses.total)} clip ${fmt(s.losses.clip)}`);
            if (evalEvery > 0 && (s.step + 1) % evalEvery === 0) await evaluate();
          },
        });
        bar.done();
        if (evalEvery === 0 || run.steps % evalEvery !== 0) await evaluate();
        await writeTorchSave(join(o.out, 'mapper_final.pt'), run.officialCheckpoint({ source }), {
          archiveName: 'mapper_final',
        });
        const flat = run.flatParams();
        await writeArray(join(o.out, 'params_final.npy'), array32([flat.length], flat));
        const grad0 = run.grad0!;
        await writeArray(join(o.out, 'grad0.npy'), array32([grad0.length], grad0));
        await writeFile(
          join(o.out, 'losses.json'),
          JSON.stringify(
            run.history.map((h, step) => ({ step, ...h })),
            null,
            1,
          ) + '\n',
        );
        const first = run.history[0]!;
        const last = run.history[run.history.length - 1]!;
        console.log(
          `${run.steps} steps: loss ${fmt(first.total)} → ${fmt(last.total)} (clip ${fmt(first.clip)} → ${fmt(last.clip)})`,
        );
        console.log(
          `mapper_final.pt, params_final.npy, grad0.npy, losses.json and eval/ written to ${o.out}`,
        );
        if (o.install) {
          await installMapper(o.models, o.install, run.params);
          console.log(`mapper "${o.install}" added to ${o.models} (use: edit mapper --mapper ${o.install})`);
        }
      } finally {
        await engine.close();
      }
    });
}
