import { CheckpointError } from '../errors';
import { resolveGlobal as defaultResolver, type GlobalResolver } from './allowlist';
import { describeOpcode, OP } from './opcodes';
import { describeValue, GlobalRef, isBuildable, PickleObject, SET_STATE, type CallContext } from './values';

export interface UnpickleOptions {
  /** The file, for messages (CheckpointError.file). */
  file: string;
  /** The entry inside the file (e.g. "archive/data.pkl"), for messages. */
  entry?: string;
  /** Called for PERSID/BINPERSID; without it a persistent id is an error. */
  persistentLoad?: (pid: unknown, ctx: CallContext) => unknown;
  /** Maps (module, name) to what the global may do; undefined refuses it. Default: the allow-list. */
  globals?: GlobalResolver;
}

export interface UnpickleResult {
  value: unknown;
  /** Offset just past STOP (the next pickle of a stream starts here). */
  end: number;
}

/** The pickle ended before STOP: the bytes given were not the whole pickle. */
export class TruncatedPickleError extends CheckpointError {}

const decoder = new TextDecoder('utf-8', { fatal: true });
const MODULE_ALIASES: Readonly<Record<string, string>> = { __builtin__: 'builtins', copy_reg: 'copyreg' };

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 8192)));
  }
  return s;
}

function intValue(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Little-endian two's complement (LONG1 / LONG4). */
function decodeLong(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  if (bytes[bytes.length - 1]! & 0x80) v -= 1n << BigInt(8 * bytes.length);
  return intValue(v);
}

/** protocol-0 `raw-unicode-escape`: latin-1 with \uXXXX and \UXXXXXXXX escapes. */
function rawUnicodeEscape(bytes: Uint8Array): string {
  return latin1(bytes).replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, u: string, U: string) =>
    String.fromCodePoint(parseInt(u ?? U, 16)),
  );
}

/**
 * Interprets one pickle starting at `start`. Builds data only: GLOBALs go through the allow-list (anything
 * else is refused when the GLOBAL opcode is read), REDUCE/NEWOBJ/BUILD only reach allow-listed constructors
 * that build plain values, and nothing is imported, evaluated or executed.
 */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions, start = 0): UnpickleResult {
  return new Machine(bytes, options, start).run();
}

class Machine {
  private pos: number;
  private opStart = 0;
  private stack: unknown[] = [];
  private readonly marks: unknown[][] = [];
  private readonly memo = new Map<number, unknown>();
  private readonly view: DataView;
  private readonly globals: GlobalResolver;
  private readonly ctx: CallContext;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly options: UnpickleOptions,
    start: number,
  ) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.globals = options.globals ?? defaultResolver;
    this.ctx = { fail: (m) => this.fail(m), where: options.file };
  }

  private fail(message: string): never {
    const entry = this.options.entry ? `${this.options.entry}: ` : '';
    throw new CheckpointError(this.options.file, `${entry}${message} (pickle byte ${this.opStart})`);
  }

  private need(n: number): number {
    if (n < 0 || this.pos + n > this.bytes.length) {
      const entry = this.options.entry ? `${this.options.entry}: ` : '';
      throw new TruncatedPickleError(
        this.options.file,
        `${entry}truncated pickle: opcode ${describeOpcode(this.bytes[this.opStart]!)} at byte ` +
          `${this.opStart} needs ${n} more bytes, only ${this.bytes.length - this.pos} left`,
      );
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  private take(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }

  private u8 = (): number => this.view.getUint8(this.need(1));
  private u16 = (): number => this.view.getUint16(this.need(2), true);
  private u32 = (): number => this.view.getUint32(this.need(4), true);
  private u64(): number {
    const v = this.view.getBigUint64(this.need(8), true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`length ${v} is too large`);
    return Number(v);
  }

  /** The bytes up to the next newline (consumed, newline excluded): the argument of text opcodes. */
  private lineBytes(): Uint8Array {
    const end = this.bytes.indexOf(0x0a, this.pos);
    const length = (end < 0 ? this.bytes.length : end) - this.pos + 1;
    return this.take(length).subarray(0, -1);
  }

  private line(): string {
    return latin1(this.lineBytes());
  }

  private utf8(n: number): string {
    try {
      return decoder.decode(this.take(n));
    } catch (e) {
      if (e instanceof CheckpointError) throw e;
      return this.fail('string is not valid UTF-8');
    }
  }

  /** Pushes onto the stack current at call time (arguments may pop a MARK and switch stacks). */
  private push(value: unknown): void {
    this.stack.push(value);
  }

  private pop(): unknown {
    if (this.stack.length === 0) this.fail('stack underflow');
    return this.stack.pop();
  }

  private top(): unknown {
    if (this.stack.length === 0) this.fail('stack underflow');
    return this.stack[this.stack.length - 1];
  }

  private popMark(): unknown[] {
    const items = this.stack;
    const previous = this.marks.pop();
    if (!previous) this.fail('no MARK to pop to');
    this.stack = previous;
    return items;
  }

  private popN(n: number): unknown[] {
    if (this.stack.length < n) this.fail('stack underflow');
    return this.stack.splice(this.stack.length - n, n);
  }

  private getMemo(index: number): unknown {
    if (!this.memo.has(index)) this.fail(`memo key ${index} was never stored`);
    return this.memo.get(index);
  }

  private global(module: string, name: string): GlobalRef {
    const mod = MODULE_ALIASES[module] ?? module;
    const spec = this.globals(mod, name);
    if (!spec) {
      this.fail(
        `refusing global ${mod}.${name}: not on the allow-list ` +
          `(checkpoints are read as data only; no code is imported or executed)`,
      );
    }
    return new GlobalRef(mod, name, spec);
  }

  private setItems(target: unknown, items: unknown[]): void {
    if (!(target instanceof Map)) this.fail(`SETITEM(S) on a ${describeValue(target)}`);
    if (items.length % 2) this.fail('SETITEMS with an odd number of items');
    for (let i = 0; i < items.length; i += 2) target.set(items[i], items[i + 1]);
  }

  private append(target: unknown, items: unknown[]): void {
    if (!Array.isArray(target) || Object.isFrozen(target))
      this.fail(`APPEND(S) on a ${describeValue(target)}`);
    for (const item of items) target.push(item);
  }

  private reduce(callable: unknown, args: unknown): unknown {
    if (!(callable instanceof GlobalRef) || !callable.spec.call) {
      this.fail(`REDUCE: ${describeValue(callable)} cannot be called`);
    }
    if (!Array.isArray(args)) this.fail(`REDUCE on ${callable}: arguments are a ${describeValue(args)}`);
    return callable.spec.call(args, this.ctx);
  }

  private newObj(cls: unknown, args: unknown, kwargs: unknown): unknown {
    if (!(cls instanceof GlobalRef) || !cls.spec.create)
      this.fail(`NEWOBJ: ${describeValue(cls)} is not a class`);
    if (!Array.isArray(args)) this.fail(`NEWOBJ on ${cls}: arguments are a ${describeValue(args)}`);
    if (!(kwargs instanceof Map))
      this.fail(`NEWOBJ_EX on ${cls}: keyword arguments are a ${describeValue(kwargs)}`);
    return cls.spec.create(args, kwargs, this.ctx);
  }

  private build(target: unknown, state: unknown): void {
    if (isBuildable(target)) target[SET_STATE](state, this.ctx);
    else if (target instanceof PickleObject) target.state = state;
    else if (target instanceof Map) {
      // OrderedDict state (e.g. a state_dict's `_metadata`): attributes of the dict object, not items.
    } else this.fail(`BUILD on a ${describeValue(target)}`);
  }

  private persistent(pid: unknown): unknown {
    if (!this.options.persistentLoad) this.fail('persistent id in a pickle that cannot have any');
    return this.options.persistentLoad(pid, this.ctx);
  }

  run(): UnpickleResult {
    for (;;) {
      this.opStart = this.pos;
      const op = this.u8();
      switch (op) {
        case OP.PROTO: {
          const p = this.u8();
          if (p > 5) this.fail(`unsupported pickle protocol ${p}`);
          break;
        }
        case OP.FRAME:
          this.u64();
          break;
        case OP.STOP:
          if (this.stack.length !== 1 || this.marks.length) this.fail('STOP with an unbalanced stack');
          return { value: this.stack[0], end: this.pos };
        case OP.MARK:
          this.marks.push(this.stack);
          this.stack = [];
          break;
        case OP.POP:
          this.pop();
          break;
        case OP.POP_MARK:
          this.popMark();
          break;
        case OP.DUP:
          this.push(this.top());
          break;
        case OP.NONE:
          this.push(null);
          break;
        case OP.NEWTRUE:
          this.push(true);
          break;
        case OP.NEWFALSE:
          this.push(false);
          break;
        case OP.BININT:
          this.push(this.view.getInt32(this.need(4), true));
          break;
        case OP.BININT1:
          this.push(this.u8());
          break;
        case OP.BININT2:
          this.push(this.u16());
          break;
        case OP.LONG1:
          this.push(decodeLong(this.take(this.u8())));
          break;
        case OP.LONG4: {
          const n = this.view.getInt32(this.need(4), true);
          if (n < 0) this.fail('negative LONG4 length');
          this.push(decodeLong(this.take(n)));
          break;
        }
        case OP.INT: {
          const text = this.line();
          if (text === '01' || text === '00') this.push(text === '01');
          else this.push(this.parseInt(text));
          break;
        }
        case OP.LONG:
          this.push(this.parseInt(this.line().replace(/L$/, '')));
          break;
        case OP.FLOAT:
          this.push(this.parseFloat(this.line()));
          break;
        case OP.BINFLOAT:
          this.push(this.view.getFloat64(this.need(8), false));
          break;
        case OP.BINUNICODE:
          this.push(this.utf8(this.u32()));
          break;
        case OP.SHORT_BINUNICODE:
          this.push(this.utf8(this.u8()));
          break;
        case OP.BINUNICODE8:
          this.push(this.utf8(this.u64()));
          break;
        case OP.UNICODE:
          this.push(rawUnicodeEscape(this.lineBytes()));
          break;
        case OP.BINSTRING: {
          const n = this.view.getInt32(this.need(4), true);
          if (n < 0) this.fail('negative BINSTRING length');
          this.push(latin1(this.take(n)));
          break;
        }
        case OP.SHORT_BINSTRING:
          this.push(latin1(this.take(this.u8())));
          break;
        case OP.BINBYTES:
          this.push(this.take(this.u32()).slice());
          break;
        case OP.SHORT_BINBYTES:
          this.push(this.take(this.u8()).slice());
          break;
        case OP.BINBYTES8:
        case OP.BYTEARRAY8:
          this.push(this.take(this.u64()).slice());
          break;
        case OP.EMPTY_LIST:
          this.push([]);
          break;
        case OP.EMPTY_TUPLE:
          this.push(Object.freeze([]));
          break;
        case OP.EMPTY_DICT:
          this.push(new Map());
          break;
        case OP.EMPTY_SET:
          this.push(new Set());
          break;
        case OP.TUPLE:
          this.push(Object.freeze(this.popMark()));
          break;
        case OP.TUPLE1:
        case OP.TUPLE2:
        case OP.TUPLE3:
          this.push(Object.freeze(this.popN(op - OP.TUPLE1 + 1)));
          break;
        case OP.LIST:
          this.push(this.popMark());
          break;
        case OP.DICT: {
          const dict = new Map();
          this.setItems(dict, this.popMark());
          this.push(dict);
          break;
        }
        case OP.FROZENSET:
          this.push(new Set(this.popMark()));
          break;
        case OP.APPEND: {
          const item = this.pop();
          this.append(this.top(), [item]);
          break;
        }
        case OP.APPENDS: {
          const items = this.popMark();
          this.append(this.top(), items);
          break;
        }
        case OP.SETITEM: {
          const [key, value] = this.popN(2);
          this.setItems(this.top(), [key, value]);
          break;
        }
        case OP.SETITEMS: {
          const items = this.popMark();
          this.setItems(this.top(), items);
          break;
        }
        case OP.ADDITEMS: {
          const items = this.popMark();
          const set = this.top();
          if (!(set instanceof Set)) this.fail(`ADDITEMS on a ${describeValue(set)}`);
          for (const item of items) set.add(item);
          break;
        }
        case OP.GLOBAL: {
          const module = this.line();
          this.push(this.global(module, this.line()));
          break;
        }
        case OP.STACK_GLOBAL: {
          const [module, name] = this.popN(2);
          if (typeof module !== 'string' || typeof name !== 'string')
            this.fail('STACK_GLOBAL without two strings');
          this.push(this.global(module, name));
          break;
        }
        case OP.REDUCE: {
          const [callable, args] = this.popN(2);
          this.push(this.reduce(callable, args));
          break;
        }
        case OP.NEWOBJ: {
          const [cls, args] = this.popN(2);
          this.push(this.newObj(cls, args, new Map()));
          break;
        }
        case OP.NEWOBJ_EX: {
          const [cls, args, kwargs] = this.popN(3);
          this.push(this.newObj(cls, args, kwargs));
          break;
        }
        case OP.BUILD: {
          const state = this.pop();
          this.build(this.top(), state);
          break;
        }
        case OP.BINPERSID:
          this.push(this.persistent(this.pop()));
          break;
        case OP.PERSID:
          this.push(this.persistent(this.line()));
          break;
        case OP.BINPUT:
          this.memo.set(this.u8(), this.top());
          break;
        case OP.LONG_BINPUT:
          this.memo.set(this.u32(), this.top());
          break;
        case OP.PUT:
          this.memo.set(this.index(this.line()), this.top());
          break;
        case OP.MEMOIZE:
          this.memo.set(this.memo.size, this.top());
          break;
        case OP.BINGET:
          this.push(this.getMemo(this.u8()));
          break;
        case OP.LONG_BINGET:
          this.push(this.getMemo(this.u32()));
          break;
        case OP.GET:
          this.push(this.getMemo(this.index(this.line())));
          break;
        default:
          this.fail(`unsupported pickle opcode ${describeOpcode(op)}`);
      }
    }
  }

  private index(text: string): number {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 0) this.fail(`bad memo index "${text}"`);
    return n;
  }

  private parseInt(text: string): number | bigint {
    if (!/^[-+]?\d+$/.test(text.trim())) this.fail(`bad integer literal "${text}"`);
    return intValue(BigInt(text.trim()));
  }

  private parseFloat(text: string): number {
    const t = text.trim().toLowerCase();
    if (t === 'inf' || t === '+inf') return Infinity;
    if (t === '-inf') return -Infinity;
    if (t === 'nan' || t === '-nan') return NaN;
    const v = Number(t);
    if (t === '' || Number.isNaN(v)) this.fail(`bad float literal "${text}"`);
    return v;
  }
}
