import type { Resolvers } from '../generated/resolvers';
import { editResolvers } from './edits';
import { imageResolvers } from './images';
import { jobResolvers } from './jobs';
import { modelSetResolvers } from './model-sets';
import { DateTime, JSONScalar } from './scalars';
import { trainingResolvers } from './training';
import { uploadResolvers } from './uploads';
import { photoResolvers } from './photos';

/** All resolvers, merged per root type, checked against the schema's generated resolver types. */
export const resolvers: Resolvers = {
  DateTime,
  JSON: JSONScalar,
  Query: {
    ...modelSetResolvers.Query,
    ...imageResolvers.Query,
    ...editResolvers.Query,
    ...jobResolvers.Query,
    ...trainingResolvers.Query,
    ...photoResolvers.Query,
  },
  Mutation: {
    ...imageResolvers.Mutation,
    ...uploadResolvers.Mutation,
    ...editResolvers.Mutation,
    ...jobResolvers.Mutation,
    ...trainingResolvers.Mutation,
    ...photoResolvers.Mutation,
  },
  Subscription: jobResolvers.Subscription,
  Image: { ...imageResolvers.Image, ...photoResolvers.Image },
  Latent: imageResolvers.Latent,
  Edit: { ...editResolvers.Edit, ...photoResolvers.Edit },
  EditResult: { ...editResolvers.EditResult, ...photoResolvers.EditResult },
  Job: { ...jobResolvers.Job, ...trainingResolvers.Job },
  ModelSet: modelSetResolvers.ModelSet,
  Mapper: trainingResolvers.Mapper,
  TrainedMapper: trainingResolvers.TrainedMapper,
  OptimizationSettings: trainingResolvers.OptimizationSettings,
  Photo: photoResolvers.Photo,
  PhotoFace: photoResolvers.PhotoFace,
  Point: photoResolvers.Point,
};
