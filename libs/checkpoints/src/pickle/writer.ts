import { OP } from './opcodes';

/** A Python float (JS numbers that are integers are written as ints unless wrapped). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A Python tuple (JS arrays are written as lists). */
export class PyTuple {
  constructor(readonly items: readonly PickleValue[]) {}
}

/** A float32 tensor for a torch checkpoint: its bytes go to a storage entry, the pickle holds a reference. */
export interface TorchTensorRef {
  readonly kind: 'torch-tensor';
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export const torchTensor = (shape: readonly number[], data: Float32Array): TorchTensorRef => {
  const n = shape.reduce((p, d) => p * d, 1);
  if (data.length !== n)
    throw new RangeError(`torchTensor: ${data.length} values for shape [${shape.join(',')}]`);
  return { kind: 'torch-tensor', shape: [...shape], data };
};

/**
 * What the writer can pickle: plain data only. null → None, booleans, numbers (integers as int, others as
 * float; `PyFloat` forces a float), bigint, strings, arrays (lists), `PyTuple`, `Map`s or plain objects
 * (dicts, insertion order kept) and `TorchTensorRef`s.
 */
export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyFloat
  | PyTuple
  | TorchTensorRef
  | readonly PickleValue[]
  | ReadonlyMap<string, PickleValue>
  | { readonly [key: string]: PickleValue };

/**
 * The only globals a written pickle names: the three `torch.load` needs to rebuild a tensor (and which the
 * reader's allow-list accepts). Nothing else can be emitted: no class instances, no callables.
 */
export const WRITER_GLOBALS = [
  'torch._utils _rebuild_tensor_v2',
  'torch FloatStorage',
  'collections OrderedDict',
] as const;

/** Every opcode the writer emits (protocol 2). */
export const WRITER_OPCODES: readonly number[] = [
  OP.PROTO,
  OP.STOP,
  OP.MARK,
  OP.NONE,
  OP.NEWTRUE,
  OP.NEWFALSE,
  OP.BININT1,
  OP.BININT2,
  OP.BININT,
  OP.LONG1,
  OP.BINFLOAT,
  OP.BINUNICODE,
  OP.EMPTY_LIST,
  OP.APPENDS,
  OP.EMPTY_DICT,
  OP.SETITEMS,
  OP.EMPTY_TUPLE,
  OP.TUPLE1,
  OP.TUPLE2,
  OP.TUPLE3,
  OP.TUPLE,
  OP.GLOBAL,
  OP.REDUCE,
  OP.BINPERSID,
];

const utf8 = new TextEncoder();

class Bytes {
  private chunks: number[] = [];
  op(code: number): this {
    this.chunks.push(code);
    return this;
  }
  u8(v: number): this {
    this.chunks.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }
  i32(v: number): this {
    return this.u8(v)
      .u8(v >>> 8)
      .u8(v >>> 16)
      .u8(v >>> 24);
  }
  raw(b: Uint8Array): this {
    for (const x of b) this.chunks.push(x);
    return this;
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

/** Storages collected while pickling tensors: key → float32 bytes, in order. */
export interface PickledStorages {
  keys: string[];
  data: Float32Array[];
}

function isPlainObject(v: unknown): v is Record<string, PickleValue> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * Pickles `value` (protocol 2) with plain-data opcodes only; tensors become torch's persistent storage
 * references (`_rebuild_tensor_v2` over a `FloatStorage` named by its key), their bytes returned apart.
 */
export function pickleValue(value: PickleValue): { pickle: Uint8Array; storages: PickledStorages } {
  const b = new Bytes();
  const storages: PickledStorages = { keys: [], data: [] };
  const seen = new Set<unknown>();
  b.op(OP.PROTO).u8(2);

  const str = (s: string) => {
    const bytes = utf8.encode(s);
    b.op(OP.BINUNICODE).i32(bytes.length).raw(bytes);
  };
  const int = (v: number | bigint) => {
    const n = typeof v === 'bigint' ? v : BigInt(v);
    if (n >= 0n && n < 256n) b.op(OP.BININT1).u8(Number(n));
    else if (n >= 0n && n < 65536n) b.op(OP.BININT2).u16(Number(n));
    else if (n >= -(2n ** 31n) && n < 2n ** 31n) b.op(OP.BININT).i32(Number(n));
    else {
      // LONG1: little-endian two's complement, as few bytes as hold the sign.
      const bytes: number[] = [];
      let x = n;
      while (true) {
        bytes.push(Number(x & 0xffn));
        x >>= 8n;
        const sign = (bytes[bytes.length - 1]! & 0x80) !== 0;
        if ((x === 0n && !sign) || (x === -1n && sign)) break;
      }
      b.op(OP.LONG1).u8(bytes.length).raw(Uint8Array.from(bytes));
    }
  };
  const float = (v: number) => {
    const d = new Uint8Array(8);
    new DataView(d.buffer).setFloat64(0, v, false); // BINFLOAT is big-endian
    b.op(OP.BINFLOAT).raw(d);
  };
  const tuple = (items: readonly (() => void)[]) => {
    if (items.length === 0) return void b.op(OP.EMPTY_TUPLE);
    if (items.length > 3) b.op(OP.MARK);
    for (const f of items) f();
    b.op(
      items.length === 1
        ? OP.TUPLE1
        : items.length === 2
          ? OP.TUPLE2
          : items.length === 3
            ? OP.TUPLE3
            : OP.TUPLE,
    );
  };
  const global = (name: (typeof WRITER_GLOBALS)[number]) =>
    b.op(OP.GLOBAL).raw(utf8.encode(name.replace(' ', '\n') + '\n'));

  const tensor = (t: TorchTensorRef) => {
    const key = String(storages.keys.length);
    storages.keys.push(key);
    storages.data.push(t.data);
    const strides = t.shape.map((_, i) => t.shape.slice(i + 1).reduce((p, d) => p * d, 1));
    global('torch._utils _rebuild_tensor_v2');
    tuple([
      () => {
        tuple([
          () => str('storage'),
          () => global('torch FloatStorage'),
          () => str(key),
          () => str('cpu'),
          () => int(t.data.length),
        ]);
        b.op(OP.BINPERSID);
      },
      () => int(0),
      () => tuple(t.shape.map((d) => () => int(d))),
      () => tuple(strides.map((d) => () => int(d))),
      () => b.op(OP.NEWFALSE),
      () => {
        global('collections OrderedDict');
        b.op(OP.EMPTY_TUPLE).op(OP.REDUCE);
      },
    ]);
    b.op(OP.REDUCE);
  };

  const write = (v: PickleValue, path: string): void => {
    if (v === null) return void b.op(OP.NONE);
    if (typeof v === 'boolean') return void b.op(v ? OP.NEWTRUE : OP.NEWFALSE);
    if (typeof v === 'bigint') return int(v);
    if (typeof v === 'number') {
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) return int(v);
      return float(v);
    }
    if (typeof v === 'string') return str(v);
    if (v instanceof PyFloat) return float(v.value);
    if (typeof v !== 'object') throw new TypeError(`pickle: ${path} is a ${typeof v}, not plain data`);
    if (seen.has(v)) throw new TypeError(`pickle: ${path} refers to itself`);
    seen.add(v);
    try {
      if (v instanceof PyTuple) return tuple(v.items.map((x, i) => () => write(x, `${path}[${i}]`)));
      if ('kind' in v && v.kind === 'torch-tensor') return tensor(v as TorchTensorRef);
      if (Array.isArray(v)) {
        b.op(OP.EMPTY_LIST);
        if (v.length === 0) return;
        b.op(OP.MARK);
        v.forEach((x, i) => write(x, `${path}[${i}]`));
        return void b.op(OP.APPENDS);
      }
      const entries: [string, PickleValue][] =
        v instanceof Map
          ? [...(v as ReadonlyMap<string, PickleValue>)]
          : isPlainObject(v)
            ? Object.entries(v)
            : [];
      if (!(v instanceof Map) && !isPlainObject(v)) throw new TypeError(`pickle: ${path} is not plain data`);
      b.op(OP.EMPTY_DICT);
      if (entries.length === 0) return;
      b.op(OP.MARK);
      for (const [k, x] of entries) {
        if (typeof k !== 'string') throw new TypeError(`pickle: ${path} has a non-string key`);
        str(k);
        write(x, `${path}.${k}`);
      }
      b.op(OP.SETITEMS);
    } finally {
      seen.delete(v);
    }
  };

  write(value, 'value');
  b.op(OP.STOP);
  return { pickle: b.finish(), storages };
}
