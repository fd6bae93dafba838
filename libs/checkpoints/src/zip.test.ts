import { describe, expect, it } from 'vitest';
import { bytesSource } from './source';
import { openZip, type ZipArchive, type ZipEntry } from './zip';
import { encodeZip } from './zip-write';
import { bombEntry, GiB } from './test-helpers/bombs';
import { crc32 } from './crc32';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const big = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7) % 13);
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
const readAll = (zip: ZipArchive, entry: ZipEntry): Promise<Uint8Array> =>
  zip.read(entry, 1 << 20, 'this test allows');

describe('zip reader', () => {
  it('reads stored and deflated entries, zip64 records and aligned local headers', async () => {
    for (const options of [{}, { zip64: true }, { align: 64 }]) {
      const bytes = encodeZip(
        [
          { name: 'top/a.txt', data: text('hello') },
          { name: 'top/big.bin', data: big, deflate: true },
          { name: 'top/data/0', data: Uint8Array.from([1, 2, 3, 4]) },
        ],
        options,
      );
      const zip = await openZip(bytesSource(bytes, 'x.zip'));
      expect(zip.entries.map((e) => e.name)).toEqual(['top/a.txt', 'top/big.bin', 'top/data/0']);
      expect(await readAll(zip, zip.get('top/a.txt')!)).toEqual(text('hello'));
      expect(same(await readAll(zip, zip.get('top/big.bin')!), big)).toBe(true);
      expect((await zip.readPrefix(zip.get('top/big.bin')!, 10)).subarray(0, 10)).toEqual(
        big.subarray(0, 10),
      );
      const entry = zip.get('top/data/0')!;
      expect(await zip.readRange(entry, 1, 2)).toEqual(Uint8Array.from([2, 3]));
      if ('align' in options) expect((await zip.dataOffset(entry)) % 64).toBe(0);
    }
  });

  it('takes the data offset from the local header, whose extra field differs from the central one', async () => {
    const bytes = encodeZip([{ name: 'a', data: text('xyz') }], { align: 64 });
    const zip = await openZip(bytesSource(bytes, 'x.zip'));
    expect(await zip.dataOffset(zip.entries[0]!)).toBe(64);
    expect(await readAll(zip, zip.entries[0]!)).toEqual(text('xyz'));
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
  });

  it('explains truncated and corrupt archives', async () => {
    const bytes = encodeZip([{ name: 'a', data: text('hello world') }]);
    await expect(openZip(bytesSource(bytes.subarray(0, bytes.length - 30), 'cut.zip'))).rejects.toThrow(
      /^cut\.zip: truncated or corrupt zip: no end-of-central-directory record in the last \d+ bytes/,
    );
    const broken = bytes.slice();
    broken[0] = 0; // local header signature
    const zip = await openZip(bytesSource(broken, 'broken.zip'));
    await expect(readAll(zip, zip.entries[0]!)).rejects.toThrow(
      /^broken\.zip: corrupt zip: no local header for a at offset 0$/,
    );
    const badDeflate = encodeZip([{ name: 'd', data: big, deflate: true }]);
    badDeflate.fill(0xff, 40, 60);
    const z2 = await openZip(bytesSource(badDeflate, 'bad.zip'));
    await expect(readAll(z2, z2.entries[0]!)).rejects.toThrow(
      /^bad\.zip: corrupt zip: (cannot inflate d|d inflated to)/,
    );
  });

  it("never inflates past the declared size, the caller's limit or the absolute cap", async () => {
    const bytes = encodeZip([
      { name: 'honest', data: big, deflate: true },
      bombEntry('lying', 64 * 2 ** 20, { declared: 100 }),
      bombEntry('huge', 2 * GiB),
    ]);
    const zip = await openZip(bytesSource(bytes, 'x.zip'));
    await expect(zip.read(zip.get('honest')!, 1000, 'the caller needs')).rejects.toThrow(
      /^x\.zip: zip entry honest declares 20000 bytes, more than the 1000 bytes the caller needs$/,
    );
    await expect(readAll(zip, zip.get('lying')!)).rejects.toThrow(
      /^x\.zip: corrupt zip: lying inflates past the 100 bytes its zip header declares \(a zip bomb\?\)$/,
    );
    await expect(zip.read(zip.get('huge')!, 4 * GiB, 'anything')).rejects.toThrow(
      /huge would inflate to 2147483648 bytes, more than the 1073741824 allowed for one compressed entry/,
    );
    // A prefix inflates only as far as asked, whatever the entry declares.
    expect(await zip.readPrefix(zip.get('huge')!, 10)).toEqual(new Uint8Array(10));
    expect((await zip.readPrefix(zip.get('lying')!, 1e6)).length).toBe(100);
  });
});
