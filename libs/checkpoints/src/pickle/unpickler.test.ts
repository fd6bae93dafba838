import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../errors';
import { isLazyTensor, type LazyTensor } from '../lazy';
import { NUMPY_PICKLES, PLAIN_PICKLES } from '../test-helpers/python-data';
import { PickleWriter } from '../test-helpers/pickle-writer';
import { OP } from './opcodes';
import { TruncatedPickleError, unpickle } from './unpickler';

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const load = (bytes: Uint8Array): unknown => unpickle(bytes, { file: 'test.pkl' }).value;

describe('unpickle: CPython pickles of plain data, protocols 0–5', () => {
  for (const [protocol, data] of Object.entries(PLAIN_PICKLES)) {
    it(`reads ${protocol}`, () => {
      const v = load(hex(data)) as Map<string, unknown>;
      expect(v).toBeInstanceOf(Map);
      expect(v.get('int')).toBe(7);
      expect(v.get('neg')).toBe(-300);
      expect(v.get('big')).toBe(2n ** 70n);
      expect(v.get('negbig')).toBe(-(2n ** 65n));
      expect(v.get('float')).toBe(2.5);
      expect(v.get('str')).toBe('héllo ☃');
      expect(v.get('bytes')).toEqual(Uint8Array.from([0, 255]));
      expect(v.get('barr')).toEqual(Uint8Array.from([97, 98]));
      expect(v.get('list')).toEqual([1, [2, 3]]);
      expect(v.get('tuple')).toEqual([1, 'a']);
      expect(Object.isFrozen(v.get('tuple'))).toBe(true);
      expect(v.get('none')).toBeNull();
      expect(v.get('t')).toBe(true);
      expect(v.get('f')).toBe(false);
      expect(v.get('set')).toEqual(new Set([1, 2]));
      expect(v.get('fset')).toEqual(new Set([3]));
      expect((v.get('nested') as Map<string, Map<string, number>>).get('k')!.get('deep')).toBe(1);
      const [a, b] = v.get('shared') as unknown[];
      expect(a).toBe(b); // the memo keeps shared references shared
    });
  }
});

describe('unpickle: numpy arrays and scalars (pickled StyleCLIP statistics files)', () => {
  const expectArrays = async (v: Map<string, unknown>): Promise<void> => {
    const t = async (k: string): Promise<{ dtype: string; shape: number[]; data: unknown }> => {
      const lazy = v.get(k) as LazyTensor;
      expect(isLazyTensor(lazy)).toBe(true);
      return lazy.load();
    };
    expect(await t('f32')).toEqual({
      dtype: 'float32',
      shape: [2, 3],
      data: Float32Array.from([0, 1, 2, 3, 4, 5]),
    });
    expect((await t('i64')).data).toEqual(BigInt64Array.from([-1n, 2n ** 40n, 3n]));
    expect(await t('f16')).toEqual({
      dtype: 'float16',
      shape: [3],
      data: Uint16Array.from([0x3800, 0xc000, 0x7bff]),
    });
    expect(await t('b')).toEqual({ dtype: 'bool', shape: [3], data: Uint8Array.from([1, 0, 1]) });
    expect(await t('fort')).toEqual({
      dtype: 'float64',
      shape: [2, 3],
      data: Float64Array.from([0, 1, 2, 3, 4, 5]),
    });
    expect(await t('be')).toEqual({ dtype: 'float32', shape: [4], data: Float32Array.from([0, 1, 2, 3]) });
    expect(await t('u8')).toEqual({ dtype: 'uint8', shape: [1, 2], data: Uint8Array.from([1, 255]) });
    expect(v.get('scalar_f8')).toBe(1.5);
    expect(v.get('scalar_i8')).toBe(-7);
    expect(v.get('scalar_b')).toBe(true);
    expect(v.get('scalar_f4')).toBe(0.25);
    const [mean, std] = v.get('smean') as LazyTensor[];
    expect((await mean!.load()).data).toEqual(Float32Array.from([1, 1, 1]));
    expect((await std!.load()).shape).toEqual([2]);
  };
  for (const [protocol, data] of Object.entries(NUMPY_PICKLES)) {
    it(`reads numpy 2.x ${protocol}`, async () => {
      await expectArrays(load(hex(data)) as Map<string, unknown>);
    });
  }
  it('reads numpy 1.x module names (numpy.core.multiarray)', async () => {
    const text = Buffer.from(NUMPY_PICKLES['p2']!, 'hex')
      .toString('latin1')
      .replaceAll('numpy._core', 'numpy.core');
    expect(text).toContain('numpy.core.multiarray\n_reconstruct');
    await expectArrays(load(Uint8Array.from(Buffer.from(text, 'latin1'))) as Map<string, unknown>);
  });
  it('refuses object arrays and structured dtypes clearly', () => {
    const w = new PickleWriter()
      .proto(2)
      .global('numpy', 'dtype')
      .mark()
      .str('O8')
      .bool(false)
      .bool(true)
      .tuple();
    expect(() => load(w.op(OP.REDUCE).stop())).toThrow(/numpy dtype 'O8' is not supported/);
  });
});

describe('unpickle: opcodes', () => {
  it('handles memo forms, stack manipulation and frames', () => {
    const w = new PickleWriter().proto(4).op(OP.FRAME, ...new PickleWriter().u64(0));
    w.op(OP.EMPTY_LIST).op(OP.MEMOIZE); // memo 0
    w.mark().str('a').put(300).int(1).op(OP.POP).get(300).op(OP.DUP).int(70000).int(-5).op(OP.APPENDS);
    w.text(OP.PUT, '7').text(OP.GET, '7').op(OP.POP);
    w.mark().int(1).int(2).op(OP.POP_MARK);
    w.op(OP.BINBYTES8, ...w.u64(2), 1, 2).op(OP.APPEND);
    w.op(OP.BYTEARRAY8, ...w.u64(1), 9).op(OP.APPEND);
    w.op(OP.SHORT_BINBYTES, 1, 3).op(OP.APPEND);
    w.op(OP.BINSTRING, ...w.u32(2), 0x68, 0xe9).op(OP.APPEND);
    w.op(OP.SHORT_BINSTRING, 1, 0x78).op(OP.APPEND);
    w.op(OP.BINUNICODE8, ...w.u64(1), 0x7a).op(OP.APPEND);
    w.op(OP.LONG4, ...w.u32(2), 0xff, 0x7f).op(OP.APPEND);
    w.op(OP.LONG1, 0).op(OP.APPEND);
    w.text(OP.INT, '01')
      .op(OP.APPEND)
      .text(OP.INT, '-12')
      .op(OP.APPEND)
      .text(OP.LONG, '123456789012345678901L')
      .op(OP.APPEND);
    w.text(OP.FLOAT, '-inf').op(OP.APPEND).float(0.1).op(OP.APPEND);
    w.op(OP.EMPTY_SET).mark().int(4).op(OP.ADDITEMS).op(OP.APPEND);
    w.mark().str('k').int(1).op(OP.DICT).op(OP.APPEND);
    w.mark().int(1).op(OP.LIST).op(OP.APPEND);
    w.int(1).int(2).int(3).op(OP.TUPLE3).op(OP.APPEND);
    const v = load(w.stop()) as unknown[];
    expect(v).toEqual([
      'a',
      'a',
      'a',
      70000,
      -5,
      Uint8Array.from([1, 2]),
      Uint8Array.from([9]),
      Uint8Array.from([3]),
      'hé',
      'x',
      'z',
      0x7fff,
      0,
      true,
      -12,
      123456789012345678901n,
      -Infinity,
      0.1,
      new Set([4]),
      new Map([['k', 1]]),
      [1],
      [1, 2, 3],
    ]);
  });
  it('returns where the pickle ended, for streams of pickles', () => {
    const a = new PickleWriter().proto(2).int(1).stop();
    const b = new PickleWriter().proto(2).str('two').stop();
    const both = Uint8Array.from([...a, ...b]);
    const first = unpickle(both, { file: 'f' });
    expect(first).toEqual({ value: 1, end: a.length });
    expect(unpickle(both, { file: 'f' }, first.end).value).toBe('two');
  });
  it('reports truncation, unknown opcodes and bad memo keys with the position', () => {
    const bytes = new PickleWriter().proto(2).str('hello').stop();
    const truncated = (): unknown =>
      unpickle(bytes.subarray(0, 6), { file: '/x/data.pkl', entry: 'archive/data.pkl' });
    expect(truncated).toThrow(TruncatedPickleError);
    expect(truncated).toThrow(
      /^data\.pkl: archive\/data\.pkl: truncated pickle: opcode 0x58 'X' \(BINUNICODE\)/,
    );
    expect(() => load(new PickleWriter().proto(2).op(OP.EXT1, 1).stop())).toThrow(
      /unsupported pickle opcode 0x82 \(EXT1\)/,
    );
    expect(() => load(new PickleWriter().proto(2).get(3).stop())).toThrow(
      /memo key 3 was never stored \(pickle byte 2\)/,
    );
    expect(() => load(new PickleWriter().proto(2).op(OP.BINPERSID).stop())).toThrow(CheckpointError);
    expect(() => load(new PickleWriter().proto(2).int(1).int(2).stop())).toThrow(/unbalanced stack/);
  });
  it('rejects REDUCE/BUILD on values that are not allow-listed constructors', () => {
    const reduceOnStr = new PickleWriter().proto(2).str('os.system').op(OP.EMPTY_TUPLE, OP.REDUCE).stop();
    expect(() => load(reduceOnStr)).toThrow(/REDUCE: string cannot be called/);
    const buildOnList = new PickleWriter().proto(2).op(OP.EMPTY_LIST, OP.EMPTY_DICT, OP.BUILD).stop();
    expect(() => load(buildOnList)).toThrow(/BUILD on a list/);
    const storageCall = new PickleWriter()
      .proto(2)
      .global('torch', 'FloatStorage')
      .op(OP.EMPTY_TUPLE, OP.REDUCE)
      .stop();
    expect(() => load(storageCall)).toThrow(/global torch\.FloatStorage cannot be called/);
  });
});
