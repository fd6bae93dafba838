import { isStorageError } from '@styleclip/storage';
import { DamagedRecords } from '../damaged-records';
import { isId } from '../ids';
import type { Logger } from '../log';
import type { JobRecord, StudioRecords } from '../records';
import type { JobEvent } from './board';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Job records in the blob store: the source of truth of every job's lifecycle and result. */
export class JobStore {
  private readonly damaged: DamagedRecords;

  constructor(
    private readonly records: StudioRecords,
    private readonly log: Logger,
    damaged?: DamagedRecords,
  ) {
    this.damaged = damaged ?? new DamagedRecords(log);
  }

  /**
   * A job's record. A job record is read and written by several processes at once (workers report on it while
   * the API serves it), so a read that fails for want of storage, or reads a half-written record (a store without
   * atomic overwrites, like s3rver), is tried once more; a second failure is reported as it is (a record that is
   * still damaged: RECORD_CORRUPT).
   */
  async get(id: string): Promise<JobEvent | undefined> {
    if (!isId(id)) return undefined;
    return this.damaged.read('job', id, async () => {
      let rec;
      try {
        rec = await this.records.get('job', id);
      } catch (e) {
        if (!isStorageError(e, 'unavailable') && !isStorageError(e, 'corrupt')) throw e;
        await sleep(200);
        rec = await this.records.get('job', id);
      }
      return rec ? { job: rec.value, updatedAt: rec.updatedAt } : undefined;
    });
  }

  /** Reads the jobs of a page of ids; a damaged record is left out (logged once) and counted. */
  private async readAll(ids: readonly string[]): Promise<{ jobs: JobEvent[]; skipped: number }> {
    const read = await Promise.all(
      ids.map(async (id) => {
        try {
          const rec = await this.records.get('job', id);
          return rec ? { job: rec.value, updatedAt: rec.updatedAt } : undefined;
        } catch (e) {
          if (!DamagedRecords.is(e)) throw e;
          this.damaged.report('job', id, e);
          return 'damaged' as const;
        }
      }),
    );
    const jobs = read.filter((r): r is JobEvent => r !== undefined && r !== 'damaged');
    return { jobs, skipped: read.filter((r) => r === 'damaged').length };
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

  /**
   * A page of jobs, newest first. Damaged records are left out (logged once each) and counted in `skipped`, so
   * one bad record does not hide every other job.
   */
  async page(
    limit: number,
    cursor?: string,
  ): Promise<{ jobs: JobEvent[]; nextCursor?: string; skipped: number }> {
    const page = await this.records.listIds('job', { limit, ...(cursor ? { cursor } : {}) });
    const { jobs, skipped } = await this.readAll(page.ids);
    return { jobs, skipped, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) };
  }

  /**
   * Jobs left QUEUED or RUNNING (by a crash, a shutdown, or because they still run elsewhere), oldest first. A
   * damaged job record is reported (logged; it cannot be resumed) and does not keep the others from resuming.
   */
  async unfinished(): Promise<JobRecord[]> {
    const found: JobRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.records.listIds('job', { limit: 200, ...(cursor ? { cursor } : {}) });
      const { jobs } = await this.readAll(page.ids);
      for (const { job } of jobs) if (job.state === 'QUEUED' || job.state === 'RUNNING') found.push(job);
      cursor = page.nextCursor;
    } while (cursor);
    return found.reverse(); // ids sort newest first
  }
}
