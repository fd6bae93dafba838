import { isStorageError } from '@styleclip/storage';
import { isId } from '../ids';
import type { Logger } from '../log';
import type { JobRecord, StudioRecords } from '../records';
import type { JobEvent } from './board';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Job records in the blob store: the source of truth of every job's lifecycle and result. */
export class JobStore {
  constructor(
    private readonly records: StudioRecords,
    private readonly log: Logger,
  ) {}

  /**
   * A job's record. A job record is read and written by several processes at once (workers report on it while
   * the API serves it), so a read that fails for want of storage, or reads a half-written record (a store without
   * atomic overwrites, like s3rver), is tried once more; a second failure is reported as it is.
   */
  async get(id: string): Promise<JobEvent | undefined> {
    if (!isId(id)) return undefined;
    let rec;
    try {
      rec = await this.records.get('job', id);
    } catch (e) {
      if (!isStorageError(e, 'unavailable') && !isStorageError(e, 'corrupt')) throw e;
      await sleep(200);
      rec = await this.records.get('job', id);
    }
    return rec ? { job: rec.value, updatedAt: rec.updatedAt } : undefined;
  }

  /** Saves a job, retrying a few times (a final state must not be lost to a short storage hiccup). */
  async put(job: JobRecord, attempts = 1): Promise<string> {
    for (let i = 1; ; i++) {
      try {
        return (await this.records.put('job', job.id, job)).updatedAt;
      } catch (e) {
        if (i >= attempts) throw e;
        this.log.warn({ jobId: job.id, err: (e as Error).message }, 'could not save job state; retrying');
        await sleep(500 * i);
      }
    }
  }

  /** A page of jobs, newest first. */
  async page(limit: number, cursor?: string): Promise<{ jobs: JobEvent[]; nextCursor?: string }> {
    const page = await this.records.list('job', { limit, ...(cursor ? { cursor } : {}) });
    return {
      jobs: page.records.map((r) => ({ job: r.value, updatedAt: r.updatedAt })),
      ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /** Jobs left QUEUED or RUNNING (by a crash, a shutdown, or because they still run elsewhere), oldest first. */
  async unfinished(): Promise<JobRecord[]> {
    const found: JobRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.records.list('job', { limit: 200, ...(cursor ? { cursor } : {}) });
      for (const r of page.records)
        if (r.value.state === 'QUEUED' || r.value.state === 'RUNNING') found.push(r.value);
      cursor = page.nextCursor;
    } while (cursor);
    return found.reverse(); // ids sort newest first
  }
}
