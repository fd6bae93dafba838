import type { MutationResolvers } from '../generated/resolvers';

export const uploadResolvers: { Mutation: Pick<MutationResolvers, 'createUpload' | 'completeUpload'> } = {
  Mutation: {
    createUpload: (_, a, ctx) => ctx.services.uploads.create(a.input),
    completeUpload: (_, a, ctx) => ctx.services.uploads.complete(a.uploadId),
  },
};
