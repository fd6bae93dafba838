import { deflateSync } from 'node:zlib';
import { crc32 } from 'node:zlib';
import { encodePng } from '@styleclip/studio/testing';
import { seededRandom } from '@styleclip/testing';

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
  return out;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG whose valid IHDR claims width×height with a tiny IDAT: a decompression bomb's header. */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A real PNG of seeded noise. */
export async function noisePng(width: number, height: number, seed: number): Promise<Buffer> {
  const r = seededRandom(seed);
  const rgb = Uint8Array.from({ length: width * height * 3 }, () => Math.floor(r.next() * 256));
  return encodePng(rgb, width, height);
}

/** The PNG signature followed by garbage. */
export const corruptPng = (): Buffer =>
  Buffer.concat([PNG_SIGNATURE, Buffer.from('this is not a png at all, just text after the signature')]);

/** A minimal GIF (a type we refuse). */
export const gif = (): Buffer =>
  Buffer.from(
    '47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b',
    'hex',
  );
