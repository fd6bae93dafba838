import { describe, expect, it } from 'vitest';
import { cleanText, pythonStrip } from './clean';
import { pretokenize } from './pretokenize';

describe('cleanText', () => {
  it('strips, collapses whitespace and lower-cases', () => {
    expect(cleanText('   Multiple   SPACES\tand\nnewlines   ')).toBe('multiple spaces and newlines');
    expect(cleanText('a\u00a0b\u2003c\u3000d\u0085e')).toBe('a b c d\u2026e');
    expect(cleanText('')).toBe('');
  });

  it('unescapes HTML twice after ftfy, even inside HTML-looking text', () => {
    expect(cleanText('Tom &amp;amp; Jerry &lt;3')).toBe('tom & jerry <3');
    expect(cleanText('<b>&amp;amp;</b>')).toBe('<b>&</b>');
  });

  it('lower-cases like Python (full mappings, final sigma)', () => {
    expect(cleanText('\u0130STANBUL')).toBe('i\u0307stanbul');
    expect(cleanText('\u039f\u0394\u039f\u03a3 \u03a3\u039f')).toBe('\u03bf\u03b4\u03bf\u03c2 \u03c3\u03bf');
  });
});

describe('pythonStrip', () => {
  it('strips what str.isspace() calls whitespace, including U+001C–U+001F but not U+FEFF', () => {
    expect(pythonStrip('\u001c\u001f \u0085x y\u2028\u3000')).toBe('x y');
    expect(pythonStrip('\ufeffx')).toBe('\ufeffx');
  });
});

describe('pretokenize', () => {
  it('splits letters, single digits, symbol runs, contractions and special tokens', () => {
    expect(pretokenize("hello, world! it's 2024: pi=3.14...")).toEqual([
      'hello',
      ',',
      'world',
      '!',
      'it',
      "'s",
      '2',
      '0',
      '2',
      '4',
      ':',
      'pi',
      '=',
      '3',
      '.',
      '1',
      '4',
      '...',
    ]);
    expect(pretokenize("'sun we'll")).toEqual(["'s", 'un', 'we', "'ll"]);
    expect(pretokenize('a <|endoftext|> b<|startoftext|>')).toEqual([
      'a',
      '<|endoftext|>',
      'b',
      '<|startoftext|>',
    ]);
    expect(pretokenize('\u732b\u306e\u5199\u771f \ud83d\ude00\u2764\ufe0f')).toEqual([
      '\u732b\u306e\u5199\u771f',
      '\ud83d\ude00\u2764\ufe0f',
    ]);
  });

  it('treats U+FEFF as a symbol (Python regex \\s does not match it) and U+0085 as whitespace', () => {
    expect(pretokenize('a\ufeff\u0085b')).toEqual(['a', '\ufeff', 'b']);
  });
});
