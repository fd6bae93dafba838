import { describe, expect, it } from 'vitest';
import { TextEmbeddingCache } from './cache';

const key = (text: string) => ({ modelHash: 'm', set: 'styleclip79' as const, text });

describe('TextEmbeddingCache', () => {
  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = new TextEmbeddingCache({ maxEntries: 2 });
    cache.set(key('a'), new Float32Array([1]));
    cache.set(key('b'), new Float32Array([2]));
    expect(cache.get(key('a'))).toEqual(new Float32Array([1])); // a is now most recent
    cache.set(key('c'), new Float32Array([3]));
    expect(cache.has(key('b'))).toBe(false);
    expect(cache.has(key('a'))).toBe(true);
    expect(cache.has(key('c'))).toBe(true);
    expect(cache.size).toBe(2);
  });

  it('keys on model hash, template set and exact text', () => {
    const cache = new TextEmbeddingCache();
    cache.set(key('face'), new Float32Array([1]));
    expect(cache.get({ modelHash: 'm2', set: 'styleclip79', text: 'face' })).toBeUndefined();
    expect(cache.get({ modelHash: 'm', set: 'clip80', text: 'face' })).toBeUndefined();
    expect(cache.get(key('Face'))).toBeUndefined();
    expect(cache.get(key('face'))).toBeDefined();
    expect(cache.stats).toMatchObject({ hits: 1, misses: 3, size: 1 });
  });

  it('copies values in and out', () => {
    const cache = new TextEmbeddingCache();
    const v = new Float32Array([1, 2]);
    cache.set(key('x'), v);
    v[0] = 9;
    const out = cache.get(key('x'))!;
    out[1] = 9;
    expect(cache.get(key('x'))).toEqual(new Float32Array([1, 2]));
  });

  it('bounds the bytes held, counting the embedding and the key text', () => {
    const entryBytes = (text: string): number =>
      4 * 512 + 2 * JSON.stringify(['m', 'styleclip79', text]).length + 1;
    const cache = new TextEmbeddingCache({ maxBytes: entryBytes('a') * 2 + 10 });
    cache.set(key('a'), new Float32Array(512));
    cache.set(key('b'), new Float32Array(512));
    expect(cache.stats).toMatchObject({ size: 2, bytes: entryBytes('a') * 2 });
    cache.set(key('c'), new Float32Array(512));
    expect([cache.has(key('a')), cache.has(key('b')), cache.has(key('c'))]).toEqual([false, true, true]);
    cache.set(key('x'.repeat(10_000)), new Float32Array(512)); // a huge prompt is larger than the bound
    expect(cache.has(key('x'.repeat(10_000)))).toBe(false);
    expect(cache.size).toBe(2);
  });

  it('rejects a bad size', () => {
    expect(() => new TextEmbeddingCache({ maxEntries: 0 })).toThrow(/maxEntries/);
    expect(() => new TextEmbeddingCache({ maxBytes: 1.5 })).toThrow(/maxBytes/);
  });
});
