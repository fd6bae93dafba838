import { describe, expect, it } from 'vitest';
import { arr, int, obj, oneOf, opt, record, relPath, sha256Hex, str, ValidationError } from './index';

describe('validation', () => {
  const check = obj({ id: str, n: int, kind: oneOf('a', 'b'), tags: opt(arr(str)) });

  it('returns typed values and drops absent optionals', () => {
    expect(check({ id: 'x', n: 3, kind: 'a' }, 'r')).toEqual({ id: 'x', n: 3, kind: 'a' });
    expect(check({ id: 'x', n: 3, kind: 'b', tags: ['t'] }, 'r').tags).toEqual(['t']);
  });

  it('names the path of the first problem', () => {
    expect(() => check({ id: 'x', n: 'big', kind: 'a' }, 'r')).toThrow(
      new ValidationError('r.n: expected an integer, got "big"'),
    );
    expect(() => check({ id: 'x', n: 1, kind: 'c' }, 'r')).toThrow(/r.kind: expected "a" \| "b", got "c"/);
    expect(() => check({ id: 'x', n: 1, kind: 'a', tags: [1] }, 'r')).toThrow(
      /r.tags\[0\]: expected a string/,
    );
  });

  it('refuses unknown fields unless allowed', () => {
    expect(() => check({ id: 'x', n: 1, kind: 'a', typo: 1 }, 'r')).toThrow(/r.typo: expected no such field/);
    expect(obj({ id: str }, { allowUnknown: true })({ id: 'x', extra: 1 }, 'r')).toEqual({ id: 'x' });
  });

  it('checks maps, digests and relative paths', () => {
    expect(record(int)({ a: 1 }, 'm')).toEqual({ a: 1 });
    expect(() => sha256Hex('abc', 'h')).toThrow(/sha256/);
    expect(relPath('models/a.onnx', 'p')).toBe('models/a.onnx');
    expect(() => relPath('../../etc/passwd', 'p')).toThrow(/relative path/);
    expect(() => relPath('/abs', 'p')).toThrow(/relative path/);
  });
});
