import type {
  ImageResolvers,
  LatentResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../generated/resolvers';

export const imageResolvers: {
  Query: Pick<QueryResolvers, 'images' | 'image'>;
  Mutation: Pick<MutationResolvers, 'generateImages' | 'deleteImage'>;
  Image: ImageResolvers;
  Latent: LatentResolvers;
} = {
  Query: {
    images: (_, a, ctx) => ctx.services.images.gallery(a.first, a.after, a.filter),
    image: async (_, a, ctx) => (await ctx.services.images.get(a.id)) ?? null,
  },
  Mutation: {
    generateImages: (_, a, ctx) => ctx.services.images.generate(a.input),
    deleteImage: (_, a, ctx) => ctx.services.deletion.deleteImage(a.id),
  },
  Image: {
    url: (image, _, ctx) => ctx.services.storage.url(image.png.key),
    seed: (image) => image.seed ?? null,
    truncation: (image) => image.truncation ?? null,
    inversionStatus: (image) => image.inversionStatus ?? null,
    latent: async (image, _, ctx) =>
      image.latentId ? ((await ctx.services.images.getLatent(image.latentId)) ?? null) : null,
    parentEdit: async (image, _, ctx) =>
      image.parentEditId ? ((await ctx.services.edits.get(image.parentEditId)) ?? null) : null,
    edits: (image, a, ctx) => ctx.services.images.editsOf(image.id, a.first, a.after),
  },
  Latent: {
    url: (latent, _, ctx) => ctx.services.storage.url(latent.npy.key),
  },
};
