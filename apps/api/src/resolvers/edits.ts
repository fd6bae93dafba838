import type {
  EditResolvers,
  EditResultResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../generated/resolvers';

export const editResolvers: {
  Query: Pick<QueryResolvers, 'edit' | 'previewGlobalEdit' | 'previewMapperEdit'>;
  Mutation: Pick<MutationResolvers, 'editGlobal' | 'editMapper' | 'deleteEdit'>;
  Edit: EditResolvers;
  EditResult: EditResultResolvers;
} = {
  Query: {
    edit: async (_, a, ctx) => (await ctx.services.edits.get(a.id)) ?? null,
    /** editGlobal without storing anything (a query: public, and safe to repeat). */
    previewGlobalEdit: (_, a, ctx) => ctx.services.edits.preview(a.input, a.resolution ?? undefined),
    /** editMapper without storing anything. */
    previewMapperEdit: (_, a, ctx) => ctx.services.edits.previewMapper(a.input, a.resolution ?? undefined),
  },
  Mutation: {
    editGlobal: (_, a, ctx) => ctx.services.edits.global(a.input),
    editMapper: (_, a, ctx) => ctx.services.edits.mapper(a.input),
    deleteEdit: (_, a, ctx) => ctx.services.deletion.deleteEdit(a.id),
  },
  Edit: {
    image: (edit, _, ctx) => ctx.services.images.require(edit.imageId),
    neutral: (edit) => edit.neutral ?? null,
    target: (edit) => edit.target ?? null,
    alphas: (edit) => edit.alphas ?? null,
    beta: (edit) => edit.beta ?? null,
    autoBeta: (edit) => edit.autoBeta ?? null,
    channels: (edit) => edit.channels ?? null,
    topChannels: (edit) => edit.topChannels?.map((c) => ({ ...c, layerName: c.layerName ?? null })) ?? null,
    mapper: (edit) => edit.mapper ?? null,
    strength: (edit) => edit.strength ?? null,
    optimization: (edit) => edit.optimization ?? null,
    shareUrl: (edit, _, ctx) => `${ctx.services.webUrl()}/edits/${edit.id}`,
  },
  EditResult: {
    alpha: (r) => r.alpha ?? null,
    image: (r, _, ctx) => ctx.services.images.require(r.imageId),
  },
};
