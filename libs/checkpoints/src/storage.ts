import { byteSwapInPlace, itemSize, type DType } from './dtype';
import { GlobalRef, type CallContext } from './pickle/values';

/** A torch storage: a flat run of `numel` elements of `dtype`, read (whole) on demand. */
export class Storage {
  constructor(
    /** Where the bytes are, for messages (e.g. "data/3"). */
    readonly key: string,
    readonly dtype: DType,
    readonly numel: number,
    private readonly reader: () => Promise<Uint8Array>,
  ) {}

  get byteLength(): number {
    return this.numel * itemSize(this.dtype);
  }

  /** All the storage's bytes, little-endian. */
  read(): Promise<Uint8Array> {
    return this.reader();
  }

  /** A window of `numel` elements starting at element `offset` (legacy storage views). */
  view(key: string, offset: number, numel: number): Storage {
    const size = itemSize(this.dtype);
    return new Storage(key, this.dtype, numel, async () =>
      (await this.read()).subarray(offset * size, (offset + numel) * size),
    );
  }
}

interface Cached {
  buffer: WeakRef<ArrayBufferLike>;
  byteOffset: number;
  length: number;
}

/**
 * Reads each storage once: concurrent loads share one read, and later loads reuse the bytes for as long as
 * anything (e.g. a tensor viewing them) keeps them alive. Nothing is pinned, so streaming through a
 * multi-GB checkpoint does not accumulate memory.
 */
export class StorageCache {
  private readonly pending = new Map<string, Promise<Uint8Array>>();
  private readonly done = new Map<string, Cached>();

  constructor(private readonly bigEndian = false) {}

  get(key: string, read: () => Promise<Uint8Array>, elementSize: number): Promise<Uint8Array> {
    const cached = this.done.get(key);
    const buffer = cached?.buffer.deref();
    if (cached && buffer) return Promise.resolve(new Uint8Array(buffer, cached.byteOffset, cached.length));
    let p = this.pending.get(key);
    if (!p) {
      p = read().then((bytes) => {
        if (this.bigEndian) byteSwapInPlace(bytes, elementSize);
        this.done.set(key, {
          buffer: new WeakRef(bytes.buffer),
          byteOffset: bytes.byteOffset,
          length: bytes.length,
        });
        return bytes;
      });
      this.pending.set(key, p);
      const clear = (): void => void this.pending.delete(key);
      p.then(clear, clear);
    }
    return p;
  }
}

/** The parts of a torch persistent id: ('storage', StorageClass, key, location, numel[, view_metadata]). */
export interface StoragePid {
  dtype: DType;
  key: string;
  numel: number;
  /** Legacy files only: (view_key, offset, size) of a view into the storage. */
  view?: { key: string; offset: number; numel: number };
}

export function toIndex(value: unknown, what: string, ctx: CallContext): number {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    ctx.fail(`${what} is not a valid size: ${String(value)}`);
  return n;
}

/** Validates a persistent id as torch writes it. */
export function parseStoragePid(pid: unknown, ctx: CallContext): StoragePid {
  if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5 || pid.length > 6) {
    ctx.fail(
      `unexpected persistent id ${JSON.stringify(pid, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`,
    );
  }
  const [, cls, key, , numel, view] = pid as unknown[];
  const dtype =
    cls instanceof GlobalRef
      ? (cls.spec.tag as { storageDType?: DType } | undefined)?.storageDType
      : undefined;
  if (!dtype) ctx.fail(`persistent id names ${String(cls)}, which is not a storage class`);
  if (typeof key !== 'string' && typeof key !== 'number') ctx.fail('persistent id has no storage key');
  const result: StoragePid = { dtype, key: String(key), numel: toIndex(numel, 'storage numel', ctx) };
  if (view !== undefined && view !== null) {
    if (!Array.isArray(view) || view.length !== 3)
      ctx.fail('storage view metadata is not (key, offset, size)');
    const [viewKey, offset, size] = view as unknown[];
    result.view = {
      key: String(viewKey),
      offset: toIndex(offset, 'storage view offset', ctx),
      numel: toIndex(size, 'storage view size', ctx),
    };
    if (result.view.offset + result.view.numel > result.numel) {
      ctx.fail(`storage view ${result.view.key} runs past the end of storage ${result.key}`);
    }
  }
  return result;
}
