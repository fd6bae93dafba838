import type { z } from 'zod';
import type { Logger } from '../log';
import type { BlobRef, JobRecord } from '../records';
import type { JobScratch } from './scratch';

/** Progress a job reports. Events go to subscribers at once; the record is saved at most every persist interval. */
export interface JobProgress {
  /** What runs now, in a word or two ("s-stats", "fs3", "step", …). */
  phase: string;
  /** Units done and total in this phase. */
  done: number;
  total: number;
  /** 0…1 overall (monotone across phases). */
  progress: number;
  etaSeconds?: number;
  /** Anything else worth showing (loss terms, the current step's numbers), as JSON. */
  detail?: unknown;
  /** A preview image the job stored (`ctx.storePreview`). */
  preview?: BlobRef;
}

/** Progress of one child of a fan-out: units done of its own work (it is summed into the parent's). */
export interface ChildProgress {
  done: number;
  detail?: unknown;
}

/** One child job of a fan-out: a registered (usually internal) kind, its parameters and its share of the work. */
export interface ChildSpec {
  kind: string;
  params: unknown;
  /** Units of work (the parent's progress counts them). */
  units: number;
}

export interface FanOutOptions {
  /** The phase shown while the children run. */
  phase: string;
  /** The span of the parent's overall progress the children cover, e.g. [0.1, 1]. */
  progress: [number, number];
}

/**
 * What a job handler gets. The same handler runs in-process (the embedded default) or on a worker (BullMQ):
 * it must not care which. A job may be run more than once (after a crash, a shutdown or a retry), so handlers
 * keep partial results in `scratch` and skip what is stored.
 */
export interface JobContext<P = unknown> {
  /** The job's record as of when this run started (for a child: its parent's). */
  job: JobRecord;
  /** The parameters, validated by the kind's schema. */
  params: P;
  /** Aborted on cancel and on shutdown: stop soon, throwing. */
  signal: AbortSignal;
  log: Logger;
  /** Scratch space in the blob store for partial results, shared by every run of the job and its children. */
  scratch: JobScratch;
  progress(p: JobProgress): void;
  /** Stores a PNG preview (content-addressed) and returns its reference for `progress({ preview })`. */
  storePreview(png: Uint8Array): Promise<BlobRef>;
  /**
   * Runs child jobs (e.g. precompute shards) and returns their results in order once all succeeded. On a queue
   * the children spread over every worker and the parent waits without holding one (its handler runs again from
   * the start when they are done: everything before `fanOut` must be cheap to repeat or resumed from scratch).
   * Progress of the children is summed into the parent's, with an ETA over their combined rate.
   */
  fanOut(children: readonly ChildSpec[], o: FanOutOptions): Promise<unknown[]>;
}

/** The context of a child job: like a job's, but progress counts units of its own work. */
export interface ChildContext<P = unknown> extends Omit<JobContext<P>, 'progress' | 'fanOut'> {
  /** Which child of the fan-out this is (0-based). */
  index: number;
  progress(p: ChildProgress): void;
}

/** A kind of job: its name (the GraphQL JobKind), parameter schema and handler. */
export interface JobKind<P = unknown, R = unknown> {
  readonly name: string;
  readonly params: z.ZodType<P>;
  /** Checks a submission beyond its parameters (e.g. the model set has what the job needs); throws StudioError. */
  check?(job: JobRecord, params: P): Promise<void>;
  /** Jobs with the same key never wait or run at the same time (e.g. one precompute per model set). */
  exclusiveKey?(job: JobRecord): string | undefined;
  /** Runs the job and returns its result (JSON); throws to fail (StudioError for the caller's mistakes). */
  run(ctx: JobContext<P>): Promise<R>;
  /**
   * After a job of this kind succeeded, in every process holding a studio (API servers, workers): e.g. reload the
   * model set a precompute changed. Failures are logged, never fatal.
   */
  onSucceeded?(job: JobRecord): Promise<void>;
}

/** A kind that runs only as a child of another job (fan-out), never submitted on its own. */
export interface ChildKind<P = unknown, R = unknown> {
  readonly name: string;
  readonly params: z.ZodType<P>;
  run(ctx: ChildContext<P>): Promise<R>;
}

/**
 * The job kinds a studio knows, registered by name (like onnxruntime's backends): a name can be registered once;
 * a second registration is a bug and throws. Every process (API, workers) registers the same kinds.
 */
export class JobKinds {
  private readonly kinds = new Map<string, JobKind>();
  private readonly children = new Map<string, ChildKind>();

  register<P, R>(kind: JobKind<P, R>): this {
    this.claim(kind.name);
    this.kinds.set(kind.name, kind as unknown as JobKind);
    return this;
  }

  registerChild<P, R>(kind: ChildKind<P, R>): this {
    this.claim(kind.name);
    this.children.set(kind.name, kind as unknown as ChildKind);
    return this;
  }

  private claim(name: string): void {
    if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(name))
      throw new Error(`job kind ${JSON.stringify(name)}: use UPPER_SNAKE_CASE (it is a GraphQL enum value)`);
    if (this.kinds.has(name) || this.children.has(name))
      throw new Error(`job kind ${name} is registered already`);
  }

  /** A submittable kind, or undefined. */
  find(name: string): JobKind | undefined {
    return this.kinds.get(name);
  }

  /** A submittable kind; throws (a bug or a record from a newer release) when unknown. */
  get(name: string): JobKind {
    const k = this.kinds.get(name);
    if (!k)
      throw new Error(`unknown job kind ${name} (known: ${[...this.kinds.keys()].join(', ') || 'none'})`);
    return k;
  }

  child(name: string): ChildKind {
    const k = this.children.get(name);
    if (!k) throw new Error(`unknown child job kind ${name}`);
    return k;
  }

  /** Names of the submittable kinds. */
  names(): string[] {
    return [...this.kinds.keys()];
  }
}
