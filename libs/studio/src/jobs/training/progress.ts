import type { BlobRef } from '../../records';
import type { JobContext, JobProgress } from '../kinds';

/** The loss terms of one step (null: a term the run does not compute). */
export interface LossTerms {
  clip: number | null;
  l2: number | null;
  id: number | null;
  total: number;
  lr?: number;
}

/**
 * A loss curve small enough to send with every progress report, whatever the number of steps: the steps are cut
 * into buckets of `stride` (a power of two, so the buckets stay put as the run grows) and each point is a
 * bucket's mean, at the bucket's last step (1-based: "after `step` steps"). Terms a run does not compute are
 * left out.
 */
export interface LossCurve {
  stride: number;
  step: number[];
  total: number[];
  clip?: number[];
  l2?: number[];
  id?: number[];
  lr?: number[];
}

/** At most this many points per curve. */
export const CURVE_POINTS = 200;

/** Six significant digits: enough for a chart, a third of the JSON. */
const round = (v: number): number => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v);

export function lossCurve(history: readonly LossTerms[], maxPoints = CURVE_POINTS): LossCurve {
  let stride = 1;
  while (Math.ceil(history.length / stride) > maxPoints) stride *= 2;
  const curve: LossCurve = { stride, step: [], total: [] };
  const terms = (['clip', 'l2', 'id', 'lr'] as const).filter((k) =>
    history.some((h) => h[k] !== null && h[k] !== undefined),
  );
  for (const k of terms) curve[k] = [];
  for (let from = 0; from < history.length; from += stride) {
    const bucket = history.slice(from, from + stride);
    const mean = (f: (h: LossTerms) => number | null | undefined) => {
      const v = bucket.map(f).filter((x): x is number => typeof x === 'number');
      return round(v.reduce((a, b) => a + b, 0) / Math.max(1, v.length));
    };
    curve.step.push(from + bucket.length);
    curve.total.push(mean((h) => h.total));
    for (const k of terms) curve[k]!.push(mean((h) => h[k]));
  }
  return curve;
}

/** A step's losses as JSON for `detail` (rounded). */
export const lossesOf = (l: LossTerms): LossTerms => ({
  clip: l.clip === null ? null : round(l.clip),
  l2: l.l2 === null ? null : round(l.l2),
  id: l.id === null ? null : round(l.id),
  total: round(l.total),
  ...(l.lr !== undefined ? { lr: round(l.lr) } : {}),
});

/** Loss terms as a record stores them: terms the run does not compute are left out. */
export function storedLosses(l: LossTerms): { clip?: number; l2?: number; id?: number; total: number } {
  return {
    ...(l.clip !== null ? { clip: l.clip } : {}),
    ...(l.l2 !== null ? { l2: l.l2 } : {}),
    ...(l.id !== null ? { id: l.id } : {}),
    total: l.total,
  };
}

/**
 * Progress of a job that runs steps: reports at most every `minIntervalMs` (a step can take milliseconds on a
 * small model; subscribers need a few updates a second, not thousands), always when asked to (`force`: previews,
 * the last step), with an ETA from the speed of this run's steps (steps resumed from a checkpoint are not speed).
 */
export class StepProgress {
  private lastReport = -Infinity;
  private readonly t0 = performance.now();

  constructor(
    private readonly report: (p: JobProgress) => void,
    private readonly o: { phase: string; steps: number; startStep: number; minIntervalMs?: number },
  ) {}

  /** Reports `done` steps of `steps`; returns whether it did (throttled unless `force`). */
  step(done: number, detail: unknown, o: { force?: boolean; preview?: BlobRef } = {}): boolean {
    const now = performance.now();
    if (!o.force && !o.preview && now - this.lastReport < (this.o.minIntervalMs ?? 500)) return false;
    this.lastReport = now;
    const fresh = done - this.o.startStep;
    const elapsed = (now - this.t0) / 1000;
    const eta = fresh > 0 && elapsed > 0 ? ((this.o.steps - done) * elapsed) / fresh : undefined;
    this.report({
      phase: this.o.phase,
      done,
      total: this.o.steps,
      progress: done / this.o.steps,
      detail,
      ...(eta !== undefined && Number.isFinite(eta) ? { etaSeconds: Math.max(0, eta) } : {}),
      ...(o.preview ? { preview: o.preview } : {}),
    });
    return true;
  }
}

/** Says in a job's progress that it waits for a training slot, keeping where it stood. */
export function waitingForSlot(ctx: Pick<JobContext<unknown>, 'job' | 'progress'>, total: number): void {
  ctx.progress({
    phase: 'waiting for a free training slot',
    done: ctx.job.done,
    total,
    progress: ctx.job.progress,
  });
}
