import { CheckpointError } from './errors';
import { inflatePrefix } from './inflate';
import { MAX_INFLATED_BYTES } from './limits';
import type { ByteSource } from './source';

/** One member of a zip archive, from the central directory. */
export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

/** A zip archive read through positional reads: only the central directory is held in memory. */
export interface ZipArchive {
  readonly source: ByteSource;
  readonly entries: readonly ZipEntry[];
  get(name: string): ZipEntry | undefined;
  /** Offset of the entry's data in the file: from the LOCAL header (its extra field may differ). */
  dataOffset(entry: ZipEntry): Promise<number>;
  /**
   * The whole entry, inflated if deflated. Refused before reading when its header declares more than `limit`
   * bytes (what the caller's metadata says it needs; `what` names that need in the message), and while
   * inflating as soon as it runs past its declared size: nothing ever inflates past
   * min(declared size, `limit`, MAX_INFLATED_BYTES).
   */
  read(entry: ZipEntry, limit: number, what: string): Promise<Uint8Array>;
  /** The first min(`length`, size) bytes of the entry's content, inflating no more than that. */
  readPrefix(entry: ZipEntry, length: number): Promise<Uint8Array>;
  /** `length` bytes at `offset` inside a STORED entry. */
  readRange(entry: ZipEntry, offset: number, length: number): Promise<Uint8Array>;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_TAIL = 22 + 0xffff + 20;

function u64(view: DataView, at: number, name: string, what: string): number {
  const v = view.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new CheckpointError(name, `corrupt zip: ${what} is ${v}`);
  return Number(v);
}

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

interface Directory {
  count: number;
  offset: number;
  size: number;
}

async function findDirectory(source: ByteSource): Promise<Directory> {
  const tailLength = Math.min(source.size, MAX_TAIL);
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength, 'zip end-of-central-directory');
  const view = dataView(tail);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === EOCD && i + 22 + view.getUint16(i + 20, true) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    throw new CheckpointError(
      source.name,
      `truncated or corrupt zip: no end-of-central-directory record in the last ${tailLength} bytes ` +
        `(file has ${source.size} bytes; an interrupted download?)`,
    );
  }
  let dir: Directory = {
    count: view.getUint16(at + 10, true),
    size: view.getUint32(at + 12, true),
    offset: view.getUint32(at + 16, true),
  };
  if (at >= 20 && view.getUint32(at - 20, true) === ZIP64_LOCATOR) {
    const recordOffset = u64(view, at - 20 + 8, source.name, 'zip64 end-of-directory offset');
    const record = dataView(await source.read(recordOffset, 56, 'zip64 end-of-central-directory'));
    if (record.getUint32(0, true) !== ZIP64_EOCD) {
      throw new CheckpointError(
        source.name,
        `corrupt zip: no zip64 end-of-central-directory at ${recordOffset}`,
      );
    }
    dir = {
      count: u64(record, 32, source.name, 'zip64 entry count'),
      size: u64(record, 40, source.name, 'zip64 directory size'),
      offset: u64(record, 48, source.name, 'zip64 directory offset'),
    };
  }
  if (dir.offset + dir.size > source.size) {
    throw new CheckpointError(
      source.name,
      `truncated or corrupt zip: central directory needs ${dir.size} bytes at offset ${dir.offset}, ` +
        `file has ${source.size} bytes`,
    );
  }
  return dir;
}

function parseDirectory(name: string, bytes: Uint8Array, count: number): ZipEntry[] {
  const view = dataView(bytes);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) {
      throw new CheckpointError(name, `corrupt zip: central directory entry ${i} of ${count} is missing`);
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const entryName = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (flags & 1) throw new CheckpointError(name, `zip entry ${entryName} is encrypted`);
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true);
      const len = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const take = (): number => {
          const v = u64(view, q, name, `zip64 field of ${entryName}`);
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      e += 4 + len;
    }
    entries.push({ name: entryName, method, compressedSize, size, localHeaderOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** Reads a zip's central directory. Fails with a CheckpointError for a truncated or corrupt archive. */
export async function openZip(source: ByteSource): Promise<ZipArchive> {
  const dir = await findDirectory(source);
  const directory = await source.read(dir.offset, dir.size, 'zip central directory');
  const entries = parseDirectory(source.name, directory, dir.count);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const offsets = new Map<ZipEntry, Promise<number>>();

  const localOffset = async (entry: ZipEntry): Promise<number> => {
    const header = await source.read(entry.localHeaderOffset, 30, `local header of ${entry.name}`);
    const view = dataView(header);
    if (view.getUint32(0, true) !== LOCAL) {
      throw new CheckpointError(
        source.name,
        `corrupt zip: no local header for ${entry.name} at offset ${entry.localHeaderOffset}`,
      );
    }
    return entry.localHeaderOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
  };
  const dataOffset = (entry: ZipEntry): Promise<number> => {
    let p = offsets.get(entry);
    if (!p) {
      p = localOffset(entry);
      offsets.set(entry, p);
    }
    return p;
  };
  /** The first `length` inflated bytes of a deflated entry (fewer if it ends first). */
  const inflate = async (entry: ZipEntry, length: number): Promise<Uint8Array> => {
    const offset = await dataOffset(entry);
    try {
      return await inflatePrefix(
        (at, n) => source.read(offset + at, n, `zip entry ${entry.name}`),
        entry.compressedSize,
        length,
      );
    } catch (e) {
      if (e instanceof CheckpointError) throw e;
      throw new CheckpointError(
        source.name,
        `corrupt zip: cannot inflate ${entry.name}: ${(e as Error).message}`,
      );
    }
  };
  const checkMethod = (entry: ZipEntry): void => {
    if (entry.method !== 0 && entry.method !== 8) {
      throw new CheckpointError(
        source.name,
        `zip entry ${entry.name} uses compression method ${entry.method} (only stored and deflate are supported)`,
      );
    }
  };

  return {
    source,
    entries,
    get: (name) => byName.get(name),
    dataOffset,
    async read(entry, limit, what) {
      checkMethod(entry);
      if (entry.size > limit) {
        throw new CheckpointError(
          source.name,
          `zip entry ${entry.name} declares ${entry.size} bytes, more than the ${limit} bytes ${what}`,
        );
      }
      if (entry.method === 0) {
        if (entry.size !== entry.compressedSize) {
          throw new CheckpointError(source.name, `corrupt zip: stored entry ${entry.name} has two sizes`);
        }
        return source.read(await dataOffset(entry), entry.size, `zip entry ${entry.name}`);
      }
      if (entry.size > MAX_INFLATED_BYTES) {
        throw new CheckpointError(
          source.name,
          `zip entry ${entry.name} would inflate to ${entry.size} bytes, more than the ${MAX_INFLATED_BYTES} ` +
            'allowed for one compressed entry (store it uncompressed)',
        );
      }
      // One byte more than declared tells a longer stream from an exact one.
      const out = await inflate(entry, entry.size + 1);
      if (out.length > entry.size) {
        throw new CheckpointError(
          source.name,
          `corrupt zip: ${entry.name} inflates past the ${entry.size} bytes its zip header declares (a zip bomb?)`,
        );
      }
      if (out.length !== entry.size) {
        throw new CheckpointError(
          source.name,
          `corrupt zip: ${entry.name} inflated to ${out.length} bytes, directory says ${entry.size}`,
        );
      }
      return out;
    },
    async readPrefix(entry, length) {
      checkMethod(entry);
      const want = Math.min(length, entry.size, MAX_INFLATED_BYTES);
      if (entry.method === 0) return source.read(await dataOffset(entry), want, `zip entry ${entry.name}`);
      return inflate(entry, want);
    },
    async readRange(entry, offset, length) {
      if (entry.method !== 0) {
        throw new CheckpointError(
          source.name,
          `zip entry ${entry.name} is compressed; cannot read a range of it`,
        );
      }
      if (offset + length > entry.size) {
        throw new CheckpointError(
          source.name,
          `truncated: ${entry.name} needs ${length} bytes at offset ${offset}, entry has ${entry.size} bytes`,
        );
      }
      return source.read((await dataOffset(entry)) + offset, length, `zip entry ${entry.name}`);
    },
  };
}
