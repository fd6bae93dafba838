import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FaceModelError } from '../errors';
import { DEBIAN_DETECTOR_HEADER_PATH } from '../limits';
import { serializedDetectorFromHeader } from '../models/detector-header';
import { DlibReader } from './byte-reader';
import { crc32 } from './crc32';
import { decompressDlib } from './decompress';

const reader = (...bytes: number[]) => new DlibReader(new Uint8Array(bytes), 'test');

describe('DlibReader (dlib/serialize.h)', () => {
  it('reads integers: control byte (sign bit, byte count) then little-endian bytes', () => {
    expect(reader(0x01, 0x05).int('x')).toBe(5);
    expect(reader(0x81, 0x05).int('x')).toBe(-5);
    expect(reader(0x02, 0x34, 0x12).uint('x')).toBe(0x1234);
    expect(reader(0x01, 0x00).uint('x')).toBe(0);
  });

  it('reads float_details (mantissa · 2^exponent) into float and double', () => {
    // 3 · 2^-1 = 1.5
    expect(reader(0x01, 0x03, 0x81, 0x01).double('x')).toBe(1.5);
    // 0.1 as a double's 53-bit mantissa: the float reading rounds the mantissa to 24 bits first.
    const m = 0x1999999999999a; // 0.1 = m · 2^-56
    const bytes = [0x07, ...Array.from({ length: 7 }, (_, i) => Math.floor(m / 256 ** i) % 256), 0x81, 56];
    expect(new DlibReader(new Uint8Array(bytes), 't').double('x')).toBe(0.1);
    expect(new DlibReader(new Uint8Array(bytes), 't').float('x')).toBe(Math.fround(0.1));
    const floats = new Float32Array(2);
    new DlibReader(new Uint8Array([...bytes, 0x81, 0x03, 0x01, 0x02]), 't').floats('x', floats, 0, 2);
    expect(Array.from(floats)).toEqual([Math.fround(0.1), -12]);
  });

  it('refuses what a hostile or broken file would carry, naming the field', () => {
    expect(() => reader(0x02, 0x01).int('count')).toThrow(/count: unexpected end of file/);
    expect(() => reader(0x05, 1, 2, 3, 4, 5).int('version')).toThrow(/version: bad integer control byte/); // 5 bytes for an int
    expect(() => reader(0x00).uint('n')).toThrow(/bad unsigned integer control byte/);
    expect(() => reader(0x31, 0x2e).double('w')).toThrow(/old text format/);
    expect(() => reader(0x01, 0x01, 0x02, 0x00, 0x7d).double('w')).toThrow(/infinite or NaN/); // exponent 32000
    expect(() => reader(0x03, 0xff, 0xff, 0xff).count('trees', 1e9, 4)).toThrow(
      /declares 16777215 elements but only 0 bytes are left/,
    );
    expect(() => reader(0x03, 0xff, 0xff, 0xff).count('trees', 1000, 4)).toThrow(FaceModelError);
  });
});

describe("dlib's compress_stream (kernel_1ea) and the header's embedded detector", () => {
  const header = readFileSync(DEBIAN_DETECTOR_HEADER_PATH, 'latin1');

  it('decompresses the embedded detector with a valid CRC', () => {
    const bytes = serializedDetectorFromHeader(header, 'header');
    expect(bytes.length).toBe(155005);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926); // the CRC-32 check value
  });

  it('detects corrupt and truncated data, and bounds the output', () => {
    const literals = [...header.matchAll(/sout << "([^"]*)";/g)].map((m) => m[1]!).join('');
    const compressed = new Uint8Array(Buffer.from(literals, 'base64'));
    const corrupt = compressed.slice();
    corrupt[5000] = corrupt[5000]! ^ 0x40;
    expect(() => decompressDlib(corrupt, 1 << 20, 'x')).toThrow(
      /compressed data: (CRC mismatch|sync marker mismatch)/,
    );
    expect(() => decompressDlib(compressed.subarray(0, 20000), 1 << 20, 'x')).toThrow(FaceModelError);
    expect(() => decompressDlib(compressed, 1000, 'x')).toThrow(/decompresses to more than 1000 bytes/);
    expect(() => serializedDetectorFromHeader('// not the header', 'x.h')).toThrow(
      /is this dlib's frontal_face_detector.h/,
    );
    expect(() => serializedDetectorFromHeader(header.replace(/sout << "A/, 'sout << "!'), 'x.h')).toThrow(
      /not valid base64/,
    );
  });
});
