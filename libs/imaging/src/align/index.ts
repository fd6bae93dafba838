// FFHQ/e4e face alignment and pasting edited faces back (see the package README).
export { alignFace, type AlignOptions, type AlignTrace, type FaceAlignment } from './align-face';
export { E4E_ALIGNMENT, FFHQ_ALIGNMENT } from './limits';
export { quadTransform, quadPoint, quadInverse, type Quad } from './quad-transform';
export {
  pasteBack,
  faceMask,
  PASTE_DEFAULTS,
  type PasteFace,
  type PasteOptions,
  type FaceMask,
} from './paste-back';
