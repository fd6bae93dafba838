import { open } from 'node:fs/promises';

const CHUNK = 1 << 30;

/** Writes chunks to a new file in order (each in ≤1 GiB writes, looping over partial writes). */
export async function writeChunks(
  path: string,
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<void> {
  const handle = await open(path, 'w');
  try {
    for await (const chunk of chunks) {
      let done = 0;
      while (done < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, done, Math.min(CHUNK, chunk.length - done));
        done += bytesWritten;
      }
    }
  } finally {
    await handle.close();
  }
}
