import { encodeNpy, makeTensor, readNpy, toFloat32 } from '@styleclip/checkpoints';
import type { Engine } from '@styleclip/editing';
import {
  chunkChannels,
  computeFs3Chunks,
  fastStopResolution,
  directionsOf,
  mergeFs3Chunks,
  packSStats,
  planFs3,
  POOL_SEED,
  shardsOf,
  sStatisticsOf,
  STYLECLIP_SAMPLING,
  unpackSStats,
  type Fs3Plan,
  type SStatistics,
} from '@styleclip/editing';
import { array32 } from '@styleclip/latent-math';
import { throughputRunnerConfig, type RunnerConfig } from '@styleclip/model-runners';
import { sha256Hex } from '@styleclip/storage';
import { z } from 'zod';
import { badInput, StudioError } from '../../errors';
import type { Logger } from '../../log';
import type { DirectionsSync } from '../../model-sets/directions';
import type { ModelSetEntry, ModelSetRegistry } from '../../model-sets/registry';
import { PARAMETERS, type ParametersOf } from '../../parameters/schema';
import { withJobEngine } from '../job-engine';
import type { ChildKind, JobContext, JobKind } from '../kinds';
import type { JobScratch } from '../scratch';
import { ScratchChunkStore } from './chunk-store';
import { countRuns, markRun } from './runs';

export const PRECOMPUTE_DIRECTIONS = 'PRECOMPUTE_DIRECTIONS';
export const PRECOMPUTE_SHARD = 'PRECOMPUTE_SHARD';

export type PrecomputeParams = ParametersOf<'precomputeDirections'>;

/** Share of the overall progress for the S-statistics phase (the rest is fs3). */
const S_STATS_SHARE = 0.1;

export interface PrecomputeDeps {
  models: ModelSetRegistry;
  directions: DirectionsSync;
  /** Each run opens its own runtime (worker thread), so it never competes with requests for theirs. */
  runner: Partial<RunnerConfig>;
  log: Logger;
}

/** What a precompute job leaves in its scratch space for its shards (and for the merge). */
interface StoredPlan {
  plan: Fs3Plan;
  sStatsSamples: number;
}

async function needsClip(models: ModelSetRegistry, id: string): Promise<ModelSetEntry> {
  const set = await models.get(id);
  if (!set.manifest.clip)
    throw badInput(`model set ${set.id} has no CLIP model; import one before precomputing directions`);
  return set;
}

const truncationOf = (p: PrecomputeParams) =>
  p.truncationLayers === undefined
    ? STYLECLIP_SAMPLING
    : {
        psi: STYLECLIP_SAMPLING.psi,
        layers: p.truncationLayers === 'FIRST8' ? ('first8' as const) : ('all' as const),
      };

const latentAvgOf = async (engine: Engine) => {
  const t = await readNpy(engine.components.set.path(engine.manifest.generator.latentAvg));
  return toFloat32(t);
};

async function readStats(scratch: JobScratch): Promise<SStatistics | undefined> {
  const bytes = await scratch.get('s_stats.npy');
  if (!bytes) return undefined;
  const t = await readNpy(bytes);
  return unpackSStats(array32(t.shape, toFloat32(t)));
}

async function readPlan(scratch: JobScratch): Promise<StoredPlan | undefined> {
  const bytes = await scratch.get('plan.json');
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as StoredPlan) : undefined;
}

/**
 * S statistics for the job: stored by an earlier run of it, or the set's own when they were made the same way,
 * or computed now. Kept in the job's scratch space, where the shards read them.
 */
async function statsFor(
  ctx: JobContext<PrecomputeParams>,
  set: ModelSetEntry,
  engine: Engine,
): Promise<Uint8Array> {
  const stored = await ctx.scratch.get('s_stats.npy');
  if (stored) return stored;
  const p = ctx.params;
  const truncation = truncationOf(p);
  const d = set.manifest.directions;
  let stats: SStatistics;
  if (
    d &&
    d.sStatsSamples === p.samples &&
    d.truncation.psi === truncation.psi &&
    d.truncation.layers === truncation.layers
  ) {
    const t = await readNpy(engine.components.set.path(d.sStats));
    stats = unpackSStats(array32(t.shape, toFloat32(t)));
  } else {
    stats = await sStatisticsOf(engine.components, await latentAvgOf(engine), {
      samples: p.samples,
      truncation,
      signal: ctx.signal,
      onProgress: (w) =>
        ctx.progress({
          phase: 's-stats',
          done: w.done,
          total: w.total,
          progress: (S_STATS_SHARE * w.done) / Math.max(1, w.total),
          ...(w.etaSeconds !== undefined ? { etaSeconds: w.etaSeconds } : {}),
        }),
    });
  }
  const packed = packSStats(stats);
  const bytes = encodeNpy(makeTensor('float32', packed.shape, packed.data));
  await ctx.scratch.put('s_stats.npy', bytes);
  return bytes;
}

/**
 * PRECOMPUTE_DIRECTIONS: S statistics and the fs3 table of a model set. The statistics are computed first (in
 * this job), then the channels are cut into shards (whole chunks) that run as child jobs, on every worker when
 * jobs go through the queue; each shard stores its chunks in the job's scratch space as they finish, so a shard
 * whose worker died resumes on another from what it stored. When all shards are done the table is merged (the
 * same bytes as a single-process run), written into the set and published for every other process.
 */
export function precomputeKind(deps: PrecomputeDeps): JobKind<PrecomputeParams, unknown> {
  return {
    name: PRECOMPUTE_DIRECTIONS,
    params: PARAMETERS.precomputeDirections,
    exclusiveKey: (job) => `directions:${job.modelSetId}`,
    async check(job) {
      await needsClip(deps.models, job.modelSetId);
    },
    async run(ctx) {
      const set = await needsClip(deps.models, ctx.job.modelSetId);
      const p = ctx.params;
      let stored = await readPlan(ctx.scratch);
      if (!stored) {
        stored = await withJobEngine(set, deps.runner, async (engine) => {
          const sBytes = await statsFor(ctx, set, engine);
          const plan = planFs3(set.manifest, {
            images: p.images,
            layers: p.layers === 'ALL' ? 'all' : 'official',
            seed: POOL_SEED,
            truncation: truncationOf(p),
            batch: p.batch,
            sStatsSha256: sha256Hex(sBytes),
            clipImageSha256: engine.components.clip.image.sha256,
            ...(p.fast
              ? {
                  stopResolution: fastStopResolution(
                    set.manifest,
                    engine.components.clip.config.imageResolution,
                  ),
                }
              : {}),
          });
          return { plan, sStatsSamples: p.samples };
        });
        await ctx.scratch.put('plan.json', new TextEncoder().encode(JSON.stringify(stored)));
      }
      const plan = stored.plan;
      const shards = shardsOf(plan, p.shardChannels);
      await ctx.fanOut(
        shards.map((s) => ({
          kind: PRECOMPUTE_SHARD,
          params: { from: s.from, to: s.to },
          units: s.channels,
        })),
        { phase: 'fs3', progress: [S_STATS_SHARE, 1] },
      );
      // Merge: every chunk is stored; the table is written into this process's copy of the set and published.
      ctx.progress({ phase: 'merge', done: plan.channels.length, total: plan.channels.length, progress: 1 });
      const store = new ScratchChunkStore(ctx.scratch);
      const table = await mergeFs3Chunks(plan, store);
      const stats = await readStats(ctx.scratch);
      if (!stats) throw new Error('the S statistics of the job are missing from its partial results');
      const content = directionsOf(plan, stats, stored.sStatsSamples, table);
      const fresh = await deps.models.get(set.id);
      if (fresh.manifest.generator.models.synthesis.sha256 !== plan.settings.generatorSha256)
        throw new StudioError(
          'BAD_INPUT',
          `model set ${set.id} changed its generator while its directions were computed; run it again`,
        );
      // The commit point is the published record: until it is written nothing changed anywhere (a cancel or a
      // failure leaves every process on the previous table); after it every process installs the new version,
      // this one first (one manifest switch, before the job is reported done), others on the event or at their
      // next start. A failed local install is logged and retried when the set's engine next opens.
      await deps.directions.publish(fresh, content, ctx.job.id);
      await deps.models.refresh(set.id);
      const [shardRuns, chunkRuns] = await Promise.all([
        countRuns(ctx.scratch, 'shard', shards.length),
        countRuns(ctx.scratch, 'chunk', plan.chunks),
      ]);
      return {
        rows: table.shape[0]!,
        layers: plan.settings.layers,
        images: plan.settings.images,
        ...(plan.settings.stopResolution !== undefined
          ? { stopResolution: plan.settings.stopResolution }
          : {}),
        samples: stored.sStatsSamples,
        attempts: ctx.job.attempts,
        shards: shards.length,
        chunks: plan.chunks,
        /** Completions of each shard and computations of each chunk (1 each: nothing lost or repeated). */
        shardRuns,
        chunkRuns,
        sha256: sha256Hex(new Uint8Array(table.data.buffer, table.data.byteOffset, table.data.byteLength)),
      };
    },
    async onSucceeded(job) {
      await deps.models.refresh(job.modelSetId);
    },
  };
}

const shardParams = z.object({ from: z.int().min(0), to: z.int().min(1) });

/**
 * PRECOMPUTE_SHARD: chunks [from, to) of a precompute's fs3, computed on whichever worker takes it. Idempotent:
 * chunks already stored (by an earlier run that died) are skipped, so a shard resumes where it stopped.
 */
export function precomputeShardKind(deps: PrecomputeDeps): ChildKind<z.output<typeof shardParams>, unknown> {
  return {
    name: PRECOMPUTE_SHARD,
    params: shardParams,
    async run(ctx) {
      const stored = await readPlan(ctx.scratch);
      const stats = await readStats(ctx.scratch);
      if (!stored || !stats)
        throw new Error(`job ${ctx.job.id}: the plan or S statistics of the precompute are missing`);
      const plan = stored.plan;
      const { from, to } = ctx.params;
      const set = await deps.models.get(ctx.job.modelSetId);
      if (set.manifest.generator.models.synthesis.sha256 !== plan.settings.generatorSha256)
        throw new StudioError(
          'BAD_INPUT',
          `model set ${set.id} on this worker has another generator than the job was planned with; give every worker the same model sets`,
        );
      const store = new ScratchChunkStore(ctx.scratch);
      const indices = Array.from({ length: to - from }, (_, i) => from + i);
      // Progress in channels: those of the chunks stored (by this run or an earlier one that died).
      const have = new Set([...(await store.stored())].filter((k) => k >= from && k < to));
      const channelsDone = () => [...have].reduce((n, k) => n + chunkChannels(plan, k).length, 0);
      ctx.progress({ done: channelsDone() });
      ctx.log.info({ shard: ctx.index, from, to, stored: have.size }, 'shard started');
      const marks: Promise<void>[] = [];
      // Probes are independent runs: on CPU they go to parallel single-threaded sessions (throughputRunnerConfig).
      const computed = await withJobEngine(set, throughputRunnerConfig(deps.runner), async (engine) => {
        if (engine.components.clip.image.sha256 !== plan.settings.clipImageSha256)
          throw new StudioError(
            'BAD_INPUT',
            `model set ${set.id} on this worker has another CLIP than the job was planned with`,
          );
        return computeFs3Chunks(engine.components, await latentAvgOf(engine), plan, stats, {
          indices,
          store,
          signal: ctx.signal,
          onChunk: (_n, k) => {
            have.add(k);
            ctx.log.info({ shard: ctx.index, chunk: k }, 'chunk stored');
            marks.push(markRun(ctx.scratch, 'chunk', k));
            ctx.progress({ done: channelsDone() });
          },
        });
      });
      await Promise.all(marks);
      await markRun(ctx.scratch, 'shard', ctx.index);
      ctx.log.info({ shard: ctx.index, computed: computed.length }, 'shard done');
      return { index: ctx.index, from, to, computed: computed.length };
    },
  };
}
