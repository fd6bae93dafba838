import {
  CachedBlobStore,
  contentKey,
  contentTypeForKey,
  validateKey,
  createBlobStore,
  sha256Hex,
  type BlobStore,
  type BlobStoreConfig,
} from '@styleclip/storage';
import { createRecordStore, type BlobRef, type StudioRecords } from './records';

/**
 * Storage as the product uses it: the configured BlobStore (fs or S3), an in-memory cache for immutable
 * content-addressed blobs, the records, and index entries. Every process (API, workers, CLI) sharing the same
 * store sees the same product: the store is the source of truth.
 *
 * Layout:
 * - `blobs/<kind>/<h2>/<hash>.<ext>`: content-addressed bytes (PNG images, `.npy` latents and directions,
 *   trained mappers as `.onnx` and official `.pt` checkpoints), immutable.
 * - `records/<type>/<id>.json`: versioned records (image, latent, edit, job, upload, image-hash, directions).
 * - `index/...`: empty marker blobs whose keys list records in a useful order. Ids sort newest first, so
 *   listing an index prefix in key order pages newest first (S3 ListObjects with a marker; no scans):
 *   - `index/images/<bucket>/<imageId>` for the gallery (bucket = base | generated | uploaded | edited),
 *   - `index/methods/<global|mapper>/<imageId>.<editId>` (images having an edit of a method),
 *   - `index/edits/<imageId>/<editId>` (edits of an image),
 *   - `index/mappers/<modelSetId>/<name>` (mappers trained for a set; records `mapper/<modelSetId>.<name>`).
 *   - `index/refs/<sha256>/<holderId>`: who refers to a content blob (images to their PNG and latent, jobs to
 *     their previews); a blob with no holder left may be deleted (see `putContent`, DeletionService).
 * - `uploads/<uploadId>.bin`: raw uploaded bytes until `completeUpload` processes them.
 * - `jobs/<jobId>/…`: a job's partial results (e.g. fs3 chunks of a precompute), so a job resumes on any worker
 *   after a crash; removed when the job ends.
 *
 * Write order for anything made of several objects: blobs first, then index entries, then the record that
 * makes it visible (last). Readers skip index entries whose record is missing, so a failure half-way (storage
 * outage) leaves nothing visible and nothing half-written.
 */
export class Storage {
  readonly blobs: BlobStore;
  readonly records: StudioRecords;

  constructor(
    /** The configured store (possibly wrapped, e.g. by tests). */
    readonly raw: BlobStore,
    readonly kind: 'fs' | 's3',
    private readonly o: { cacheBytes: number; urlTtlSeconds: number; publicUrl: () => string },
  ) {
    this.blobs =
      o.cacheBytes > 0
        ? new CachedBlobStore(raw, { maxBytes: o.cacheBytes, shouldCache: (k) => k.startsWith('blobs/') })
        : raw;
    this.records = createRecordStore(this.blobs);
  }

  /**
   * Writes bytes under their content hash (idempotent) and returns the reference to keep in a record. `holder`
   * (a record id) declares that it refers to the blob: its reference marker is written BEFORE the blob, so a
   * deletion that finds no holder left (see `references`) can never remove a blob a writer is about to use (the
   * writer's own put restores it, or the deleter sees the marker). Blobs written without a holder are never
   * deleted (directions); anything that keeps an image or latent blob must name itself.
   */
  async putContent(
    kind: 'images' | 'latents' | 'directions' | 'mappers',
    bytes: Uint8Array,
    ext: 'png' | 'npy' | 'onnx' | 'pt',
    holder?: string,
  ): Promise<BlobRef> {
    const sha256 = sha256Hex(bytes);
    const key = contentKey(kind, sha256, ext);
    if (holder !== undefined) await this.index([INDEX.refs(sha256) + holder]);
    await this.blobs.put(key, bytes, {
      contentType: ext === 'png' ? 'image/png' : 'application/octet-stream',
    });
    return { key, sha256, bytes: bytes.byteLength };
  }

  /** Whether any holder still refers to the content `sha256` (a reference marker exists). */
  async referenced(sha256: string): Promise<boolean> {
    return (await this.listIndex(INDEX.refs(sha256), undefined, 1)).names.length > 0;
  }

  /** A URL for a content blob: presigned on S3, served by the API (`/files/<key>`) otherwise. */
  async url(key: string): Promise<string> {
    const presigned = await this.blobs.url(key, { expiresIn: this.o.urlTtlSeconds });
    return presigned ?? `${this.o.publicUrl()}/files/${key}`;
  }

  /**
   * A content blob as a file the API may serve (`/files/<key>`): only `blobs/…` keys, valid ones; undefined for
   * anything else or a missing blob. Content never changes, so its hash serves as an ETag.
   */
  async publicBlob(
    key: string,
  ): Promise<{ bytes: Uint8Array; contentType: string; etag: string } | undefined> {
    if (!this.isPublicKey(key)) return undefined;
    const bytes = await this.blobs.get(key);
    if (!bytes) return undefined;
    return { bytes, contentType: contentTypeForKey(key), etag: Storage.etagOf(key) };
  }

  /** Whether a key names a content blob (the only keys served as files). */
  isPublicKey(key: string): boolean {
    if (!key.startsWith('blobs/')) return false;
    try {
      validateKey(key);
      return true;
    } catch {
      return false;
    }
  }

  /** The ETag of a content blob: its hash (from its key). */
  static etagOf(key: string): string {
    return `"${key.slice(key.lastIndexOf('/') + 1, key.lastIndexOf('.'))}"`;
  }

  /** Adds index entries (empty marker blobs). */
  async index(keys: readonly string[]): Promise<void> {
    await Promise.all(
      keys.map((k) => this.blobs.put(k, new Uint8Array(0), { contentType: 'application/octet-stream' })),
    );
  }

  /**
   * Names under an index prefix in key order (newest first for our ids), after `after` (a name), `limit` at
   * most, with whether more follow.
   */
  async listIndex(
    prefix: string,
    after: string | undefined,
    limit: number,
  ): Promise<{ names: string[]; more: boolean }> {
    const page = await this.blobs.list(prefix, {
      limit: Math.min(1000, limit),
      ...(after !== undefined ? { cursor: prefix + after } : {}),
    });
    return { names: page.keys.map((k) => k.slice(prefix.length)), more: page.nextCursor !== undefined };
  }

  /** Reachability probe for readiness (a HEAD of a key that need not exist). */
  async ping(): Promise<void> {
    await this.raw.head('health/probe');
  }

  close(): void {
    const closable = this.raw as BlobStore & { close?: () => void };
    closable.close?.();
  }
}

export const INDEX = {
  images: (bucket: 'base' | 'generated' | 'uploaded' | 'edited') => `index/images/${bucket}/`,
  methods: (method: 'global' | 'mapper' | 'optimize') => `index/methods/${method}/`,
  edits: (imageId: string) => `index/edits/${imageId}/`,
  mappers: (modelSetId: string) => `index/mappers/${modelSetId}/`,
  /** Holders of a content blob (`<holder id>` entries), by its sha256: what deletion counts references with. */
  refs: (sha256: string) => `index/refs/${sha256}/`,
  /** Written once every record from before reference markers has its markers (see DeletionService). */
  refsComplete: 'index/refs-complete',
} as const;

export function createStorage(
  config: BlobStoreConfig,
  o: {
    cacheBytes: number;
    urlTtlSeconds: number;
    publicUrl: () => string;
    wrap?: (store: BlobStore) => BlobStore;
  },
): Storage {
  const store = createBlobStore(config);
  return new Storage(o.wrap ? o.wrap(store) : store, config.kind, o);
}
