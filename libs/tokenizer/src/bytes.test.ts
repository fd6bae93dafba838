import { describe, expect, it } from 'vitest';
import { BYTE_CHARS_IN_VOCAB_ORDER, BYTE_TO_CHAR, fromByteChars, toByteChars } from './bytes';

describe('byte ↔ unicode table', () => {
  it('maps bytes as in clip.md §4.3', () => {
    expect(BYTE_TO_CHAR[0x21]).toBe('!');
    expect(BYTE_TO_CHAR[0x20]).toBe('\u0120');
    expect(BYTE_TO_CHAR[0x00]).toBe('\u0100');
    expect(BYTE_TO_CHAR[0xad]).toBe('\u0143');
    expect(new Set(BYTE_TO_CHAR).size).toBe(256);
  });

  it('lists characters in vocabulary order', () => {
    expect(BYTE_CHARS_IN_VOCAB_ORDER).toHaveLength(256);
    expect(BYTE_CHARS_IN_VOCAB_ORDER[0]).toBe('!');
    expect(BYTE_CHARS_IN_VOCAB_ORDER[64]).toBe('a');
    expect(BYTE_CHARS_IN_VOCAB_ORDER[93]).toBe('~');
    expect(BYTE_CHARS_IN_VOCAB_ORDER[94]).toBe('\u00a1');
    expect(BYTE_CHARS_IN_VOCAB_ORDER[187]).toBe('\u00ff');
    expect(BYTE_CHARS_IN_VOCAB_ORDER[188]).toBe('\u0100');
    expect(BYTE_CHARS_IN_VOCAB_ORDER[220]).toBe('\u0120');
    expect(BYTE_CHARS_IN_VOCAB_ORDER[255]).toBe('\u0143');
  });

  it('round-trips UTF-8 through byte characters', () => {
    const text = 'caf\u00e9 \u732b \ud83d\ude00';
    const chars = toByteChars(text);
    expect(chars.slice(0, 6)).toBe('caf\u00c3\u00a9\u0120');
    expect(new TextDecoder().decode(fromByteChars(chars))).toBe(text);
    expect(() => fromByteChars('a\u0200')).toThrow(/U\+0200 at 1/);
  });
});
