import { driveSteps, LatentOptimization, type Engine, type OptimizeRequest } from '@styleclip/editing';
import { array32, type Array32 } from '@styleclip/latent-math';
import type { RunnerConfig } from '@styleclip/model-runners';
import { z } from 'zod';
import { badInput, StudioError } from '../../errors';
import { newId } from '../../ids';
import type { Logger } from '../../log';
import type { ModelSetEntry, ModelSetRegistry } from '../../model-sets/registry';
import type { Parameters, ParametersOf } from '../../parameters/schema';
import type { EditRecord, ImageRecord } from '../../records';
import type { EditService } from '../../services/edits';
import type { ImageService } from '../../services/images';
import type { JobContext, JobKind } from '../kinds';
import { withJobEngine } from '../job-engine';
import { pngOf } from './images';
import { lossCurve, lossesOf, StepProgress, storedLosses, waitingForSlot, type LossTerms } from './progress';
import { readJson, recordRun, writeJson, type TrainingRun } from './runs';
import type { TrainingSlots } from './slots';

export const OPTIMIZE_LATENT = 'OPTIMIZE_LATENT';

export type OptimizeLatentParams = ParametersOf<'optimizeLatent'> & { imageId: string };

export interface OptimizeLatentResult {
  /** The OPTIMIZE edit of the source image and its one result (a new image with its latent). */
  editId: string;
  imageId: string;
  sourceImageId: string;
  latentId: string;
  space: 'WPLUS' | 'S';
  steps: number;
  /** Losses of the last step (at the latent before its update). */
  losses: LossTerms;
  /** Every run of the job and the step it started from (more than one after a crash or a shutdown). */
  runs: TrainingRun[];
}

export interface TrainingKindDeps {
  parameters: Parameters;
  models: ModelSetRegistry;
  images: ImageService;
  edits: EditService;
  slots: TrainingSlots;
  /** Each run opens its own runtime (worker thread), released when it ends. */
  runner: Partial<RunnerConfig>;
  log: Logger;
}

/** The engine's state, saved every `checkpointEvery` steps (and on cancel or shutdown). */
const CHECKPOINT = 'optimization.safetensors';
/** The ids the result is stored under, chosen once (a run after a crash stores the same records). */
const PLAN = 'result-ids.json';
const RESULT = 'result.json';

/** Whether the set can run the optimization the parameters ask for (CLIP; ArcFace for the ID term). */
function checkSet(set: ModelSetEntry, p: OptimizeLatentParams): void {
  if (!set.manifest.clip)
    throw badInput(`model set ${set.id} has no CLIP model; latent optimization needs one`);
  if (p.mode === 'EDIT' && p.idLambda > 0 && !set.manifest.arcface)
    throw badInput(
      `model set ${set.id} has no ArcFace model for the identity loss; set idLambda to 0 or import one`,
    );
}

/** The image to optimize, with a W+ latent (the optimization starts from W+). */
async function sourceImage(images: ImageService, p: OptimizeLatentParams, modelSetId: string) {
  const image = await images.require(p.imageId);
  if (image.modelSetId !== modelSetId)
    throw badInput(`image ${image.id} belongs to model set ${image.modelSetId}, not ${modelSetId}`);
  return image;
}

function startLatent(record: { space: string }, array: Array32, image: ImageRecord): Array32 {
  if (record.space !== 'WPLUS')
    throw badInput(
      `latent optimization starts from a W+ latent; image ${image.id} has an S latent (a text-edit result). ` +
        'Optimize the face it was made from, or a generated face, a mapper result or a W+ optimization result',
    );
  return array;
}

function requestOf(p: OptimizeLatentParams, latent: Array32): OptimizeRequest {
  return {
    text: p.text,
    mode: p.mode === 'FREE' ? 'free' : 'edit',
    space: p.space === 'S' ? 's' : 'wplus',
    steps: p.steps,
    lr: p.lr,
    l2Lambda: p.l2Lambda,
    idLambda: p.idLambda,
    latent,
  };
}

/** The final latent as the image's: S codes [1,ΣC], or the W+ rows the generator reads [1,L,D]. */
function resultLatent(run: LatentOptimization, engine: Engine): { space: 'WPLUS' | 'S'; rows: Array32 } {
  const latent = run.latent;
  if (run.request.space === 's') return { space: 'S', rows: latent };
  const L = engine.manifest.generator.nLatent;
  const D = engine.manifest.generator.config.styleDim;
  return { space: 'WPLUS', rows: array32([1, L, D], latent.data.slice(0, L * D)) };
}

/**
 * OPTIMIZE_LATENT: StyleCLIP's latent optimization of one image, as a job. Steps run one at a time with progress
 * (the loss terms and a loss curve in `detail`), a preview every `previewEvery` steps, and the engine's whole
 * state saved to the job's scratch space every `checkpointEvery` steps, so a run after a crash or a shutdown (on
 * any worker) continues from there and ends with the same latent as an uninterrupted run. The result is stored
 * as an OPTIMIZE edit of the source image: a new image with its latent (W+, or S), usable as the base of any
 * edit.
 */
export function optimizeLatentKind(
  deps: TrainingKindDeps,
): JobKind<OptimizeLatentParams, OptimizeLatentResult> {
  return {
    name: OPTIMIZE_LATENT,
    params: deps.parameters.optimizeLatent.extend({ imageId: z.string().min(1).max(64) }),
    async check(job, p) {
      const image = await sourceImage(deps.images, p, job.modelSetId);
      checkSet(await deps.models.get(job.modelSetId), p);
      const engine = await deps.models.engine(job.modelSetId);
      const { record, array } = await deps.images.latentArray(image, engine);
      startLatent(record, array, image);
    },
    async run(ctx) {
      const p = ctx.params;
      const stored = await readJson<OptimizeLatentResult>(ctx.scratch, RESULT);
      if (stored && (await deps.edits.get(stored.editId))) return stored; // stored by a run that died after
      const image = await sourceImage(deps.images, p, ctx.job.modelSetId);
      const set = await deps.models.get(ctx.job.modelSetId);
      checkSet(set, p);
      return deps.slots.run(
        () => withJobEngine(set, deps.runner, (engine) => optimize(ctx, deps, engine, image)),
        { signal: ctx.signal, onWait: () => waitingForSlot(ctx, p.steps) },
      );
    },
  };
}

async function optimize(
  ctx: JobContext<OptimizeLatentParams>,
  deps: TrainingKindDeps,
  engine: Engine,
  image: ImageRecord,
): Promise<OptimizeLatentResult> {
  const p = ctx.params;
  const { record, array } = await deps.images.latentArray(image, engine);
  const start = startLatent(record, array, image);
  const saved = await ctx.scratch.get(CHECKPOINT);
  // Where the job stood when this run began (a resumed run does not go back to 0 while it loads).
  ctx.progress({
    phase: 'preparing the loss graph',
    done: ctx.job.done,
    total: p.steps,
    progress: ctx.job.progress,
  });
  const run = saved
    ? await LatentOptimization.resume(engine, saved)
    : await LatentOptimization.start(engine, requestOf(p, start));
  try {
    const runs = await recordRun(ctx.scratch, run.step);
    ctx.log.info(
      { step: run.step, steps: run.steps },
      saved ? 'optimization resumed' : 'optimization started',
    );
    const progress = new StepProgress((r) => ctx.progress(r), {
      phase: 'optimizing',
      steps: run.steps,
      startStep: run.step,
    });
    const detail = () => ({
      step: run.step,
      steps: run.steps,
      ...(run.history.length ? { losses: lossesOf(run.history[run.history.length - 1]!) } : {}),
      curve: lossCurve(run.history),
    });
    await driveSteps(run, {
      signal: ctx.signal,
      checkpointEvery: p.checkpointEvery,
      saveCheckpoint: async (bytes, step) => {
        await ctx.scratch.put(CHECKPOINT, bytes);
        ctx.log.info({ step }, 'checkpoint saved');
      },
      onStep: async (s) => {
        const n = s.step + 1;
        const preview =
          n % p.previewEvery === 0 && n < run.steps
            ? await ctx.storePreview(await pngOf(await run.render()))
            : undefined;
        progress.step(n, detail(), preview ? { preview } : {});
      },
    });
    const images = await run.render();
    const latent = resultLatent(run, engine);
    const last = run.history[run.history.length - 1]!;
    progress.step(run.step, detail(), { preview: await ctx.storePreview(await pngOf(images)) });
    const ids = (await readJson<{ editId: string; imageId: string }>(ctx.scratch, PLAN)) ?? {
      editId: newId(),
      imageId: newId(),
    };
    await writeJson(ctx.scratch, PLAN, ids);
    const edit: EditRecord = {
      id: ids.editId,
      method: 'OPTIMIZE',
      imageId: image.id,
      modelSetId: image.modelSetId,
      createdAt: new Date().toISOString(),
      target: p.text,
      optimization: {
        jobId: ctx.job.id,
        mode: p.mode,
        space: p.space,
        steps: p.steps,
        lr: p.lr,
        l2Lambda: p.l2Lambda,
        idLambda: p.idLambda,
        losses: { ...storedLosses(last), clip: last.clip },
      },
      results: [],
    };
    const generatorSha256 = engine.manifest.generator.models.synthesis.sha256;
    const committed = await deps.edits.store(edit, image, generatorSha256, images, latent, {
      ids: [ids.imageId],
    });
    const resultImage = await deps.images.require(committed.results[0]!.imageId);
    if (!resultImage.latentId) throw new StudioError('INTERNAL', 'the optimized image has no latent');
    const result: OptimizeLatentResult = {
      editId: committed.id,
      imageId: resultImage.id,
      sourceImageId: image.id,
      latentId: resultImage.latentId,
      space: latent.space,
      steps: run.steps,
      losses: lossesOf(last),
      runs,
    };
    await writeJson(ctx.scratch, RESULT, result);
    ctx.log.info({ editId: result.editId, imageId: result.imageId }, 'optimization stored');
    return result;
  } finally {
    await run.close();
  }
}
