// Test helper: writes torch checkpoints byte by byte (zip and legacy), the way torch.save lays them out.
import { dataBytes, itemSize, TORCH_STORAGE_DTYPES, type DType, type TypedArray } from '../dtype';
import { OP } from '../pickle/opcodes';
import { encodeZip, type ZipWriteOptions } from '../zip-write';
import { rowMajorStrides } from '../tensor';
import { PickleWriter } from './pickle-writer';

export interface TensorSpec {
  kind: 'tensor';
  storage: string;
  offset?: number;
  shape: number[];
  stride?: number[];
  /** Legacy storage view (view_key, offset, size). */
  view?: [string, number, number];
  /** Use _rebuild_tensor_v3 with this tensor dtype. */
  v3dtype?: DType;
  /** Wrap in _rebuild_parameter. */
  parameter?: boolean;
}

export type Value =
  | null
  | boolean
  | number
  | string
  | Value[]
  | { kind: 'tuple'; items: Value[] }
  | { kind: 'ordered'; items: [string, Value][] }
  | { kind: 'dict'; items: [string, Value][] }
  | TensorSpec;

export interface StorageSpec {
  dtype: DType;
  data: TypedArray;
  /** Storage class module (default "torch"; "torch.cuda" for old GPU files). */
  module?: string;
  /** The element count the pickle declares (default `data.length`; hostile files declare more). */
  numel?: number;
}

export const tensor = (storage: string, shape: number[], more: Partial<TensorSpec> = {}): TensorSpec => ({
  kind: 'tensor',
  storage,
  shape,
  ...more,
});
export const ordered = (items: Record<string, Value>): Value => ({
  kind: 'ordered',
  items: Object.entries(items),
});
export const dict = (items: Record<string, Value>): Value => ({ kind: 'dict', items: Object.entries(items) });

/** Pickles a Value tree as torch.save does (protocol 2, GLOBAL, memoized globals with BINPUT/BINGET). */
export function torchPickle(root: Value, storages: Record<string, StorageSpec>, legacy: boolean): Uint8Array {
  const w = new PickleWriter().proto(2);
  const memo = new Map<string, number>();
  const global = (module: string, name: string): void => {
    const key = `${module}.${name}`;
    const known = memo.get(key);
    if (known !== undefined) {
      w.get(known);
      return;
    }
    w.global(module, name);
    // Spread the memo over LONG_BINPUT indices too.
    const index = 250 + memo.size * 7;
    memo.set(key, index);
    w.put(index);
  };
  const storageClass = (dtype: DType): string =>
    Object.keys(TORCH_STORAGE_DTYPES).find((k) => TORCH_STORAGE_DTYPES[k] === dtype)!;
  const emit = (v: Value): void => {
    if (v === null) w.none();
    else if (typeof v === 'boolean') w.bool(v);
    else if (typeof v === 'number') {
      if (Number.isInteger(v)) w.int(v);
      else w.float(v);
    } else if (typeof v === 'string') w.str(v);
    else if (Array.isArray(v)) {
      w.op(OP.EMPTY_LIST).mark();
      v.forEach(emit);
      w.op(OP.APPENDS);
    } else if (v.kind === 'tuple') {
      w.mark();
      v.items.forEach(emit);
      w.tuple();
    } else if (v.kind === 'dict' || v.kind === 'ordered') {
      if (v.kind === 'ordered') {
        global('collections', 'OrderedDict');
        w.op(OP.EMPTY_TUPLE, OP.REDUCE);
      } else w.op(OP.EMPTY_DICT);
      w.mark();
      for (const [k, x] of v.items) {
        w.str(k);
        emit(x);
      }
      w.op(OP.SETITEMS);
      if (v.kind === 'ordered') {
        // state_dict()'s _metadata, applied with BUILD.
        w.op(OP.EMPTY_DICT).str('_metadata');
        global('collections', 'OrderedDict');
        w.op(OP.EMPTY_TUPLE, OP.REDUCE, OP.SETITEM, OP.BUILD);
      }
    } else {
      const s = storages[v.storage]!;
      if (v.parameter) global('torch._utils', '_rebuild_parameter');
      if (v.parameter) w.mark();
      global('torch._utils', v.v3dtype ? '_rebuild_tensor_v3' : '_rebuild_tensor_v2');
      w.mark().mark().str('storage');
      global(s.module ?? 'torch', storageClass(s.dtype));
      w.str(v.storage)
        .str('cpu')
        .int(s.numel ?? s.data.length);
      if (legacy) {
        if (v.view) w.mark().str(v.view[0]).int(v.view[1]).int(v.view[2]).tuple();
        else w.none();
      }
      w.tuple()
        .op(OP.BINPERSID)
        .int(v.offset ?? 0);
      w.mark();
      v.shape.forEach((d) => w.int(d));
      w.tuple().mark();
      (v.stride ?? rowMajorStrides(v.shape)).forEach((d) => w.int(d));
      w.tuple().bool(false);
      global('collections', 'OrderedDict');
      w.op(OP.EMPTY_TUPLE, OP.REDUCE);
      if (v.v3dtype) {
        w.global('torch', v.v3dtype);
        w.none();
      }
      w.tuple().op(OP.REDUCE);
      if (v.parameter) w.bool(false).op(OP.EMPTY_DICT).tuple().op(OP.REDUCE);
    }
  };
  emit(root);
  return w.stop();
}

/** A torch zip checkpoint: `<prefix>/data.pkl`, `<prefix>/data/<key>`, `<prefix>/version`, 64-byte aligned. */
export function torchZip(
  root: Value,
  storages: Record<string, StorageSpec>,
  options: { prefix?: string; byteorder?: 'little' | 'big'; zip?: ZipWriteOptions; deflate?: boolean } = {},
): Uint8Array {
  const prefix = options.prefix ?? 'archive';
  const entries = [
    { name: `${prefix}/data.pkl`, data: torchPickle(root, storages, false), deflate: options.deflate },
  ];
  if (options.byteorder)
    entries.push({ name: `${prefix}/byteorder`, data: Buffer.from(options.byteorder), deflate: false });
  for (const [key, s] of Object.entries(storages)) {
    const bytes = dataBytes(s.data).slice();
    if (options.byteorder === 'big') {
      const n = itemSize(s.dtype);
      for (let i = 0; i < bytes.length; i += n) bytes.subarray(i, i + n).reverse();
    }
    entries.push({ name: `${prefix}/data/${key}`, data: bytes, deflate: options.deflate });
  }
  entries.push({ name: `${prefix}/version`, data: Buffer.from('3\n'), deflate: false });
  return encodeZip(entries, { align: 64, ...options.zip });
}

const simple = (build: (w: PickleWriter) => void): Uint8Array => {
  const w = new PickleWriter().proto(2);
  build(w);
  return w.stop();
};

/** A legacy (pre-1.6) torch file: magic, protocol, sys_info, object, sorted keys, then count + bytes each. */
export function torchLegacy(root: Value, storages: Record<string, StorageSpec>): Uint8Array {
  const keys = Object.keys(storages).sort();
  const parts: Uint8Array[] = [
    simple((w) => w.long(0x1950a86a20f9469cfc6cn)),
    simple((w) => w.int(1001)),
    simple((w) => {
      w.op(OP.EMPTY_DICT).mark().str('protocol_version').int(1001).str('little_endian').bool(true);
      w.str('type_sizes').op(OP.EMPTY_DICT).mark().str('short').int(2).str('int').int(4).str('long').int(4);
      w.op(OP.SETITEMS, OP.SETITEMS);
    }),
    torchPickle(root, storages, true),
    simple((w) => {
      w.op(OP.EMPTY_LIST).mark();
      keys.forEach((k) => w.str(k));
      w.op(OP.APPENDS);
    }),
  ];
  for (const key of keys) {
    const s = storages[key]!;
    const count = new Uint8Array(8);
    new DataView(count.buffer).setBigInt64(0, BigInt(s.numel ?? s.data.length), true);
    parts.push(count, dataBytes(s.data));
  }
  return Buffer.concat(parts);
}
