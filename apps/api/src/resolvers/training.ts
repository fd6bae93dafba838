import {
  OPTIMIZE_LATENT,
  TRAIN_MAPPER,
  type JobEvent,
  type LossCurve,
  type LossTerms as CoreLossTerms,
  type MapperEvaluationPoint,
  type OptimizeLatentResult,
  type TrainMapperResult,
} from '@styleclip/studio';
import type {
  LossCurve as GqlLossCurve,
  LossTerms,
  JobResolvers,
  MapperResolvers,
  MutationResolvers,
  OptimizationSettingsResolvers,
  QueryResolvers,
  TrainedMapperResolvers,
  TrainingProgress,
} from '../generated/resolvers';
import type { ApiContext } from '../context';
import { submitter } from './jobs';

/** What a training job reports as `detail` (see the kinds in libs/studio/src/jobs/training). */
interface TrainingDetail {
  step: number;
  steps: number;
  losses?: CoreLossTerms;
  curve: LossCurve;
  evals?: MapperEvaluationPoint[];
  mapper?: string;
}

const TRAINING_KINDS: ReadonlySet<string> = new Set([OPTIMIZE_LATENT, TRAIN_MAPPER]);

/** Loss terms as the schema shows them: a term the run does not compute is null. */
export const lossTermsOf = (l: {
  clip?: number | null;
  l2?: number | null;
  id?: number | null;
  total: number;
  lr?: number | null;
}): LossTerms => ({
  clip: l.clip ?? null,
  l2: l.l2 ?? null,
  id: l.id ?? null,
  total: l.total,
  lr: l.lr ?? null,
});

const curveOf = (c: LossCurve): GqlLossCurve => ({
  stride: c.stride,
  step: c.step,
  total: c.total,
  clip: c.clip ?? null,
  l2: c.l2 ?? null,
  id: c.id ?? null,
  lr: c.lr ?? null,
});

/** A training job's progress from its `detail`; null for other kinds and before the first report. */
function trainingOf(e: JobEvent): TrainingProgress | null {
  const d = e.job.detail as TrainingDetail | undefined;
  if (!TRAINING_KINDS.has(e.job.kind) || !d || typeof d.step !== 'number' || !d.curve) return null;
  return {
    step: d.step,
    steps: d.steps,
    losses: d.losses ? lossTermsOf(d.losses) : null,
    curve: curveOf(d.curve),
    evaluations: d.evals ? d.evals.map(({ step, ...l }) => ({ step, losses: lossTermsOf(l) })) : null,
    mapper: d.mapper ?? null,
  };
}

const jobOf = async (ctx: ApiContext, id: string) => (await ctx.services.jobs.get(id)) ?? null;

export const trainingResolvers: {
  Query: Pick<QueryResolvers, 'trainedMappers' | 'trainedMapper'>;
  Mutation: Pick<MutationResolvers, 'optimizeLatent' | 'trainMapper'>;
  Job: Pick<JobResolvers, 'training' | 'edit' | 'trainedMapper'>;
  Mapper: Pick<MapperResolvers, 'trained'>;
  TrainedMapper: TrainedMapperResolvers;
  OptimizationSettings: OptimizationSettingsResolvers;
} = {
  Query: {
    trainedMappers: async (_, a, ctx) => {
      const set = await ctx.services.models.get(a.modelSetId ?? undefined);
      return ctx.services.mappers.list(set.id);
    },
    trainedMapper: async (_, a, ctx) => {
      const set = await ctx.services.models.get(a.modelSetId ?? undefined);
      return (await ctx.services.mappers.get(set.id, a.name)) ?? null;
    },
  },
  Mutation: {
    /** The job runs on the image's model set (its latent belongs to that generator). */
    optimizeLatent: async (_, a, ctx) => {
      const image = await ctx.services.images.require(a.input.imageId);
      return ctx.services.jobs.submit(OPTIMIZE_LATENT, image.modelSetId, a.input, submitter(ctx.principal));
    },
    trainMapper: async (_, a, ctx) => {
      const { modelSetId, ...params } = a.input;
      const set = await ctx.services.models.get(modelSetId ?? undefined);
      return ctx.services.jobs.submit(TRAIN_MAPPER, set.id, params, submitter(ctx.principal));
    },
  },
  Job: {
    training: (e) => trainingOf(e),
    edit: async (e, _, ctx) => {
      if (e.job.kind !== OPTIMIZE_LATENT || e.job.state !== 'SUCCEEDED' || !e.job.result) return null;
      return (await ctx.services.edits.get((e.job.result as OptimizeLatentResult).editId)) ?? null;
    },
    trainedMapper: async (e, _, ctx) => {
      if (e.job.kind !== TRAIN_MAPPER || e.job.state !== 'SUCCEEDED' || !e.job.result) return null;
      const r = e.job.result as TrainMapperResult;
      return (await ctx.services.mappers.get(r.modelSetId, r.name)) ?? null;
    },
  },
  Mapper: {
    trained: async (m, _, ctx) => (await ctx.services.mappers.get(m.modelSetId, m.name)) ?? null,
  },
  TrainedMapper: {
    losses: (r) => lossTermsOf(r.losses),
    evalLosses: (r) => (r.evalLosses ? lossTermsOf(r.evalLosses) : null),
    checkpointUrl: (r, _, ctx) => ctx.services.storage.url(r.checkpoint.key),
    job: (r, _, ctx) => jobOf(ctx, r.jobId),
  },
  OptimizationSettings: {
    losses: (o) => lossTermsOf(o.losses),
    job: (o, _, ctx) => jobOf(ctx, o.jobId),
  },
};
