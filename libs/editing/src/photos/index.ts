// The photo pipeline: find the faces of a photo, align them, invert them with the set's encoder, and paste edits
// of them back into the photo (see the package README).
export { loadFaceModels, type FaceModels, type FaceModelPaths } from './face-models';
export {
  findFaces,
  upsampleFor,
  DEFAULT_MIN_FACE_SCORE,
  UPSAMPLE_MAX_PIXELS,
  type Photo,
  type PhotoFace,
  type FindFacesOptions,
  type FoundFaces,
} from './find-faces';
export { FaceInverter, MAX_FACES_PER_ENCODER_RUN, type InversionProgress } from './inverter';
export { invertPhoto, noFaceMessage, latentRow, type InvertedPhoto } from './invert-photo';
export { adaptiveAvgPool, pooledPixels } from './pool';
export { pasteFaces, pasteSizeFor, footprintSide, type EditedFace, type FacePlacement } from './paste';
