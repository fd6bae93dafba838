import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeTorchSave } from '@styleclip/checkpoints';
import {
  driveSteps,
  installMapper,
  MAPPER_TRAINING_DEFAULTS,
  MapperTraining,
  type Engine,
  type MapperTrainingRequest,
} from '@styleclip/editing';
import { concatRows, type Array32 } from '@styleclip/latent-math';
import { sha256Hex } from '@styleclip/storage';
import { badInput } from '../../errors';
import { mapperFile, type MapperSync } from '../../model-sets/mappers';
import type { ModelSetEntry } from '../../model-sets/registry';
import type { ParametersOf } from '../../parameters/schema';
import type { BlobRef, MapperRecord } from '../../records';
import type { JobContext, JobKind } from '../kinds';
import { withJobEngine } from '../job-engine';
import { evaluationGridPng } from './images';
import type { TrainingKindDeps } from './optimize-kind';
import { lossCurve, lossesOf, StepProgress, storedLosses, waitingForSlot, type LossTerms } from './progress';
import { readJson, recordRun, writeJson, type TrainingRun } from './runs';

export const TRAIN_MAPPER = 'TRAIN_MAPPER';

export type TrainMapperParams = ParametersOf<'trainMapper'>;

export interface TrainMapperResult {
  /** The mapper's name in the model set (usable by editMapper at once, on every process). */
  name: string;
  modelSetId: string;
  steps: number;
  losses: LossTerms;
  evalLosses?: LossTerms;
  /** sha256 of every parameter flattened in state-dict order (float32): equal runs give equal mappers. */
  paramsSha256: string;
  /** The official checkpoint (`{'state_dict': {'mapper.*'}, 'opts'}`, torch.save format). */
  checkpoint: BlobRef;
  runs: TrainingRun[];
}

/** One evaluation of the held-out batch. */
export interface MapperEvaluationPoint extends LossTerms {
  step: number;
}

const CHECKPOINT = 'mapper-training.safetensors';
const EVALS = 'evaluations.json';
const RESULT = 'result.json';
/** Evaluations sent with each progress report (the most recent). */
const EVALS_SHOWN = 200;
/** Seeds mapped to W+ per generator run while preparing the training latents. */
const SEED_CHUNK = 256;

/** The mapper's name: the one asked for, or the text's words and the end of the job id (unique). */
export function mapperNameOf(p: Pick<TrainMapperParams, 'name' | 'text'>, jobId: string): string {
  if (p.name) return p.name;
  const words = p.text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${words || 'mapper'}-${jobId.slice(-6)}`;
}

function checkSet(set: ModelSetEntry, p: TrainMapperParams): void {
  if (p.clipLambda > 0 && !set.manifest.clip)
    throw badInput(`model set ${set.id} has no CLIP model; mapper training needs one for the CLIP loss`);
  if (p.idLambda > 0 && !set.manifest.arcface)
    throw badInput(
      `model set ${set.id} has no ArcFace model for the identity loss; set idLambda to 0 or import one`,
    );
}

/** The name must be free in the set: no mapper of the folder, none published by another job. */
async function checkName(
  set: ModelSetEntry,
  mappers: MapperSync,
  name: string,
  jobId: string,
): Promise<void> {
  const published = await mappers.get(set.id, name);
  if (published && published.jobId === jobId) return;
  if (published || set.manifest.mappers[name])
    throw badInput(`model set ${set.id} already has a mapper named "${name}"; choose another name`);
}

/** W+ of the training seeds (ψ as the engine's default, toward the set's average latent). */
async function trainingLatents(engine: Engine, p: TrainMapperParams, signal: AbortSignal): Promise<Array32> {
  const parts: Array32[] = [];
  const end = p.seedStart + p.seedCount;
  for (let from = p.seedStart; from < end; from += SEED_CHUNK) {
    signal.throwIfAborted();
    const seeds = Array.from({ length: Math.min(SEED_CHUNK, end - from) }, (_, i) => from + i);
    parts.push((await engine.latents(seeds, MAPPER_TRAINING_DEFAULTS.truncation)).wplus);
  }
  return concatRows(parts);
}

function requestOf(p: TrainMapperParams, latents: Array32): MapperTrainingRequest {
  return {
    text: p.text,
    latents: { kind: 'set', latents },
    steps: p.steps,
    batch: p.batch,
    optimizer: p.optimizer === 'ADAM' ? 'adam' : 'ranger',
    lr: p.lr,
    clipLambda: p.clipLambda,
    l2Lambda: p.l2Lambda,
    idLambda: p.idLambda,
    groups: { coarse: p.coarse, medium: p.medium, fine: p.fine },
    seed: p.seed,
  };
}

/**
 * TRAIN_MAPPER: StyleCLIP's mapper training for a text, as a job. Steps run one at a time with progress (the loss
 * terms, a loss curve and the evaluations in `detail`), the held-out evaluation batch rendered every `evalEvery`
 * steps as the preview (faces on top, their edits below), and the whole state (mapper, optimizer, step) saved
 * to the job's scratch space every `checkpointEvery` steps, so a run after a crash or a shutdown continues from
 * there to the same final parameters. The mapper is installed into the model set and published (MapperSync):
 * `editMapper` uses it at once on every process; its official checkpoint is kept for download.
 */
export function trainMapperKind(
  deps: TrainingKindDeps & { mappers: MapperSync },
): JobKind<TrainMapperParams, TrainMapperResult> {
  return {
    name: TRAIN_MAPPER,
    params: deps.parameters.trainMapper,
    // One job per mapper name and set at a time (two jobs asking for the same name would race).
    exclusiveKey: (job) =>
      `mapper:${job.modelSetId}:${mapperNameOf(job.params as TrainMapperParams, job.id)}`,
    async check(job, p) {
      const set = await deps.models.get(job.modelSetId);
      checkSet(set, p);
      await checkName(set, deps.mappers, mapperNameOf(p, job.id), job.id);
    },
    async run(ctx) {
      const p = ctx.params;
      const set = await deps.models.get(ctx.job.modelSetId);
      const stored = await readJson<TrainMapperResult>(ctx.scratch, RESULT);
      if (stored && (await deps.mappers.get(set.id, stored.name))?.jobId === ctx.job.id) {
        await deps.models.refresh(set.id); // stored by a run that died after publishing: install it here too
        return stored;
      }
      checkSet(set, p);
      const name = mapperNameOf(p, ctx.job.id);
      await checkName(set, deps.mappers, name, ctx.job.id);
      return deps.slots.run(
        async () => {
          const result = await withJobEngine(set, deps.runner, (engine) =>
            train(ctx, deps, engine, set, name),
          );
          // This process edits with the new mapper before the job is reported done; others install it on the event.
          await deps.models.refresh(set.id);
          return result;
        },
        { signal: ctx.signal, onWait: () => waitingForSlot(ctx, p.steps) },
      );
    },
    async onSucceeded(job) {
      await deps.models.refresh(job.modelSetId);
    },
  };
}

async function train(
  ctx: JobContext<TrainMapperParams>,
  deps: TrainingKindDeps & { mappers: MapperSync },
  engine: Engine,
  set: ModelSetEntry,
  name: string,
): Promise<TrainMapperResult> {
  const p = ctx.params;
  ctx.progress({
    phase: 'preparing the training faces and the loss graph',
    done: ctx.job.done,
    total: p.steps,
    progress: ctx.job.progress,
  });
  const latents = await trainingLatents(engine, p, ctx.signal);
  const saved = await ctx.scratch.get(CHECKPOINT);
  const run = saved
    ? await MapperTraining.resume(engine, saved, { kind: 'set', latents })
    : await MapperTraining.start(engine, requestOf(p, latents));
  try {
    const runs = await recordRun(ctx.scratch, run.step);
    ctx.log.info(
      { step: run.step, steps: run.steps, mapper: name },
      saved ? 'training resumed' : 'training started',
    );
    // Evaluations of steps this run repeats (made after the checkpoint it resumes from) are made again.
    const evals = ((await readJson<MapperEvaluationPoint[]>(ctx.scratch, EVALS)) ?? []).filter(
      (e) => e.step <= run.step,
    );
    const lr = run.request.lr;
    const progress = new StepProgress((r) => ctx.progress(r), {
      phase: 'training',
      steps: run.steps,
      startStep: run.step,
    });
    const detail = () => ({
      step: run.step,
      steps: run.steps,
      mapper: name,
      ...(run.history.length ? { losses: lossesOf({ ...run.history[run.history.length - 1]!, lr }) } : {}),
      curve: lossCurve(run.history.map((h) => ({ ...h, lr }))),
      evals: evals.slice(-EVALS_SHOWN),
    });
    const evaluate = async (): Promise<BlobRef | undefined> => {
      const e = await run.evaluate();
      if (!e) return undefined;
      if (evals.at(-1)?.step !== e.step) {
        evals.push({ step: e.step, ...lossesOf(e.losses) });
        await writeJson(ctx.scratch, EVALS, evals);
      }
      return ctx.storePreview(await evaluationGridPng(e.x, e.xHat));
    };
    if (run.step === 0) {
      const preview = await evaluate(); // the faces and the untrained mapper's edits: the "before"
      progress.step(0, detail(), preview ? { preview } : { force: true });
    }
    await driveSteps(run, {
      signal: ctx.signal,
      checkpointEvery: p.checkpointEvery,
      saveCheckpoint: async (bytes, step) => {
        await ctx.scratch.put(CHECKPOINT, bytes);
        ctx.log.info({ step }, 'checkpoint saved');
      },
      onStep: async (s) => {
        const n = s.step + 1;
        const preview = n % p.evalEvery === 0 || n === run.steps ? await evaluate() : undefined;
        progress.step(n, detail(), preview ? { preview } : { force: n === run.steps });
      },
    });
    if (evals.at(-1)?.step !== run.step) {
      const preview = await evaluate();
      progress.step(run.step, detail(), preview ? { preview } : { force: true });
    }
    return await publish(ctx, deps, run, set, name, runs, evals.at(-1));
  } finally {
    await run.close();
  }
}

/** Installs the mapper into this process's copy of the set, publishes it for the others, and returns the result. */
async function publish(
  ctx: JobContext<TrainMapperParams>,
  deps: { mappers: MapperSync },
  run: MapperTraining,
  set: ModelSetEntry,
  name: string,
  runs: TrainingRun[],
  lastEval: MapperEvaluationPoint | undefined,
): Promise<TrainMapperResult> {
  const p = ctx.params;
  ctx.progress({ phase: 'exporting', done: run.step, total: run.steps, progress: 1 });
  // The name was checked free for this job (and no other job may take it meanwhile): replacing is this job's own
  // install from a run that died before publishing.
  const manifest = await installMapper(set.dir, name, run.params, { replace: true });
  const onnxBytes = new Uint8Array(await readFile(join(set.dir, mapperFile(name))));
  const source = `seeds ${p.seedStart}-${p.seedStart + p.seedCount - 1}`;
  const checkpointBytes = encodeTorchSave(run.officialCheckpoint({ source }), {
    archiveName: `mapper_${name}`,
  });
  const flat = run.flatParams();
  const paramsSha256 = sha256Hex(new Uint8Array(flat.buffer, flat.byteOffset, flat.byteLength));
  const last = run.history[run.history.length - 1]!;
  const evalLosses = lastEval ? storedLosses(lastEval) : undefined;
  const record: MapperRecord = await deps.mappers.publish(set, {
    modelSetId: set.id,
    name,
    onnxBytes,
    config: manifest.mappers[name]!.config,
    checkpointBytes,
    text: p.text,
    training: {
      steps: p.steps,
      batch: p.batch,
      optimizer: p.optimizer,
      lr: p.lr,
      clipLambda: p.clipLambda,
      l2Lambda: p.l2Lambda,
      idLambda: p.idLambda,
      coarse: p.coarse,
      medium: p.medium,
      fine: p.fine,
      seedStart: p.seedStart,
      seedCount: p.seedCount,
      seed: p.seed,
    },
    losses: storedLosses(last),
    ...(evalLosses ? { evalLosses } : {}),
    paramsSha256,
    jobId: ctx.job.id,
  });
  const result: TrainMapperResult = {
    name,
    modelSetId: set.id,
    steps: run.steps,
    losses: lossesOf({ ...last, lr: p.lr }),
    ...(lastEval ? { evalLosses: lossesOf(lastEval) } : {}),
    paramsSha256,
    checkpoint: record.checkpoint,
    runs,
  };
  await writeJson(ctx.scratch, RESULT, result);
  ctx.log.info({ mapper: name, paramsSha256 }, 'mapper published');
  return result;
}
