/** Timing helpers: warm-up, then the median of several runs (and the raw samples). */
export async function timeRuns(
  fn: () => Promise<unknown>,
  o: { warmUp: number; runs: number },
): Promise<{ median: number; samples: number[] }> {
  for (let i = 0; i < o.warmUp; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, samples };
}

export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

export function table(rows: Record<string, string | number>[]): string {
  if (rows.length === 0) return '';
  const cols = Object.keys(rows[0]!);
  const cell = (v: string | number) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v;
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c] ?? '').length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padStart(widths[i]!)).join('  ');
  return [
    line(cols),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(cols.map((c) => cell(r[c] ?? '')))),
  ].join('\n');
}

/** Median of a list of samples. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A/B(/C…) timing in one process: after `warmUp` calls of each, `rounds` rounds each calling every case
 * once, in turn, so drift and other processes' load hit every case alike (compare within one run only).
 * Returns the samples (ms) per case, in the order given.
 */
export async function interleavedRuns(
  cases: readonly (() => Promise<unknown>)[],
  o: { warmUp: number; rounds: number },
): Promise<number[][]> {
  for (let i = 0; i < o.warmUp; i++) for (const run of cases) await run();
  const samples = cases.map(() => [] as number[]);
  for (let r = 0; r < o.rounds; r++) {
    for (let k = 0; k < cases.length; k++) {
      const t0 = performance.now();
      await cases[k]!();
      samples[k]!.push(performance.now() - t0);
    }
  }
  return samples;
}
