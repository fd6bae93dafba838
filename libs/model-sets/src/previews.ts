/**
 * Preview resolutions a set gets by default: size/16 and size/8, at least 16 (1024 → 64 and 128, 256 → 16
 * and 32, 64 → 16). A config-f generator spends the same direct-convolution work on every resolution from
 * 64 up (channels halve as the side doubles), so stopping early saves less than the pixel count suggests:
 * at 1024 with the default conv plan, 64 is 12.9% of the MACs and 9–11% of the time, 128 is 27.7% and
 * 25–29%, 256 is 43.5% and 41–46% (`npm run bench -- --suite preview`). 64 meets the ≤ 20% target; 128 is
 * the sharper second step.
 */
export function defaultPreviewResolutions(size: number): number[] {
  return [...new Set([size / 16, size / 8].map((r) => Math.max(16, r)))].filter((r) => r < size);
}
