import type { MutationCompleteUploadArgs, MutationCreateUploadArgs } from '@styleclip/api-contract';
import type { ApiContext } from '../context';

export const uploadResolvers = {
  Mutation: {
    createUpload: (_: unknown, a: MutationCreateUploadArgs, ctx: ApiContext) =>
      ctx.services.uploads.create(a.input),
    completeUpload: (_: unknown, a: MutationCompleteUploadArgs, ctx: ApiContext) =>
      ctx.services.uploads.complete(a.uploadId),
  },
};
