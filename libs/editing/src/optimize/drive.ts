import { EngineError } from '../components';

/** A run advanced one step at a time (latent optimization, mapper training). */
export interface SteppedRun<S> {
  readonly step: number;
  readonly steps: number;
  readonly done: boolean;
  next(): Promise<S>;
  checkpoint(): Promise<Uint8Array>;
}

export interface DriveOptions<S> {
  /** Called after every step (progress, previews). */
  onStep?: (result: S) => void | Promise<void>;
  /** Store a checkpoint every this many steps (and when cancelled); 0 = never. */
  checkpointEvery?: number;
  saveCheckpoint?: (bytes: Uint8Array, step: number) => Promise<void>;
  /** Cancels between steps: the state is saved, then an EngineError with code `cancelled` is thrown. */
  signal?: AbortSignal;
}

/** Runs the remaining steps of `run`, saving checkpoints as asked: what a job (or the CLI) does. */
export async function driveSteps<S>(run: SteppedRun<S>, o: DriveOptions<S> = {}): Promise<void> {
  const every = o.checkpointEvery ?? 0;
  const save = async () => {
    if (o.saveCheckpoint) await o.saveCheckpoint(await run.checkpoint(), run.step);
  };
  while (!run.done) {
    if (o.signal?.aborted) {
      await save();
      throw new EngineError(`cancelled after step ${run.step} of ${run.steps}`, 'cancelled');
    }
    const result = await run.next();
    await o.onStep?.(result);
    if (every > 0 && (run.step % every === 0 || run.done)) await save();
  }
}
