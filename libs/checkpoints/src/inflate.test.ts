import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflatePrefix, type CompressedReader } from './inflate';
import { deflatedZeros, GiB } from './test-helpers/bombs';

/** A reader over `bytes` that records how many compressed bytes were asked for. */
function reader(bytes: Uint8Array): CompressedReader & { asked: number } {
  const read = Object.assign(
    (offset: number, length: number) => {
      read.asked += length;
      return Promise.resolve(bytes.slice(offset, offset + length));
    },
    { asked: 0 },
  );
  return read;
}

describe('inflatePrefix', () => {
  it('inflates a whole stream, or stops at the limit', async () => {
    const data = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 13) % 251);
    const deflated = new Uint8Array(deflateRawSync(data));
    expect(await inflatePrefix(reader(deflated), deflated.length, data.length + 1)).toEqual(data);
    expect(await inflatePrefix(reader(deflated), deflated.length, 1000)).toEqual(data.subarray(0, 1000));
    expect(await inflatePrefix(reader(deflated), deflated.length, 0)).toEqual(new Uint8Array(0));
  });

  it('reads only the compressed bytes it needs from a bomb', async () => {
    const bomb = deflatedZeros(2 * GiB); // ~2 MB that inflate to 2 GiB
    const read = reader(bomb);
    expect(await inflatePrefix(read, bomb.length, 100)).toEqual(new Uint8Array(100));
    expect(read.asked).toBeLessThanOrEqual(1 << 20); // one input chunk of the ~2 MB
  });

  it('passes on zlib errors and read errors', async () => {
    const garbage = new Uint8Array(64).fill(0xff);
    await expect(inflatePrefix(reader(garbage), garbage.length, 1000)).rejects.toThrow(/invalid/i);
    const failing: CompressedReader = () => Promise.reject(new Error('disk gone'));
    await expect(inflatePrefix(failing, 100, 1000)).rejects.toThrow('disk gone');
    const cut = new Uint8Array(deflateRawSync(new Uint8Array(10_000).fill(7))).subarray(0, 5);
    await expect(inflatePrefix(reader(cut), cut.length, 20_000)).rejects.toThrow(/unexpected end/i);
  });
});
