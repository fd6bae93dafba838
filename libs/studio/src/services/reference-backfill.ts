import { DamagedRecords } from '../damaged-records';
import type { Logger } from '../log';
import { INDEX, type Storage } from '../storage';

/**
 * Images stored before reference markers existed hold their blobs without saying so. Before the first deletion
 * may remove a blob, every stored image gets its markers (a scan of the image records, once per store: then
 * `index/refs-complete` is written). Images written meanwhile add their own markers anyway; a marker left for an
 * image deleted during the scan only keeps a blob (never removes one).
 */
export class ReferenceBackfill {
  private done: Promise<void> | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
  ) {}

  /** Resolves once every stored image has its reference markers (scanning at most once per process). */
  ensure(): Promise<void> {
    this.done ??= this.run().catch((e: unknown) => {
      this.done = undefined; // a storage outage: try again next time
      throw e;
    });
    return this.done;
  }

  private async run(): Promise<void> {
    if (await this.storage.raw.exists(INDEX.refsComplete)) return;
    const t0 = performance.now();
    let images = 0;
    let cursor: string | undefined;
    do {
      const page = await this.storage.records.listIds('image', { limit: 200, ...(cursor ? { cursor } : {}) });
      await Promise.all(
        page.ids.map(async (id) => {
          const image = await this.storage.records.get('image', id).catch((e: unknown) => {
            if (DamagedRecords.is(e)) return undefined; // unreadable: its blobs stay (never removed without a proof)
            throw e;
          });
          if (!image) return;
          const keys = [INDEX.refs(image.value.png.sha256) + id];
          if (image.value.latentId) keys.push(INDEX.refs(image.value.latentId) + id);
          await this.storage.index(keys);
          images++;
        }),
      );
      cursor = page.nextCursor;
    } while (cursor);
    await this.storage.index([INDEX.refsComplete]);
    this.log.info(
      { images, ms: Math.round(performance.now() - t0) },
      'reference markers written for images stored before them',
    );
  }
}
