export interface LruStats {
  hits: number;
  misses: number;
  /** Bytes currently held (sum of `sizeOf` over the entries). */
  bytes: number;
  entries: number;
  evictions: number;
}

export interface LruCacheOptions<V> {
  /** Upper bound on the summed `sizeOf` of the entries. */
  maxBytes: number;
  /** Size of a value in bytes (e.g. `(b) => b.byteLength`). */
  sizeOf: (value: V) => number;
}

/**
 * A least-recently-used cache bounded in bytes. `get` and `set` make an entry the most recent; inserting evicts
 * the least recent entries until the new one fits. A value larger than `maxBytes` is not cached at all.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private readonly counters = { hits: 0, misses: 0, bytes: 0, evictions: 0 };
  readonly maxBytes: number;
  private readonly sizeOf: (value: V) => number;

  constructor(options: LruCacheOptions<V>) {
    if (!Number.isFinite(options.maxBytes) || options.maxBytes < 0) {
      throw new RangeError(`LruCache maxBytes must be a finite number ≥ 0, got ${options.maxBytes}`);
    }
    this.maxBytes = options.maxBytes;
    this.sizeOf = options.sizeOf;
  }

  get stats(): LruStats {
    return { ...this.counters, entries: this.map.size };
  }

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (!entry) {
      this.counters.misses++;
      return undefined;
    }
    this.counters.hits++;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  /** Stores the value; returns false (and drops any older value for the key) when it is too big to cache. */
  set(key: K, value: V): boolean {
    const size = this.sizeOf(value);
    if (!Number.isFinite(size) || size < 0) throw new RangeError(`LruCache sizeOf returned ${size}`);
    this.delete(key);
    if (size > this.maxBytes) return false;
    for (const [oldest, entry] of this.map) {
      if (this.counters.bytes + size <= this.maxBytes) break;
      this.map.delete(oldest);
      this.counters.bytes -= entry.size;
      this.counters.evictions++;
    }
    this.map.set(key, { value, size });
    this.counters.bytes += size;
    return true;
  }

  delete(key: K): boolean {
    const entry = this.map.get(key);
    if (!entry) return false;
    this.map.delete(key);
    this.counters.bytes -= entry.size;
    return true;
  }

  /** Empties the cache (the hit/miss/eviction counters are kept). */
  clear(): void {
    this.map.clear();
    this.counters.bytes = 0;
  }

  /** Keys from least to most recently used. */
  keys(): K[] {
    return [...this.map.keys()];
  }
}
