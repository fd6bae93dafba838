import { editResolvers } from './edits';
import { imageResolvers } from './images';
import { jobResolvers } from './jobs';
import { modelSetResolvers } from './model-sets';
import { DateTime, JSONScalar } from './scalars';
import { uploadResolvers } from './uploads';

/** All resolvers, merged per root type. */
export const resolvers = {
  DateTime,
  JSON: JSONScalar,
  Query: {
    ...modelSetResolvers.Query,
    ...imageResolvers.Query,
    ...editResolvers.Query,
    ...jobResolvers.Query,
  },
  Mutation: {
    ...imageResolvers.Mutation,
    ...uploadResolvers.Mutation,
    ...editResolvers.Mutation,
    ...jobResolvers.Mutation,
  },
  Subscription: jobResolvers.Subscription,
  Image: imageResolvers.Image,
  Latent: imageResolvers.Latent,
  Edit: editResolvers.Edit,
  EditResult: editResolvers.EditResult,
};
