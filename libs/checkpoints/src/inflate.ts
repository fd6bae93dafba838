import { createInflateRaw, type InflateRaw } from 'node:zlib';

/** `length` bytes at `offset` of a compressed stream. */
export type CompressedReader = (offset: number, length: number) => Promise<Uint8Array>;

/** Compressed bytes are read and fed this many at a time. */
const INPUT_CHUNK = 1 << 20;
/** zlib's output chunk: the most inflated bytes held beyond the caller's limit. */
const OUTPUT_CHUNK = 1 << 16;

function drainedOrClosed(stream: InflateRaw): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * Inflates raw deflate data (`compressedSize` bytes read through `read`) and returns at most its first
 * `limit` bytes: inflation stops as soon as `limit` bytes are out, so memory stays bounded by `limit` plus one
 * input and one output chunk, however much the stream would inflate to. Fewer bytes come back when the stream
 * ends first. zlib errors (corrupt data, a stream cut short) are thrown as they are.
 */
export async function inflatePrefix(
  read: CompressedReader,
  compressedSize: number,
  limit: number,
): Promise<Uint8Array> {
  const inflater = createInflateRaw({ chunkSize: OUTPUT_CHUNK });
  const feed = async (): Promise<void> => {
    for (let at = 0; at < compressedSize && !inflater.destroyed; at += INPUT_CHUNK) {
      const chunk = await read(at, Math.min(INPUT_CHUNK, compressedSize - at));
      if (!inflater.destroyed && !inflater.write(chunk)) await drainedOrClosed(inflater);
    }
    if (!inflater.destroyed) inflater.end();
  };
  // A failed read ends the inflation with its error (the loop below rethrows it).
  const feeding = feed().catch((e: unknown) => void inflater.destroy(e as Error));
  const out = new Uint8Array(limit);
  let filled = 0;
  try {
    if (limit > 0) {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        const take = Math.min(chunk.length, limit - filled);
        out.set(chunk.subarray(0, take), filled);
        filled += take;
        if (filled === limit) break;
      }
    }
  } finally {
    inflater.destroy();
    await feeding;
  }
  return out.subarray(0, filled);
}
