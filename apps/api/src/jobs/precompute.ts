import { precomputeDirections, type WorkProgress } from '@styleclip/editing';
import { createRuntime, type RunnerConfig } from '@styleclip/model-runners';
import type { ModelSetRegistry } from '../model-sets';
import type { JobHandler } from './runner';

/** Share of the overall progress for the S-statistics phase (the rest is fs3). */
const S_STATS_SHARE = 0.1;

/** Overall 0…1 progress of a precompute from its phase progress. */
export function overallProgress(p: WorkProgress): number {
  const f = p.total > 0 ? p.done / p.total : 0;
  if (p.phase === 's-stats') return S_STATS_SHARE * f;
  if (p.phase === 'fs3') return S_STATS_SHARE + (1 - S_STATS_SHARE) * f;
  return 1;
}

/**
 * PRECOMPUTE_DIRECTIONS: S statistics and the fs3 table of a model set, written into its folder (model sets are
 * local folders). Runs on its own runtime (its own worker thread), so requests keep their inference thread;
 * resumes from the chunks a previous attempt saved; reloads the set's engine when done.
 */
export function precomputeHandler(models: ModelSetRegistry, runner: Partial<RunnerConfig>): JobHandler {
  return async ({ job, signal, progress }) => {
    const set = await models.get(job.modelSetId);
    const runtime = createRuntime(runner);
    try {
      const manifest = await precomputeDirections(set.dir, {
        images: job.params.images,
        samples: job.params.samples,
        layers: job.params.layers,
        signal,
        runtime,
        onProgress: (p) =>
          progress({
            phase: p.phase,
            done: p.done,
            total: p.total,
            progress: overallProgress(p),
            ...(p.etaSeconds !== undefined ? { etaSeconds: p.etaSeconds } : {}),
          }),
      });
      await models.reload(set.id);
      const d = manifest.directions;
      return {
        rows: d?.fs3Rows ?? null,
        layers: d?.fs3Layers ?? null,
        images: job.params.images,
        samples: job.params.samples,
        attempts: job.attempts,
      };
    } finally {
      await runtime.dispose();
    }
  };
}
