import { basename } from 'node:path';
import { byteSwapInPlace, itemSize, viewData, type DType } from '../dtype';
import { float16BitsToNumber } from '../half';
import { brandLazyTensor, type LazyTensor } from '../lazy';
import { decodeNpyData, parseNumpyDescr } from '../npy';
import { numel, type Tensor } from '../tensor';
import {
  latin1ToBytes,
  SET_STATE,
  type Buildable,
  type CallContext,
  GlobalRef,
  type GlobalSpec,
} from './values';

/** `numpy.dtype(code, align, copy)` followed by BUILD (which sets the byte order). */
export class NumpyDType implements Buildable {
  readonly dtype: DType;
  byteOrder: string;
  constructor(code: unknown, ctx: CallContext) {
    if (typeof code !== 'string') ctx.fail('numpy.dtype without a type code');
    const parsed = parseNumpyDescr(code);
    if (!parsed) ctx.fail(`numpy dtype '${code}' is not supported (numeric and bool dtypes only)`);
    this.dtype = parsed.dtype;
    this.byteOrder = parsed.byteOrder || '=';
  }
  [SET_STATE](state: unknown, ctx: CallContext): void {
    if (!Array.isArray(state) || state.length < 8) ctx.fail('numpy dtype state is not an 8+-tuple');
    if (state[3] !== null || state[4] !== null) ctx.fail('structured numpy dtypes are not supported');
    if (typeof state[1] === 'string') this.byteOrder = state[1];
  }
  get bigEndian(): boolean {
    return this.byteOrder === '>';
  }
}

function asDType(value: unknown, ctx: CallContext): NumpyDType {
  if (!(value instanceof NumpyDType)) ctx.fail('numpy array without a numpy dtype');
  return value;
}

function asBytes(value: unknown, ctx: CallContext): Uint8Array {
  if (value instanceof Uint8Array) return value.slice();
  // Python-2 era pickles (and torch's latin-1 decoding) turn byte strings into latin-1 text.
  if (typeof value === 'string') return latin1ToBytes(value, ctx, 'numpy data string is not latin-1');
  if (Array.isArray(value)) ctx.fail('numpy object arrays (data as a list) are not supported');
  return ctx.fail('numpy array data is not bytes');
}

/** A numpy array from a pickle: `_reconstruct(ndarray, (0,), b'b')` + BUILD, or `_frombuffer(...)`. */
export class NumpyArray implements LazyTensor, Buildable {
  dtype: DType = 'uint8';
  shape: readonly number[] = [0];
  readonly source: string;
  private tensor: Tensor | undefined;

  constructor(where: string) {
    this.source = `${basename(where)}: numpy array`;
    brandLazyTensor(this);
  }

  fill(
    shapeValue: unknown,
    dtypeValue: unknown,
    fortran: boolean,
    dataValue: unknown,
    ctx: CallContext,
  ): void {
    if (!Array.isArray(shapeValue)) ctx.fail('numpy array shape is not a tuple');
    const shape = shapeValue.map((d) => {
      const n = typeof d === 'bigint' ? Number(d) : d;
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
        ctx.fail(`bad numpy shape entry ${String(d)}`);
      return n;
    });
    const type = asDType(dtypeValue, ctx);
    const bytes = asBytes(dataValue, ctx);
    const size = itemSize(type.dtype);
    if (bytes.length !== numel(shape) * size) {
      ctx.fail(
        `numpy array [${shape.join(', ')}] ${type.dtype} needs ${numel(shape) * size} bytes, has ${bytes.length}`,
      );
    }
    const tensor = decodeNpyData({ dtype: type.dtype, shape, fortran, bigEndian: type.bigEndian }, bytes);
    this.dtype = type.dtype;
    this.shape = Object.freeze(shape);
    this.tensor = tensor;
  }

  [SET_STATE](state: unknown, ctx: CallContext): void {
    if (!Array.isArray(state)) ctx.fail('numpy array state is not a tuple');
    const s = state.length === 5 ? state.slice(1) : state;
    if (s.length !== 4) ctx.fail(`numpy array state has ${state.length} items`);
    this.fill(s[0], s[1], s[2] === true, s[3], ctx);
  }

  load(): Promise<Tensor> {
    if (!this.tensor)
      return Promise.reject(new Error(`${this.source}: numpy array was never filled in (no BUILD)`));
    return Promise.resolve(this.tensor);
  }
}

/** `numpy.core.multiarray.scalar(dtype, bytes)` → number, bigint (int64 beyond 2^53) or boolean. */
function scalar(args: readonly unknown[], ctx: CallContext): unknown {
  const type = asDType(args[0], ctx);
  const bytes = asBytes(args[1], ctx);
  if (bytes.length !== itemSize(type.dtype)) ctx.fail(`numpy ${type.dtype} scalar has ${bytes.length} bytes`);
  if (type.bigEndian) byteSwapInPlace(bytes, bytes.length);
  const value = viewData(type.dtype, bytes)[0]!;
  if (type.dtype === 'bool') return value !== 0;
  if (type.dtype === 'float16') return float16BitsToNumber(value as number);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  return value;
}

function isNdarrayClass(value: unknown): boolean {
  return value instanceof GlobalRef && value.module === 'numpy' && value.name === 'ndarray';
}

const ndarray: GlobalSpec = {};

const reconstruct: GlobalSpec = {
  call(args, ctx) {
    if (!isNdarrayClass(args[0])) ctx.fail('numpy _reconstruct of something other than numpy.ndarray');
    return new NumpyArray(ctx.where);
  },
};

const fromBuffer: GlobalSpec = {
  call(args, ctx) {
    const [buffer, dtype, shape, order] = args;
    const array = new NumpyArray(ctx.where);
    array.fill(shape, dtype, order === 'F', buffer, ctx);
    return array;
  },
};

const dtypeSpec: GlobalSpec = {
  call: (args, ctx) => new NumpyDType(args[0], ctx),
};

const scalarSpec: GlobalSpec = { call: scalar };

/** numpy globals by "module.name" (numpy 1.x `numpy.core` and numpy 2.x `numpy._core` spellings). */
export const NUMPY_GLOBALS: ReadonlyMap<string, GlobalSpec> = new Map<string, GlobalSpec>([
  ['numpy.ndarray', ndarray],
  ['numpy.dtype', dtypeSpec],
  ...['numpy.core', 'numpy._core'].flatMap((core): [string, GlobalSpec][] => [
    [`${core}.multiarray._reconstruct`, reconstruct],
    [`${core}.multiarray.scalar`, scalarSpec],
    [`${core}.numeric._frombuffer`, fromBuffer],
  ]),
]);
