import type {
  MutationCancelJobArgs,
  MutationPrecomputeDirectionsArgs,
  QueryJobArgs,
  QueryJobsArgs,
  SubscriptionJobUpdatedArgs,
} from '@styleclip/api-contract';
import type { ApiContext } from '../context';
import { badInput, notFound } from '../errors';
import type { JobEvent } from '../jobs/pubsub';
import { pageArgs } from '../services/connections';

/** A job as the schema shows it. */
export function toJob(e: JobEvent) {
  const j = e.job;
  return {
    id: j.id,
    kind: j.kind,
    state: j.state,
    modelSetId: j.modelSetId,
    progress: j.progress,
    phase: j.phase ?? null,
    done: j.done,
    total: j.total,
    etaSeconds: j.etaSeconds ?? null,
    createdAt: j.createdAt,
    updatedAt: e.updatedAt,
    error: j.error ?? null,
    result: j.result ?? null,
  };
}

export const jobResolvers = {
  Query: {
    job: async (_: unknown, a: QueryJobArgs, ctx: ApiContext) => {
      const e = await ctx.services.jobs.get(a.id);
      return e ? toJob(e) : null;
    },
    jobs: async (_: unknown, a: QueryJobsArgs, ctx: ApiContext) => {
      const { first, after } = pageArgs(a.first, a.after, 20);
      const page = await ctx.services.storage.records.list('job', {
        limit: first,
        ...(after ? { cursor: after } : {}),
      });
      const edges = page.records.map((r) => {
        const live = ctx.services.jobs.live(r.id);
        return { cursor: r.id, node: toJob(live ?? { job: r.value, updatedAt: r.updatedAt }) };
      });
      return {
        edges,
        pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: page.nextCursor !== undefined },
      };
    },
  },
  Mutation: {
    precomputeDirections: async (_: unknown, a: MutationPrecomputeDirectionsArgs, ctx: ApiContext) => {
      const i = a.input;
      const images = i.images ?? 100;
      const samples = i.samples ?? 100_000;
      const layers = i.layers ?? 'official';
      if (!Number.isInteger(images) || images < 1 || images > 1000)
        throw badInput(`images must be an integer in 1…1000, got ${images}`);
      if (!Number.isInteger(samples) || samples < 100 || samples > 1_000_000)
        throw badInput(`samples must be an integer in 100…1000000, got ${samples}`);
      if (layers !== 'official' && layers !== 'all')
        throw badInput(`layers must be "official" or "all", got ${JSON.stringify(layers)}`);
      const set = await ctx.services.models.get(i.modelSetId);
      if (!set.manifest.clip)
        throw badInput(`model set ${set.id} has no CLIP model; import one before precomputing directions`);
      return toJob(
        await ctx.services.jobs.submit('PRECOMPUTE_DIRECTIONS', set.id, { images, samples, layers }),
      );
    },
    cancelJob: async (_: unknown, a: MutationCancelJobArgs, ctx: ApiContext) =>
      toJob(await ctx.services.jobs.cancel(a.id)),
  },
  Subscription: {
    jobUpdated: {
      subscribe: async (_: unknown, a: SubscriptionJobUpdatedArgs, ctx: ApiContext) => {
        const initial = await ctx.services.jobs.get(a.id);
        if (!initial) throw notFound('job', a.id);
        return ctx.services.jobEvents.subscribe(initial);
      },
      resolve: (e: JobEvent) => toJob(e),
    },
  },
};
