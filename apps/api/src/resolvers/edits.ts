import type {
  MutationEditGlobalArgs,
  MutationEditMapperArgs,
  QueryEditArgs,
  QueryPreviewGlobalEditArgs,
  QueryPreviewMapperEditArgs,
} from '@styleclip/api-contract';
import type { ApiContext } from '../context';
import type { EditRecord } from '../records';

export const editResolvers = {
  Query: {
    edit: (_: unknown, a: QueryEditArgs, ctx: ApiContext) => ctx.services.edits.get(a.id),
    /** editGlobal without storing anything (a query: public, and safe to repeat). */
    previewGlobalEdit: (_: unknown, a: QueryPreviewGlobalEditArgs, ctx: ApiContext) =>
      ctx.services.edits.preview(a.input),
    /** editMapper without storing anything. */
    previewMapperEdit: (_: unknown, a: QueryPreviewMapperEditArgs, ctx: ApiContext) =>
      ctx.services.edits.previewMapper(a.input),
  },
  Mutation: {
    editGlobal: (_: unknown, a: MutationEditGlobalArgs, ctx: ApiContext) =>
      ctx.services.edits.global(a.input),
    editMapper: (_: unknown, a: MutationEditMapperArgs, ctx: ApiContext) =>
      ctx.services.edits.mapper(a.input),
  },
  Edit: {
    image: (edit: EditRecord, _: unknown, ctx: ApiContext) => ctx.services.images.require(edit.imageId),
    shareUrl: (edit: EditRecord, _: unknown, ctx: ApiContext) => `${ctx.services.webUrl()}/edits/${edit.id}`,
  },
  EditResult: {
    image: (r: { imageId: string }, _: unknown, ctx: ApiContext) => ctx.services.images.require(r.imageId),
  },
};
