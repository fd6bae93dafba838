import { pageArgs, PRECOMPUTE_DIRECTIONS, type JobEvent } from '@styleclip/studio';
import type {
  JobKind,
  JobResolvers,
  MutationResolvers,
  QueryResolvers,
  SubscriptionResolvers,
} from '../generated/resolvers';
import type { Principal } from '../auth';
import { ApiError, graphqlCodeOf } from '../errors';

/**
 * Who may cancel a job when API keys are configured: the key that submitted it, or an admin key. (Without keys
 * every caller is anonymous and mutations are open, cancelling included.) A job with no recorded submitter (from
 * before keys were configured, or from the CLI) is an admin's to cancel.
 */
function mayCancel(principal: Principal, job: { id: string; submittedBy?: string }): void {
  if (!principal.authenticated || principal.admin) return;
  if (job.submittedBy === principal.keyName) return;
  throw new ApiError(
    'FORBIDDEN',
    `job ${job.id} was started ${job.submittedBy ? 'by another API key' : 'without an API key'}; only the key that started it or an admin key (STYLECLIP_ADMIN_KEYS) can cancel it`,
    { jobId: job.id },
  );
}

/** How a job records who started it (the key's name; nothing for an anonymous caller): see mayCancel. */
export const submitter = (principal: Principal): { submittedBy?: string } =>
  principal.keyName ? { submittedBy: principal.keyName } : {};

const jobConnection = (page: { jobs: JobEvent[]; nextCursor?: string; skipped: number }) => {
  const edges = page.jobs.map((e) => ({ cursor: e.job.id, node: e }));
  return {
    edges,
    pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: page.nextCursor !== undefined },
    skipped: page.skipped,
  };
};

export const jobResolvers: {
  Query: Pick<QueryResolvers, 'job' | 'jobs'>;
  Mutation: Pick<MutationResolvers, 'precomputeDirections' | 'cancelJob'>;
  Subscription: Pick<SubscriptionResolvers, 'jobUpdated'>;
  Job: JobResolvers;
} = {
  Query: {
    job: async (_, a, ctx) => (await ctx.services.jobs.get(a.id)) ?? null,
    jobs: async (_, a, ctx) => {
      const { first, after } = pageArgs(ctx.services.parameters.pages, 'jobs', a.first, a.after);
      return jobConnection(await ctx.services.jobs.page(first, after));
    },
  },
  Mutation: {
    precomputeDirections: async (_, a, ctx) => {
      const { modelSetId, ...params } = a.input;
      const set = await ctx.services.models.get(modelSetId);
      return ctx.services.jobs.submit(PRECOMPUTE_DIRECTIONS, set.id, params, submitter(ctx.principal));
    },
    cancelJob: async (_, a, ctx) => {
      const job = await ctx.services.jobs.get(a.id);
      if (job) mayCancel(ctx.principal, job.job);
      return ctx.services.jobs.cancel(a.id);
    },
  },
  Subscription: {
    jobUpdated: {
      subscribe: (_, a, ctx) => ctx.services.jobs.subscribe(a.id),
      resolve: (e: JobEvent) => e,
    },
  },
  /** A job as the schema shows it, from its record (or live state) and when that last changed. */
  Job: {
    id: (e) => e.job.id,
    // Every registered kind is a JobKind of the schema (checked by a test).
    kind: (e) => e.job.kind as JobKind,
    state: (e) => e.job.state,
    modelSetId: (e) => e.job.modelSetId,
    progress: (e) => e.job.progress,
    phase: (e) => e.job.phase ?? null,
    done: (e) => e.job.done,
    total: (e) => e.job.total,
    etaSeconds: (e) => e.job.etaSeconds ?? null,
    attempts: (e) => e.job.attempts,
    createdAt: (e) => e.job.createdAt,
    updatedAt: (e) => e.updatedAt,
    error: (e) =>
      e.job.error ? { code: graphqlCodeOf(e.job.error.code), message: e.job.error.message } : null,
    detail: (e) => e.job.detail ?? null,
    previewUrl: (e, _, ctx) => (e.job.preview ? ctx.services.storage.url(e.job.preview.key) : null),
    result: (e) => e.job.result ?? null,
  },
};
