import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache';

const bytes = (n: number): Uint8Array => new Uint8Array(n);
const cache = (maxBytes: number) =>
  new LruCache<string, Uint8Array>({ maxBytes, sizeOf: (b) => b.byteLength });

describe('LruCache', () => {
  it('stays within its byte bound, evicting least recently used first', () => {
    const c = cache(100);
    c.set('a', bytes(40));
    c.set('b', bytes(40));
    expect(c.get('a')?.length).toBe(40); // a is now more recent than b
    c.set('c', bytes(40)); // 120 > 100: evict b
    expect(c.keys()).toEqual(['a', 'c']);
    expect(c.stats.bytes).toBe(80);
    c.set('d', bytes(90)); // needs both out
    expect(c.keys()).toEqual(['d']);
    expect(c.stats).toEqual({ hits: 1, misses: 0, bytes: 90, entries: 1, evictions: 3 });
  });

  it('counts hits and misses', () => {
    const c = cache(10);
    c.set('x', bytes(1));
    c.get('x');
    c.get('x');
    c.get('y');
    expect(c.stats).toMatchObject({ hits: 2, misses: 1 });
  });

  it('does not cache values larger than the bound, and drops the stale value for that key', () => {
    const c = cache(10);
    c.set('k', bytes(5));
    expect(c.set('k', bytes(11))).toBe(false);
    expect(c.has('k')).toBe(false);
    expect(c.stats.bytes).toBe(0);
  });

  it('replacing a key updates the byte count; delete and clear release bytes', () => {
    const c = cache(100);
    c.set('k', bytes(30));
    c.set('k', bytes(10));
    expect(c.stats).toMatchObject({ bytes: 10, entries: 1, evictions: 0 });
    c.set('j', bytes(20));
    expect(c.delete('k')).toBe(true);
    expect(c.delete('k')).toBe(false);
    expect(c.stats.bytes).toBe(20);
    c.clear();
    expect(c.stats).toMatchObject({ bytes: 0, entries: 0 });
  });

  it('refuses a bad bound', () => {
    expect(() => cache(Number.NaN)).toThrow(/maxBytes/);
  });
});
