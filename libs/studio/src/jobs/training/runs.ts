import type { JobScratch } from '../scratch';

const RUNS = 'runs.json';

/** One run of a training job: the step it started from (0, or where a stored checkpoint left off). */
export interface TrainingRun {
  startStep: number;
  at: string;
}

/**
 * Records that a run of the job starts at `startStep` and returns every run so far (a job runs again after its
 * worker died or a shutdown; the list shows where each run resumed).
 */
export async function recordRun(scratch: JobScratch, startStep: number): Promise<TrainingRun[]> {
  const bytes = await scratch.get(RUNS);
  const runs = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as TrainingRun[]) : [];
  runs.push({ startStep, at: new Date().toISOString() });
  await scratch.put(RUNS, new TextEncoder().encode(JSON.stringify(runs)));
  return runs;
}

/** A small JSON value in the job's scratch space (undefined when absent). */
export async function readJson<T>(scratch: JobScratch, name: string): Promise<T | undefined> {
  const bytes = await scratch.get(name);
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as T) : undefined;
}

export async function writeJson(scratch: JobScratch, name: string, value: unknown): Promise<void> {
  await scratch.put(name, new TextEncoder().encode(JSON.stringify(value)));
}
