import type { BlobStore } from '@styleclip/storage';

/**
 * A job's partial results in the blob store (`jobs/<jobId>/<name>`): what lets a job that died, was stopped or
 * moved to another worker resume instead of starting over. Names are `/`-separated segments of
 * `[A-Za-z0-9_.-]`. Writes are atomic (the store's), so a name either holds a whole result or nothing.
 */
export class JobScratch {
  readonly prefix: string;

  constructor(
    private readonly blobs: BlobStore,
    readonly jobId: string,
  ) {
    this.prefix = `jobs/${jobId}/`;
  }

  key(name: string): string {
    return this.prefix + name;
  }

  get(name: string): Promise<Uint8Array | undefined> {
    return this.blobs.get(this.key(name));
  }

  async put(name: string, bytes: Uint8Array): Promise<void> {
    await this.blobs.put(this.key(name), bytes, { contentType: 'application/octet-stream' });
  }

  exists(name: string): Promise<boolean> {
    return this.blobs.exists(this.key(name));
  }

  /** Names under `prefix` (relative to the job's folder), in key order. */
  async list(prefix = ''): Promise<string[]> {
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.blobs.list(this.prefix + prefix, { ...(cursor ? { cursor } : {}) });
      names.push(...page.keys.map((k) => k.slice(this.prefix.length)));
      cursor = page.nextCursor;
    } while (cursor);
    return names;
  }

  /** Removes everything the job stored (when it has ended). */
  async clear(): Promise<void> {
    for (const name of await this.list()) await this.blobs.delete(this.key(name));
  }
}
