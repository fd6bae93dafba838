import type { ImageRecord, PhotoRecord } from '@styleclip/studio';
import type { ApiContext } from '../context';
import { graphqlCodeOf } from '../errors';
import type {
  EditResolvers,
  EditResultResolvers,
  ImageResolvers,
  MutationResolvers,
  PhotoFaceResolvers,
  PhotoResolvers,
  PointResolvers,
  QueryResolvers,
} from '../generated/resolvers';

/** The face an image is (a face of a photo, or an edit of one), from its photo's record. */
async function faceOf(image: ImageRecord, ctx: ApiContext) {
  if (!image.face) return null;
  const photo = await ctx.services.photos.get(image.face.photoId);
  return photo?.faces.find((f) => f.index === image.face!.index) ?? null;
}

/** Photos and their faces: the photo of an upload, its inversion job, the faces as editable images. */
export const photoResolvers: {
  Query: Pick<QueryResolvers, 'photo'>;
  Mutation: Pick<MutationResolvers, 'invertPhoto'>;
  Photo: PhotoResolvers;
  PhotoFace: PhotoFaceResolvers;
  Point: PointResolvers;
  Image: Pick<ImageResolvers, 'photo' | 'face' | 'inversionStatus'>;
  Edit: Pick<EditResolvers, 'faces' | 'pastedBack'>;
  EditResult: Pick<EditResultResolvers, 'face'>;
} = {
  Query: {
    photo: async (_, a, ctx) => (await ctx.services.photos.get(a.id)) ?? null,
  },
  Mutation: {
    invertPhoto: (_, a, ctx) => ctx.services.photos.invert(a.input),
  },
  Photo: {
    image: (p: PhotoRecord, _, ctx) => ctx.services.images.require(p.imageId),
    job: async (p, _, ctx) => (p.jobId ? ((await ctx.services.jobs.get(p.jobId)) ?? null) : null),
    detected: (p) => p.detected ?? null,
    maxFaces: (p) => p.settings.maxFaces,
    minScore: (p) => p.settings.minScore,
    error: (p) => (p.error ? { code: graphqlCodeOf(p.error.code), message: p.error.message } : null),
  },
  PhotoFace: {
    alignedUrl: (f, _, ctx) => ctx.services.storage.url(f.aligned.key),
    reconstructionUrl: (f, _, ctx) => ctx.services.storage.url(f.reconstruction.key),
    image: (f, _, ctx) => ctx.services.images.require(f.imageId),
  },
  Point: {
    x: (p) => p[0]!,
    y: (p) => p[1]!,
  },
  Image: {
    // For uploads, the live state is the photo's (image records are written once).
    inversionStatus: async (image, _, ctx) => (await ctx.services.photos.inversionStatus(image)) ?? null,
    photo: async (image, _, ctx) => (await ctx.services.photos.of(image)) ?? null,
    face: (image, _, ctx) => faceOf(image, ctx),
  },
  Edit: {
    faces: (edit) => edit.photo?.faces ?? null,
    pastedBack: (edit) => edit.pasted ?? [],
  },
  EditResult: {
    face: (r) => r.face ?? null,
  },
};
