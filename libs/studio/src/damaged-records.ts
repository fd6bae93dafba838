import { isStorageError } from '@styleclip/storage';
import { StudioError } from './errors';
import type { Logger } from './log';

/** How many damaged records a process remembers having logged (beyond that, the oldest may be logged again). */
const REMEMBERED = 10_000;

/**
 * Stored records that cannot be read: a record that fails validation (truncated, edited by hand, a failed
 * migration) or was written by a newer release. Lists skip them and say how many they skipped; a direct read is
 * a clear `RECORD_CORRUPT` error naming the record. Each is logged once per process (with the storage error),
 * so a damaged record shown on every gallery page does not flood the logs. The record itself is left as it is.
 */
export class DamagedRecords {
  private readonly logged = new Set<string>();

  constructor(private readonly log: Logger) {}

  /** Whether an error means a stored record cannot be read (as opposed to storage being down). */
  static is(e: unknown): boolean {
    return (
      isStorageError(e, 'corrupt') ||
      isStorageError(e, 'incompatible_version') ||
      (e instanceof StudioError && e.code === 'RECORD_CORRUPT')
    );
  }

  /** Logs a damaged record, once per process. */
  report(type: string, id: string, e: unknown): void {
    const key = `${type}/${id}`;
    if (this.logged.has(key)) return;
    this.logged.add(key);
    if (this.logged.size > REMEMBERED) this.logged.delete(this.logged.values().next().value!);
    this.log.error(
      { recordType: type, recordId: id, err: e instanceof Error ? e.message : String(e) },
      'a stored record cannot be read; lists skip it (restore it from a backup, or delete it)',
    );
  }

  /** The caller-facing error for a damaged record (logged). */
  error(type: string, id: string, e: unknown): StudioError {
    this.report(type, id, e);
    return new StudioError(
      'RECORD_CORRUPT',
      `${type} ${JSON.stringify(id)} cannot be read: its stored record is damaged (or was written by a newer release)`,
      { recordType: type, id },
      { cause: e },
    );
  }

  /** Runs a read of record `type`/`id`; a damaged record becomes `RECORD_CORRUPT` (logged). */
  async read<T>(type: string, id: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (DamagedRecords.is(e) && !(e instanceof StudioError)) throw this.error(type, id, e);
      throw e;
    }
  }
}
