import { describe, expect, it } from 'vitest';
import { contentKey, sha256Hex } from './content-address';
import { StorageError } from './errors';

describe('content addressing', () => {
  it('hashes bytes with sha256 (known vectors)', () => {
    expect(sha256Hex(new Uint8Array(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('builds fanned-out keys', () => {
    const hash = sha256Hex(new TextEncoder().encode('abc'));
    expect(contentKey('images', hash, 'png')).toBe(`blobs/images/ba/${hash.slice(2)}.png`);
    expect(contentKey('latents', hash, '.bin')).toBe(`blobs/latents/ba/${hash.slice(2)}.bin`);
  });

  it('refuses bad kinds, hashes and extensions', () => {
    const hash = 'a'.repeat(64);
    for (const [kind, h, ext] of [
      ['Images', hash, 'png'],
      ['../x', hash, 'png'],
      ['images', 'A'.repeat(64), 'png'],
      ['images', 'abc', 'png'],
      ['images', hash, 'p/ng'],
      ['images', hash, ''],
    ] as const) {
      expect(() => contentKey(kind, h, ext)).toThrow(StorageError);
    }
  });
});
