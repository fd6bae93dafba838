import { LRUCache } from 'lru-cache';
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
  /**
   * Most bytes kept, counting each entry's embedding and key text (prompts are user input, so their length
   * is bounded here too). Default 16 MiB.
   */
  maxBytes?: number;
}

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`TextEmbeddingCache: ${name} must be a positive integer, got ${value}`);
  }
  return value;
};

/**
 * In-memory LRU cache (`lru-cache`) of prompt embeddings (the normalized template average), keyed by
 * (model hash, template set, text), bounded in entries and in bytes. Values are copied in and out, so callers
 * cannot alter cached entries.
 */
export class TextEmbeddingCache {
  readonly maxEntries: number;
  readonly maxBytes: number;
  private readonly entries: LRUCache<string, Float32Array>;
  private hitCount = 0;
  private missCount = 0;

  constructor(options: TextEmbeddingCacheOptions = {}) {
    this.maxEntries = positiveInteger('maxEntries', options.maxEntries ?? 1024);
    this.maxBytes = positiveInteger('maxBytes', options.maxBytes ?? 16 * 2 ** 20);
    this.entries = new LRUCache({
      max: this.maxEntries,
      maxSize: this.maxBytes,
      // UTF-16 key characters count two bytes; +1 keeps the size positive, as lru-cache requires.
      sizeCalculation: (value, key) => value.byteLength + 2 * key.length + 1,
    });
  }

  private static keyOf(key: TextEmbeddingKey): string {
    return JSON.stringify([key.modelHash, key.set, key.text]);
  }

  /** A copy of the cached embedding (and marks it most recently used), or undefined. Counts hits/misses. */
  get(key: TextEmbeddingKey): Float32Array | undefined {
    const value = this.entries.get(TextEmbeddingCache.keyOf(key));
    if (value === undefined) {
      this.missCount++;
      return undefined;
    }
    this.hitCount++;
    return value.slice();
  }

  /** Stores a copy (an entry larger than maxBytes is not kept). */
  set(key: TextEmbeddingKey, embedding: Float32Array): void {
    this.entries.set(TextEmbeddingCache.keyOf(key), embedding.slice());
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

  get stats(): { hits: number; misses: number; size: number; bytes: number } {
    return {
      hits: this.hitCount,
      misses: this.missCount,
      size: this.entries.size,
      bytes: this.entries.calculatedSize,
    };
  }
}
