/**
 * Preview resolutions a set gets by default: size/16 and size/8, at least 16 (1024 → 64 and 128, 256 → 16
 * and 32, 64 → 16). A 1024 generator spends the same multiply-accumulates on every resolution from 64 up
 * (channels halve as the side doubles), so the synthesis stopped at 64 costs about a fifth of the full
 * render (21% of the MACs, less of the time: the high resolutions are the memory-bound ones) and 128 about
 * two fifths; measured by `npm run bench -- --suite preview`.
 */
export function defaultPreviewResolutions(size: number): number[] {
  return [...new Set([size / 16, size / 8].map((r) => Math.max(16, r)))].filter((r) => r < size);
}
