import { seededRandom } from '@styleclip/testing';

/** The q-quantile (0…1) of sorted values, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** after − before of two size → count histograms (as /metrics reports them). */
export function histogramDelta(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d > 0) out[k] = d;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => Number(a[0]) - Number(b[0])));
}

/** Mean of a size → count histogram. */
export function histogramMean(h: Record<string, number>): number {
  let n = 0;
  let s = 0;
  for (const [k, v] of Object.entries(h)) {
    n += v;
    s += Number(k) * v;
  }
  return n ? s / n : 0;
}

/** A deterministic PRNG (mulberry32, the shared test helper's) for the load mix. */
export function prng(seed: number): () => number {
  return seededRandom(seed).next;
}
