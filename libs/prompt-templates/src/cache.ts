import type { TemplateSet } from './templates';

export interface TextEmbeddingKey {
  /** Identifies the CLIP text encoder (e.g. the hash of its weights or ONNX file). */
  modelHash: string;
  set: TemplateSet;
  /** The prompt text, exactly as given. */
  text: string;
}

export interface TextEmbeddingCacheOptions {
  /** Most prompt embeddings kept; the least recently used is dropped first. Default 1024 (~2 MB at D=512). */
  maxEntries?: number;
}

/**
 * In-memory LRU cache of prompt embeddings (the normalized template average), keyed by
 * (model hash, template set, text). Values are copied in and out, so callers cannot alter cached entries.
 */
export class TextEmbeddingCache {
  readonly maxEntries: number;
  private readonly entries = new Map<string, Float32Array>();
  private hitCount = 0;
  private missCount = 0;

  constructor(options: TextEmbeddingCacheOptions = {}) {
    const { maxEntries = 1024 } = options;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new Error(`TextEmbeddingCache: maxEntries must be a positive integer, got ${maxEntries}`);
    }
    this.maxEntries = maxEntries;
  }

  private static keyOf(key: TextEmbeddingKey): string {
    return JSON.stringify([key.modelHash, key.set, key.text]);
  }

  /** A copy of the cached embedding (and marks it most recently used), or undefined. Counts hits/misses. */
  get(key: TextEmbeddingKey): Float32Array | undefined {
    const k = TextEmbeddingCache.keyOf(key);
    const value = this.entries.get(k);
    if (value === undefined) {
      this.missCount++;
      return undefined;
    }
    this.hitCount++;
    this.entries.delete(k);
    this.entries.set(k, value);
    return value.slice();
  }

  set(key: TextEmbeddingKey, embedding: Float32Array): void {
    const k = TextEmbeddingCache.keyOf(key);
    this.entries.delete(k);
    this.entries.set(k, embedding.slice());
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Whether an entry exists (does not count as a hit or change recency). */
  has(key: TextEmbeddingKey): boolean {
    return this.entries.has(TextEmbeddingCache.keyOf(key));
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  get stats(): { hits: number; misses: number; size: number } {
    return { hits: this.hitCount, misses: this.missCount, size: this.entries.size };
  }
}
