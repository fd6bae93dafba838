import type { FanOutTally } from './board';
import type { FanOutOptions, JobProgress } from './kinds';

/**
 * The parent's progress during a fan-out: the children's units summed, mapped onto the span of overall progress
 * the fan-out covers, with an ETA from the combined rate of the work done since measuring began (resumed work
 * does not count as speed).
 */
export function fanOutProgress(t: FanOutTally, totalUnits: number, o: FanOutOptions): JobProgress {
  const [from, to] = o.progress;
  const f = totalUnits > 0 ? Math.min(1, t.done / totalUnits) : 1;
  const fresh = t.done - t.baseline;
  const elapsed = (t.now - t.since) / 1000;
  const eta = fresh > 0 && elapsed > 0 ? ((totalUnits - t.done) * elapsed) / fresh : undefined;
  return {
    phase: o.phase,
    done: t.done,
    total: totalUnits,
    progress: from + (to - from) * f,
    ...(eta !== undefined && Number.isFinite(eta) ? { etaSeconds: Math.max(0, eta) } : {}),
  };
}
