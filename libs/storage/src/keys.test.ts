import { describe, expect, it } from 'vitest';
import { validateKey, validatePrefix } from './keys';

describe('validateKey', () => {
  it('accepts ordinary keys', () => {
    for (const k of ['a', 'blobs/images/ab/cd.png', 'records/job/2026-01-01_x.json', 'A-Z_0.9']) {
      expect(validateKey(k)).toBe(k);
    }
  });

  it('says what is wrong', () => {
    expect(() => validateKey('a/../b')).toThrow('invalid key "a/../b": segment ".." starts with "."');
    expect(() => validateKey('/a')).toThrow('must not start with "/"');
    expect(() => validateKey('a b')).toThrow('only A-Z a-z 0-9 / _ . - are allowed');
    expect(() => validateKey('x'.repeat(513))).toThrow('longer than 512 characters (513)');
    expect(() => validateKey(42)).toThrow('expected a string');
  });

  it('accepts partial prefixes', () => {
    expect(validatePrefix('')).toBe('');
    expect(validatePrefix('records/im')).toBe('records/im');
    expect(validatePrefix('records/')).toBe('records/');
    expect(() => validatePrefix('../')).toThrow(/invalid prefix/);
  });
});
