import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { contentHashOfKey, contentKey, sha256Hex, verifiedStream, verifyContent } from './content-address';
import { isStorageError, StorageError } from './errors';

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

  it('reads the hash back from a content key, and only from one', () => {
    const hash = sha256Hex(new TextEncoder().encode('abc'));
    expect(contentHashOfKey(contentKey('images', hash, 'png'))).toBe(hash);
    for (const key of [
      `records/images/${hash.slice(0, 2)}/${hash.slice(2)}.png`,
      `blobs/images/${hash.slice(0, 2)}/${hash.slice(2)}`,
      `blobs/images/${hash.slice(0, 3)}/${hash.slice(3)}.png`,
      `blobs/images/${hash.slice(0, 2)}/${hash.slice(2).toUpperCase()}.png`,
      `blobs/a/b/${hash.slice(0, 2)}/${hash.slice(2)}.png`,
    ]) {
      expect(contentHashOfKey(key), key).toBeUndefined();
    }
  });

  it('verifies bytes and streams against the hash their key names', async () => {
    const bytes = new TextEncoder().encode('abc');
    const key = contentKey('images', sha256Hex(bytes), 'png');
    expect(verifyContent(key, 'test', bytes)).toBe(bytes);
    expect(() => verifyContent(key, 'test', new TextEncoder().encode('abd'))).toThrow(
      /^test: blob "blobs\/images\/ba\/.*\.png" is damaged: its bytes hash to sha256 [0-9a-f]{64}, its key names ba7816bf/,
    );
    expect(verifyContent('records/x.json', 'test', bytes)).toBe(bytes);
    const drain = async (r: Readable): Promise<string> => {
      let out = '';
      for await (const c of r) out += String(c);
      return out;
    };
    expect(
      await drain(verifiedStream(key, 'test', Readable.from([Buffer.from('a'), Buffer.from('bc')]))),
    ).toBe('abc');
    const error = await drain(verifiedStream(key, 'test', Readable.from([Buffer.from('abd')]))).catch(
      (e) => e,
    );
    expect(isStorageError(error, 'content_mismatch')).toBe(true);
  });
});
