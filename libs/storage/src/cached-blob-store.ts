import type { Readable } from 'node:stream';
import { LRUCache } from 'lru-cache';
import type {
  BlobBody,
  BlobInfo,
  BlobStore,
  ListOptions,
  ListPage,
  PresignedPut,
  PresignPutOptions,
  PutOptions,
  PutResult,
} from './blob-store';

export interface LruStats {
  hits: number;
  misses: number;
  /** Bytes currently held (an empty blob counts as one). */
  bytes: number;
  entries: number;
  evictions: number;
}

export interface CachedBlobStoreOptions {
  /** Memory bound of the cache (a positive integer). */
  maxBytes: number;
  /** Blobs larger than this are not cached (default: maxBytes / 4). */
  maxEntryBytes?: number;
  /** Which keys may be cached (default: all). Cache only what other processes do not rewrite. */
  shouldCache?: (key: string) => boolean;
}

/**
 * A BlobStore that keeps `get` results in an in-memory LRU bounded in bytes. Writes and deletes through it
 * invalidate the key. It cannot see writes made by other processes, so across containers cache only
 * immutable keys (content-addressed blobs) via `shouldCache`. `get` returns a copy, so callers may mutate it.
 */
export class CachedBlobStore implements BlobStore {
  readonly description: string;
  private readonly cache: LRUCache<string, Uint8Array>;
  private readonly shouldCache: (key: string) => boolean;
  private readonly counters = { hits: 0, misses: 0, evictions: 0 };
  /** Bumped by every write; a `get` that raced a write does not fill the cache with what it read. */
  private writes = 0;

  constructor(
    readonly inner: BlobStore,
    options: CachedBlobStoreOptions,
  ) {
    if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes < 1) {
      throw new RangeError(`CachedBlobStore maxBytes must be a positive integer, got ${options.maxBytes}`);
    }
    this.cache = new LRUCache({
      maxSize: options.maxBytes,
      maxEntrySize: options.maxEntryBytes ?? Math.max(1, Math.floor(options.maxBytes / 4)),
      // lru-cache sizes are positive integers: an empty blob counts as one byte.
      sizeCalculation: (bytes) => Math.max(1, bytes.byteLength),
      dispose: (_bytes, _key, reason) => {
        if (reason === 'evict') this.counters.evictions++;
      },
    });
    this.shouldCache = options.shouldCache ?? (() => true);
    this.description = `${inner.description} (cached, ${options.maxBytes} bytes)`;
  }

  get stats(): LruStats {
    return { ...this.counters, bytes: this.cache.calculatedSize, entries: this.cache.size };
  }

  /** Drops every cached blob. */
  clear(): void {
    this.cache.clear();
  }

  put(key: string, body: BlobBody, options?: PutOptions): Promise<PutResult> {
    return this.invalidating(key, () => this.inner.put(key, body, options));
  }

  /**
   * Runs a write to `key` with the key uncached before and after it, counting the write on both sides so
   * a read that overlapped it does not cache what it saw.
   */
  private async invalidating<T>(key: string, write: () => Promise<T>): Promise<T> {
    this.writes++;
    this.cache.delete(key);
    try {
      return await write();
    } finally {
      this.writes++;
      this.cache.delete(key);
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const cached = this.cache.get(key);
    if (cached) {
      this.counters.hits++;
      return cached.slice();
    }
    this.counters.misses++;
    const writesBefore = this.writes;
    // The inner store verifies content keys against their hash, so damaged bytes throw here, never cached.
    const bytes = await this.inner.get(key);
    // Blobs over maxEntryBytes are not stored by the cache.
    if (bytes && this.writes === writesBefore && this.shouldCache(key)) this.cache.set(key, bytes.slice());
    return bytes;
  }

  getStream(key: string): Promise<Readable | undefined> {
    return this.inner.getStream(key);
  }

  head(key: string): Promise<BlobInfo | undefined> {
    return this.inner.head(key);
  }

  async exists(key: string): Promise<boolean> {
    return this.cache.has(key) || this.inner.exists(key);
  }

  delete(key: string): Promise<void> {
    return this.invalidating(key, () => this.inner.delete(key));
  }

  list(prefix: string, options?: ListOptions): Promise<ListPage> {
    return this.inner.list(prefix, options);
  }

  url(key: string, options: { expiresIn: number }): Promise<string | undefined> {
    return this.inner.url(key, options);
  }

  presignPut(key: string, options: PresignPutOptions): Promise<PresignedPut | undefined> {
    return this.inner.presignPut(key, options);
  }
}
