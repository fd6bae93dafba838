import type {
  ImageEditsArgs,
  MutationGenerateImagesArgs,
  QueryImageArgs,
  QueryImagesArgs,
} from '@styleclip/api-contract';
import type { ApiContext } from '../context';
import type { ImageRecord, LatentRecord } from '../records';

export const imageResolvers = {
  Query: {
    images: (_: unknown, a: QueryImagesArgs, ctx: ApiContext) =>
      ctx.services.images.gallery(a.first, a.after, a.filter),
    image: (_: unknown, a: QueryImageArgs, ctx: ApiContext) => ctx.services.images.get(a.id),
  },
  Mutation: {
    generateImages: (_: unknown, a: MutationGenerateImagesArgs, ctx: ApiContext) =>
      ctx.services.images.generate(a.input),
  },
  Image: {
    url: (image: ImageRecord, _: unknown, ctx: ApiContext) => ctx.services.storage.url(image.png.key),
    latent: (image: ImageRecord, _: unknown, ctx: ApiContext) =>
      image.latentId ? ctx.services.images.getLatent(image.latentId) : null,
    parentEdit: (image: ImageRecord, _: unknown, ctx: ApiContext) =>
      image.parentEditId ? ctx.services.edits.get(image.parentEditId) : null,
    edits: (image: ImageRecord, a: ImageEditsArgs, ctx: ApiContext) =>
      ctx.services.images.editsOf(image.id, a.first, a.after),
  },
  Latent: {
    url: (latent: LatentRecord, _: unknown, ctx: ApiContext) => ctx.services.storage.url(latent.npy.key),
  },
};
