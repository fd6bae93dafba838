import { FaceModelError } from '../errors';
import { crc32 } from './crc32';
import { PpmModel } from './ppm-model';
import { RangeDecoder } from './range-decoder';

const EOF_SYMBOL = 256;
/** dlib writes a known symbol every 20000 symbols and checks it while decoding. */
const SYNC_INTERVAL = 20000;

/**
 * Decompresses dlib's `compress_stream::kernel_1ea` format (order-4 PPM over a range coder, 257 symbols with
 * an end marker, then a CRC-32 of the output). Output is bounded by `maxOutput` bytes; a sync check every 20000
 * symbols and the final CRC catch corruption and truncation.
 */
export function decompressDlib(input: Uint8Array, maxOutput: number, source: string): Uint8Array {
  const fail = (why: string): never => {
    throw new FaceModelError('malformed', `${source}: compressed data: ${why}`);
  };
  const coder = new RangeDecoder(input);
  const model = new PpmModel(coder);
  let out = new Uint8Array(Math.min(maxOutput, Math.max(1024, input.length * 4)));
  let length = 0;
  let count = 0;
  try {
    while (true) {
      if (count === SYNC_INTERVAL) {
        if (coder.getTarget(8000) !== 1500) fail('sync marker mismatch (corrupt data)');
        count = 0;
        coder.decode(1500, 1501);
      }
      count++;
      const symbol = model.decode();
      if (symbol !== EOF_SYMBOL) {
        if (length === out.length) {
          if (length >= maxOutput) {
            throw new FaceModelError('too_large', `${source}: decompresses to more than ${maxOutput} bytes`);
          }
          const grown = new Uint8Array(Math.min(maxOutput, out.length * 2));
          grown.set(out);
          out = grown;
        }
        out[length++] = symbol;
        // A truncated stream decodes zeros forever; stop well before the output bound.
        if (coder.overrun > 64) fail('unexpected end of data (truncated?)');
        continue;
      }
      let checksum = 0;
      for (let i = 0; i < 4; i++) checksum = checksum * 256 + (model.decode() & 0xff);
      if (checksum !== crc32(out, length)) fail('CRC mismatch (corrupt or truncated data)');
      return out.subarray(0, length);
    }
  } catch (e) {
    if (e instanceof RangeError) fail(e.message);
    throw e;
  }
}
