import { randomBytes } from 'node:crypto';
import type { JobScratch } from '../scratch';

// Markers of completed work in a job's scratch space, one blob per completion (never overwritten), so a job can
// tell afterwards how many times each shard ran to completion and each chunk was computed: the evidence that a
// worker's death lost nothing and repeated nothing.

export async function markRun(scratch: JobScratch, what: 'shard' | 'chunk', index: number): Promise<void> {
  await scratch.put(
    `runs/${what}-${String(index).padStart(6, '0')}-${randomBytes(6).toString('hex')}`,
    new Uint8Array(0),
  );
}

/** Completions per index, for indices 0…n−1. */
export async function countRuns(scratch: JobScratch, what: 'shard' | 'chunk', n: number): Promise<number[]> {
  const counts = new Array<number>(n).fill(0);
  for (const name of await scratch.list(`runs/${what}-`)) {
    const i = Number(name.slice(`runs/${what}-`.length, `runs/${what}-`.length + 6));
    if (i < n) counts[i]!++;
  }
  return counts;
}
