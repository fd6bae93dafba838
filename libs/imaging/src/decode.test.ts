import { deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '@styleclip/testing';
import { decodeImage, toRgba } from './decode';
import { ImageError } from './errors';

// --- PNG crafting (so tests control every header byte) ---
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array, badCrc = false): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((crc32(body) ^ (badCrc ? 1 : 0)) >>> 0, 8 + data.length);
  return out;
}
/** A PNG whose IHDR claims width×height RGB 8-bit, with a tiny IDAT (a decompression bomb's header). */
function craftPng(width: number, height: number, badCrc = false): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // depth 8, colour type 2 (RGB), deflate, filter 0, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr, badCrc),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
function noise(w: number, h: number, channels: number, seed = 1): Buffer {
  const r = seededRandom(seed);
  return Buffer.from(Array.from({ length: w * h * channels }, () => Math.floor(r.next() * 256)));
}
async function refused(p: Promise<unknown>): Promise<ImageError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImageError);
    return e as ImageError;
  }
  throw new Error('expected an ImageError');
}

describe('decodeImage', () => {
  it('decodes a PNG exactly, with format, size and the sha256 of the bytes', async () => {
    const raw = noise(5, 4, 3);
    const png = await sharp(raw, { raw: { width: 5, height: 4, channels: 3 } })
      .png()
      .toBuffer();
    const img = await decodeImage(png);
    expect([img.format, img.width, img.height, img.alpha]).toEqual(['png', 5, 4, null]);
    expect(Buffer.from(img.rgb).equals(raw)).toBe(true);
    expect(img.sha256).toBe(createHash('sha256').update(png).digest('hex'));
  });

  it('keeps the alpha plane separately and the stored RGB of transparent pixels', async () => {
    const raw = noise(3, 2, 4);
    raw[3] = 0;
    const png = await sharp(raw, { raw: { width: 3, height: 2, channels: 4 } })
      .png()
      .toBuffer();
    const img = await decodeImage(png);
    expect(img.alpha?.[0]).toBe(0);
    expect(Buffer.from(toRgba(img).data).equals(raw)).toBe(true);
  });

  it('replicates greyscale to RGB and decodes jpeg and webp', async () => {
    const grey = noise(4, 4, 1);
    const png = await sharp(grey, { raw: { width: 4, height: 4, channels: 1 } })
      .png()
      .toBuffer();
    const g = await decodeImage(png);
    expect([...g.rgb.subarray(0, 6)]).toEqual([grey[0], grey[0], grey[0], grey[1], grey[1], grey[1]]);
    const rgb = sharp(noise(8, 6, 3), { raw: { width: 8, height: 6, channels: 3 } });
    const jpeg = await decodeImage(await rgb.clone().jpeg().toBuffer());
    const webp = await decodeImage(await rgb.clone().webp().toBuffer());
    expect([jpeg.format, jpeg.width, jpeg.height, jpeg.rgb.length]).toEqual(['jpeg', 8, 6, 144]);
    expect([webp.format, webp.width, webp.height]).toEqual(['webp', 8, 6]);
  });

  it('refuses a GIF and a text file by magic bytes', async () => {
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0, 0, 0, 0x3b])]);
    const e1 = await refused(decodeImage(gif));
    expect(e1.code).toBe('unsupported_type');
    expect(e1.message).toMatch(/GIF/);
    const e2 = await refused(decodeImage(Buffer.from('hello, this is not an image\n')));
    expect(e2.code).toBe('unsupported_type');
  });

  it('refuses a truncated PNG as corrupt', async () => {
    const png = await sharp(noise(64, 64, 3), { raw: { width: 64, height: 64, channels: 3 } })
      .png()
      .toBuffer();
    const e = await refused(decodeImage(png.subarray(0, Math.floor(png.length / 2))));
    expect(e.code).toBe('corrupt');
  });

  it('refuses a header with a bad CRC as corrupt', async () => {
    expect((await refused(decodeImage(craftPng(8, 8, true)))).code).toBe('corrupt');
  });

  it('refuses a 50000×50000 decompression bomb from its header', async () => {
    const bomb = craftPng(50000, 50000);
    expect(bomb.length).toBeLessThan(200);
    const e = await refused(decodeImage(bomb));
    // Pixels, not bytes: a distinct code from `too_large`, with the figures to word it.
    expect(e.code).toBe('too_many_pixels');
    expect(e.message).toMatch(/50000×50000/);
    expect(e.details).toMatchObject({ format: 'png', width: 50000, height: 50000, maxWidth: 4096 });
    const e2 = await refused(decodeImage(bomb, { maxWidth: 100000, maxHeight: 100000 }));
    expect(e2.code).toBe('too_many_pixels');
  });

  it('refuses oversize bytes before looking at them', async () => {
    const png = await sharp(noise(16, 16, 3), { raw: { width: 16, height: 16, channels: 3 } })
      .png()
      .toBuffer();
    const e = await refused(decodeImage(png, { maxBytes: 100 }));
    expect(e.code).toBe('too_large');
    expect(e.details).toEqual({ bytes: png.length, maxBytes: 100 });
    expect((await refused(decodeImage(Buffer.alloc(20 * 1024 * 1024 + 1)))).code).toBe('too_large');
  });

  it('applies maxPixels to a real image', async () => {
    const png = await sharp(noise(10, 10, 3), { raw: { width: 10, height: 10, channels: 3 } })
      .png()
      .toBuffer();
    expect((await refused(decodeImage(png, { maxPixels: 99 }))).code).toBe('too_many_pixels');
    await expect(decodeImage(png, { maxPixels: 100 })).resolves.toMatchObject({ width: 10 });
  });
});
