import { toFloat32, type LazyTensor } from '@styleclip/checkpoints';
import type { Weight } from '../weights';

/** `N tensors, keys like a, b, c, d, …` for error messages. */
export function describeKeys(keys: readonly string[]): string {
  if (keys.length === 0) return 'no tensors';
  return `${keys.length} tensors, keys like ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''}`;
}

/**
 * The float tensors under `prefix` (stripped) as float32 weights, and the keys of the others (the int64
 * `num_batches_tracked` BatchNorm counters, which inference does not use and old files lack).
 */
export async function loadFloatWeights(
  entries: ReadonlyMap<string, LazyTensor>,
  prefix: string,
): Promise<{ weights: Map<string, Weight>; skipped: string[] }> {
  const weights = new Map<string, Weight>();
  const skipped: string[] = [];
  for (const [key, lazy] of entries) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (!lazy.dtype.startsWith('float') && lazy.dtype !== 'bfloat16') {
      skipped.push(name);
      continue;
    }
    const t = await lazy.load();
    weights.set(name, { shape: t.shape, data: toFloat32(t) });
  }
  return { weights, skipped };
}

/** A note on the skipped tensors, naming the BatchNorm counters as such. */
export function skippedNote(skipped: readonly string[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const counters = skipped.filter((k) => k.endsWith('num_batches_tracked')).length;
  const others = skipped.filter((k) => !k.endsWith('num_batches_tracked'));
  const parts = [];
  if (counters > 0) parts.push(`${counters} BatchNorm num_batches_tracked counters (not used in eval mode)`);
  if (others.length > 0)
    parts.push(`non-float tensors ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}`);
  return `ignored ${parts.join(' and ')}`;
}
