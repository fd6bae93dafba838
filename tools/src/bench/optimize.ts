import { Engine, LatentOptimization, MapperTraining } from '@styleclip/editing';
import type { Runtime } from '@styleclip/model-runners';
import type { ModelSet } from '@styleclip/model-sets';
import { timeRuns } from './measure';

export interface OptimizeBenchResult {
  set: string;
  size: number;
  space: 'wplus' | 's';
  /** Whether the ID term (ArcFace forward and backward) is in the step. */
  id: boolean;
  /** Building (or loading from the cache) the loss-and-gradient graph and its session, once per run. */
  prepareMs: number;
  /** One optimization step: the loss-and-gradient graph run plus the Adam update. */
  stepMs: number;
  /** The same loss graph without the gradient (generator + CLIP + ArcFace forward). */
  forwardMs: number;
  /** The generator alone (W+ → image). */
  generatorMs: number;
}

const TEXT = 'a person with purple hair';

/** Latent optimization per step at the official settings (edit mode, λ_ID 0.005 when the set has ArcFace). */
export async function benchOptimize(
  runtime: Runtime,
  set: ModelSet,
  steps: number,
): Promise<OptimizeBenchResult[]> {
  const engine = await Engine.open(set.dir, { runtime });
  const out: OptimizeBenchResult[] = [];
  try {
    const { wplus } = await engine.latents([1], 0.7);
    const id = engine.manifest.arcface !== undefined;
    const generator = await timeRuns(() => engine.components.generate(wplus), {
      warmUp: 1,
      runs: Math.max(3, steps),
    });
    for (const space of ['wplus', 's'] as const) {
      const request = { text: TEXT, latent: wplus, space, steps: steps + 2, ...(id ? {} : { idLambda: 0 }) };
      const t0 = performance.now();
      const run = await LatentOptimization.start(engine, request);
      await run.next(); // step 0: lr 0, loads and warms the session
      const prepareMs = performance.now() - t0;
      const step = await timeRuns(() => run.next(), { warmUp: 1, runs: steps });
      await run.close(); // one loss graph in memory at a time (each is GBs at 1024)
      const probe = await LatentOptimization.start(engine, request);
      const forward = await timeRuns(() => probe.losses(), { warmUp: 1, runs: steps });
      await probe.close();
      out.push({
        set: set.manifest.id,
        size: engine.manifest.generator.config.size,
        space,
        id,
        prepareMs,
        stepMs: step.median,
        forwardMs: forward.median,
        generatorMs: generator.median,
      });
    }
  } finally {
    await engine.close();
  }
  return out;
}

export interface TrainMapperBenchResult {
  set: string;
  size: number;
  batch: number;
  optimizer: string;
  id: boolean;
  prepareMs: number;
  stepMs: number;
  stepsPerSecond: number;
  /** Evaluation of one batch (forward only: x, x̂, losses). */
  forwardMs: number;
}

/** Mapper training steps (official settings: Ranger, lr 0.5, batch 2, λ 1/0.8/0.1; ID when the set has ArcFace). */
export async function benchTrainMapper(
  runtime: Runtime,
  set: ModelSet,
  steps: number,
  batch = 2,
): Promise<TrainMapperBenchResult[]> {
  const engine = await Engine.open(set.dir, { runtime });
  try {
    const id = engine.manifest.arcface !== undefined;
    const { wplus } = await engine.latents(
      Array.from({ length: 8 }, (_, i) => i),
      0.7,
    );
    const t0 = performance.now();
    const run = await MapperTraining.start(engine, {
      text: 'mohawk hairstyle',
      latents: { kind: 'set', latents: wplus },
      steps: steps + 2,
      batch,
      testFraction: 0.25,
      ...(id ? {} : { idLambda: 0 }),
    });
    await run.next();
    const prepareMs = performance.now() - t0;
    const step = await timeRuns(() => run.next(), { warmUp: 1, runs: steps });
    const forward = await timeRuns(() => run.evaluate(), {
      warmUp: 1,
      runs: Math.max(1, Math.floor(steps / 2)),
    });
    return [
      {
        set: set.manifest.id,
        size: engine.manifest.generator.config.size,
        batch: run.request.batch,
        optimizer: run.request.optimizer,
        id,
        prepareMs,
        stepMs: step.median,
        stepsPerSecond: 1000 / step.median,
        forwardMs: forward.median,
      },
    ];
  } finally {
    await engine.close();
  }
}
