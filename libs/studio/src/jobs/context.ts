import type { Logger } from '../log';
import type { BlobRef, JobRecord } from '../records';
import type { Storage } from '../storage';
import type { JobBoard } from './board';
import type { ChildContext, ChildKind, ChildSpec, FanOutOptions, JobContext, JobProgress } from './kinds';
import { fanOutProgress } from './progress';
import { parseParameters } from '../parameters/parse';
import { JobScratch } from './scratch';
import type { RunningJob } from './running-job';

/** Runs a fan-out's children (in this process, or on the queue's workers). */
export type FanOutRunner = (children: readonly ChildSpec[], o: FanOutOptions) => Promise<unknown[]>;

/** The context of a job run by this process. */
export function jobContext<P>(o: {
  run: RunningJob;
  params: P;
  signal: AbortSignal;
  storage: Storage;
  log: Logger;
  fanOut: FanOutRunner;
}): JobContext<P> {
  return {
    job: o.run.job,
    params: o.params,
    signal: o.signal,
    log: o.log,
    scratch: new JobScratch(o.storage.blobs, o.run.job.id),
    progress: (p: JobProgress) => o.run.progress(p),
    // Job previews hold their blob (never released: deleting an image that happens to look the same keeps it).
    storePreview: (png: Uint8Array): Promise<BlobRef> =>
      o.storage.putContent('images', png, 'png', `job-${o.run.job.id}`),
    fanOut: o.fanOut,
  };
}

/**
 * The context of child `index` of a fan-out of `root`: its progress (units of its own work) is tallied on the
 * board with its siblings' and reported as the root's progress through `report` (the root's running job, or a
 * worker's view of it).
 */
export function childContext<P>(o: {
  root: JobRecord;
  index: number;
  params: P;
  totalUnits: number;
  fanOut: FanOutOptions;
  signal: AbortSignal;
  storage: Storage;
  board: JobBoard;
  log: Logger;
  report: (p: JobProgress) => void;
}): ChildContext<P> {
  let first = true;
  let reporting: Promise<unknown> = Promise.resolve();
  return {
    job: o.root,
    index: o.index,
    params: o.params,
    signal: o.signal,
    log: o.log,
    scratch: new JobScratch(o.storage.blobs, o.root.id),
    storePreview: (png: Uint8Array) => o.storage.putContent('images', png, 'png', `job-${o.root.id}`),
    progress: ({ done, detail }) => {
      // The first report of a run is what it resumed from (no speed measured on it). Reports are chained so a
      // slower tally never overtakes a newer one from the same child.
      const baseline = first;
      first = false;
      reporting = reporting
        .then(() => o.board.tallyChild(o.root.id, o.index, done, { baseline }))
        .then((t) => {
          const p = fanOutProgress(t, o.totalUnits, o.fanOut);
          o.report(detail !== undefined ? { ...p, detail } : p);
        })
        .catch((e) => o.log.warn({ err: (e as Error).message }, 'could not report shard progress'));
    },
  };
}

/** A child's parameters, validated by its kind's schema. */
export function childParams<P>(kind: ChildKind<P>, params: unknown): P {
  return parseParameters(kind.params, params, `${kind.name}.params`);
}

/** Units of work of a fan-out (what its progress counts). */
export const unitsOf = (children: readonly ChildSpec[]): number =>
  children.reduce((s, c) => s + Math.max(0, c.units), 0);
