/**
 * The JavaScript values the unpickler builds. Python → JS:
 * None → null, bool → boolean, int → number (bigint beyond 2^53), float → number, str → string,
 * bytes/bytearray → Uint8Array, list/tuple → array (tuples frozen), dict/OrderedDict → Map, set → Set,
 * tensors/arrays → LazyTensor, allow-listed plain classes → PickleObject.
 */

/** An instance of an allow-listed class kept as data: who it claims to be, its arguments and BUILD state. */
export class PickleObject {
  /** The state given by BUILD (for modules and Namespaces: a Map of attribute name → value). */
  state: unknown = undefined;
  constructor(
    readonly module: string,
    readonly name: string,
    readonly args: readonly unknown[] = [],
  ) {}

  /** The attributes set by BUILD when the state is a dict, else an empty Map. */
  get attributes(): ReadonlyMap<unknown, unknown> {
    const s = Array.isArray(this.state) ? this.state[0] : this.state;
    return s instanceof Map ? s : new Map();
  }

  get className(): string {
    return `${this.module}.${this.name}`;
  }
}

/** Helpers a constructor gets: `fail` throws a CheckpointError naming the file, entry and position. */
export interface CallContext {
  fail(message: string): never;
  /** The file the pickle came from, for LazyTensor sources. */
  readonly where: string;
}

/** The bytes of latin-1 text, one per character; `ctx.fail(failure)` if a character is above U+00FF. */
export function latin1ToBytes(text: string, ctx: CallContext, failure: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 255) ctx.fail(failure);
    out[i] = c;
  }
  return out;
}

/** What an allow-listed global may do. A global with neither is a plain value (e.g. a storage class). */
export interface GlobalSpec {
  /** REDUCE: call the global with positional arguments. */
  call?(args: readonly unknown[], ctx: CallContext): unknown;
  /** NEWOBJ / NEWOBJ_EX: `cls.__new__(cls, *args, **kwargs)`. */
  create?(args: readonly unknown[], kwargs: ReadonlyMap<unknown, unknown>, ctx: CallContext): unknown;
  /** Extra data for whoever receives the global as a value (storage dtype, torch dtype, …). */
  readonly tag?: unknown;
}

/** The value a GLOBAL / STACK_GLOBAL pushes. */
export class GlobalRef {
  constructor(
    readonly module: string,
    readonly name: string,
    readonly spec: GlobalSpec,
  ) {}
  toString(): string {
    return `${this.module}.${this.name}`;
  }
}

/** Objects that accept BUILD implement this. */
export const SET_STATE = Symbol('setState');

export interface Buildable {
  [SET_STATE](state: unknown, ctx: CallContext): void;
}

export function isBuildable(value: unknown): value is Buildable {
  return typeof value === 'object' && value !== null && SET_STATE in value;
}

/** A short description of a value's type, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'None';
  if (value instanceof GlobalRef) return `global ${value}`;
  if (value instanceof PickleObject) return `${value.className} object`;
  if (value instanceof Map) return 'dict';
  if (value instanceof Set) return 'set';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return Object.isFrozen(value) ? 'tuple' : 'list';
  return typeof value;
}
