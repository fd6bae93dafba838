import { describe, expect, it } from 'vitest';
import { describeBytes, detectFormat } from './format';

describe('detectFormat', () => {
  it('recognises png, jpeg and webp by magic bytes only', () => {
    expect(detectFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(detectFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(detectFormat(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 '))).toBe('webp');
    expect(detectFormat(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt '))).toBeNull();
    expect(detectFormat(Buffer.from('GIF89a'))).toBeNull();
    expect(detectFormat(new Uint8Array([0x89, 0x50]))).toBeNull();
  });
  it('describes refused bytes', () => {
    expect(describeBytes(Buffer.from('GIF87a'))).toMatch(/GIF/);
    expect(describeBytes(new Uint8Array(0))).toMatch(/empty/);
    expect(describeBytes(Buffer.from('abc'))).toMatch(/61 62 63/);
  });
});
