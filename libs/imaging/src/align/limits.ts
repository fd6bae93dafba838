// Limits and presets of face alignment, in one place.

/** omertov/encoder4editing `utils/alignment.py`: output and transform size 256. */
export const E4E_ALIGNMENT = { outputSize: 256, transformSize: 256 } as const;
/** NVlabs/ffhq-dataset `recreate_aligned_images`: transform at 4096, ANTIALIAS down to 1024. */
export const FFHQ_ALIGNMENT = { outputSize: 1024, transformSize: 4096 } as const;

export const ALIGN_LIMITS = {
  /** Largest transform size accepted (FFHQ's is 4096). */
  maxTransformSize: 4096,
  /** Largest padded intermediate image (pixels) the padding branch may build before the transform. */
  maxPaddedPixels: 64_000_000,
  /**
   * Work of the padding branch's Gaussian blur: padded samples × kernel taps (radius 4σ, σ = 0.02·qsize). An
   * e4e alignment stays under 10⁹; FFHQ's 1024 variant on a very large face near the border can reach 4·10¹⁰.
   */
  maxBlurTaps: 20_000_000_000,
} as const;

/** iBUG 68-point landmark indices alignment uses. */
export const LANDMARKS = {
  count: 68,
  leftEye: [36, 42],
  rightEye: [42, 48],
  mouthLeft: 48,
  mouthRight: 54,
} as const;
