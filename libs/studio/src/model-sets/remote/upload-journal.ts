import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a multipart upload in progress has sent, kept on the pushing machine so an interrupted push continues with
 * the same upload instead of starting over: the upload id and the ETag of every part S3 acknowledged. One file per
 * destination object, written atomically after each part.
 */
export interface UploadJournal {
  bucket: string;
  key: string;
  uploadId: string;
  /** The file being sent (a different file under the same key starts a new upload). */
  sha256: string;
  bytes: number;
  partSize: number;
  /** Part number → ETag. */
  parts: Record<number, string>;
}

/** Default folder of the journals: beside the OS's temporary files, so they outlive the process. */
export const defaultJournalDir = (): string => join(tmpdir(), 'styleclip-push');

export class UploadJournals {
  constructor(readonly dir: string = defaultJournalDir()) {}

  private path(bucket: string, key: string): string {
    return join(
      this.dir,
      `${createHash('sha256').update(`${bucket}/${key}`).digest('hex').slice(0, 32)}.json`,
    );
  }

  /** The journal of an upload of exactly this file to this object, if one was left by an earlier run. */
  async find(want: Omit<UploadJournal, 'uploadId' | 'parts'>): Promise<UploadJournal | undefined> {
    try {
      const j = JSON.parse(await readFile(this.path(want.bucket, want.key), 'utf8')) as UploadJournal;
      const same =
        j.bucket === want.bucket &&
        j.key === want.key &&
        j.sha256 === want.sha256 &&
        j.bytes === want.bytes &&
        j.partSize === want.partSize &&
        typeof j.uploadId === 'string' &&
        typeof j.parts === 'object';
      return same ? j : undefined;
    } catch {
      return undefined;
    }
  }

  async save(j: UploadJournal): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = this.path(j.bucket, j.key);
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(j));
    await rename(tmp, path);
  }

  async drop(bucket: string, key: string): Promise<void> {
    await rm(this.path(bucket, key), { force: true });
  }
}
