/**
 * @styleclip/imaging: image decode/encode, Pillow-exact CLIP preprocessing, tensor↔image conversion and the
 * StyleCLIP CLIP-loss image path as an ONNX subgraph.
 */
export { ImageError, type ImageErrorCode, type ImageErrorDetails } from './errors';
export { detectFormat, type ImageFormat } from './format';
export { decodeImage, toRgba, DEFAULT_LIMITS, type DecodeLimits, type DecodedImage } from './decode';
export { encodePng, writePng } from './png';
export { hstack, type HstackOptions } from './hstack';
export {
  tensorToRgb8,
  rgb8ToTensor,
  type Rgb8Image,
  type TensorToRgb8Options,
  type Rgb8ToTensorOptions,
} from './tensor-image';
export {
  resizeBicubic,
  resizeLanczos,
  resizePillow,
  resizeRgbaPillow,
  BICUBIC,
  LANCZOS,
  type Pixels8,
  type ResampleFilter,
} from './resample';
export {
  CLIP_MEAN,
  CLIP_STD,
  clipPreprocess,
  clipPreprocessPixels,
  clipPreprocessRgb8,
  clipResizeCrop,
  clipResizeCropRgb8,
  clipResizedSize,
  clipNormalizeRgb8,
  type RgbaImage,
  type ClipCrop,
} from './clip-preprocess';
export { areaMatrix, areaDownsampleGraph, CLIP_LOSS_UPSAMPLE } from './area-downsample';
export { clipNormalizeGraph, type ClipNormalizeOptions } from './clip-normalize-graph';
export {
  alignFace,
  E4E_ALIGNMENT,
  FFHQ_ALIGNMENT,
  quadTransform,
  quadPoint,
  quadInverse,
  pasteBack,
  faceMask,
  PASTE_DEFAULTS,
  type AlignOptions,
  type AlignTrace,
  type FaceAlignment,
  type Quad,
  type PasteFace,
  type PasteOptions,
  type FaceMask,
} from './align';
