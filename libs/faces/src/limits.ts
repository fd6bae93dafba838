// Every limit and default of @styleclip/faces, in one place.

/** Debian `libdlib-data`'s landmark model, the file FFHQ and e4e alignment use. */
export const DEBIAN_PREDICTOR_PATH = '/usr/share/dlib/shape_predictor_68_face_landmarks.dat';
/** Debian `libdlib-dev`'s header holding dlib's frontal face detector (base64 of a compressed serialization). */
export const DEBIAN_DETECTOR_HEADER_PATH = '/usr/include/dlib/image_processing/frontal_face_detector.h';
/** Environment variable naming the landmark model (`--predictor` overrides it). */
export const PREDICTOR_ENV = 'STYLECLIP_FACE_PREDICTOR';
/** Environment variable naming the detector: dlib's header or a file written by dlib's `serialize(detector)`. */
export const DETECTOR_ENV = 'STYLECLIP_FACE_DETECTOR';

/** Upsampling of e4e's `get_landmark` (`detector(img, 1)` in Python: one `pyramid_up` before detecting). */
export const DEFAULT_UPSAMPLE = 1;
export const MAX_UPSAMPLE = 4;
/** Pixels the detector may scan after upsampling (a 12 MP photo upsampled once fits; memory ≈ 10 bytes/pixel). */
export const MAX_DETECTION_PIXELS = 50_000_000;

/** File sizes read before anything is allocated (the Debian predictor is 99.7 MB, the header 219 kB). */
export const MAX_PREDICTOR_FILE_BYTES = 512 * 1024 * 1024;
export const MAX_DETECTOR_FILE_BYTES = 64 * 1024 * 1024;
export const MAX_DETECTOR_HEADER_BYTES = 16 * 1024 * 1024;
/** Decompressed size of the header's embedded detector (dlib's is 366 kB). */
export const MAX_DECOMPRESSED_DETECTOR_BYTES = 64 * 1024 * 1024;

/** Structural bounds of the models we accept (dlib's: 68 parts, 15 cascades × 500 trees of depth 4, 5 detectors). */
export const MODEL_LIMITS = {
  maxParts: 1024,
  maxCascades: 256,
  maxTreesPerCascade: 100_000,
  maxLeavesPerTree: 1 << 16,
  maxFeaturePixels: 1_000_000,
  maxDetectors: 64,
  maxCellSize: 64,
  maxWindowSize: 4096,
  maxFilterCells: 256,
} as const;
