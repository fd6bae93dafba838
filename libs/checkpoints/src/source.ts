import { open, type FileHandle } from 'node:fs/promises';
import { CheckpointError } from './errors';

/** Random access to the bytes of a file (or an in-memory buffer), never reading more than asked. */
export interface ByteSource {
  /** The file name used in messages. */
  readonly name: string;
  readonly size: number;
  /** Exactly `length` bytes at `offset` in a fresh buffer; a CheckpointError naming `what` if the file is short. */
  read(offset: number, length: number, what: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

const CHUNK = 1 << 30;

function checkRange(name: string, size: number, offset: number, length: number, what: string): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new CheckpointError(
      name,
      `corrupt: ${what} has an invalid range (offset ${offset}, length ${length})`,
    );
  }
  if (offset + length > size) {
    throw new CheckpointError(
      name,
      `truncated: ${what} needs ${length} bytes at offset ${offset}, file has ${size} bytes`,
    );
  }
}

/** Opens a file for positional reads. */
export async function fileSource(path: string): Promise<ByteSource> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new CheckpointError(path, `cannot open: ${(e as Error).message}`);
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw new CheckpointError(path, 'cannot open: not a regular file');
  }
  const { size } = stat;
  let closed = false;
  return {
    name: path,
    size,
    async read(offset, length, what) {
      if (closed) throw new CheckpointError(path, `cannot read ${what}: the checkpoint was closed`);
      checkRange(path, size, offset, length, what);
      const out = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const want = Math.min(CHUNK, length - done);
        const { bytesRead } = await handle.read(out, done, want, offset + done);
        if (bytesRead === 0) {
          throw new CheckpointError(path, `truncated: ${what}: file ended at ${offset + done} while reading`);
        }
        done += bytesRead;
      }
      return out;
    },
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}

/** A ByteSource over bytes already in memory (reads return copies). */
export function bytesSource(bytes: Uint8Array, name: string): ByteSource {
  return {
    name,
    size: bytes.length,
    read(offset, length, what) {
      checkRange(name, bytes.length, offset, length, what);
      return Promise.resolve(bytes.slice(offset, offset + length));
    },
    close: () => Promise.resolve(),
  };
}

/** Opens a file path (or wraps bytes, named `bytesName` in messages), runs `use`, then closes the source. */
export async function withSource<T>(
  input: string | Uint8Array,
  bytesName: string,
  use: (source: ByteSource) => Promise<T>,
): Promise<T> {
  const source = typeof input === 'string' ? await fileSource(input) : bytesSource(input, bytesName);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}
