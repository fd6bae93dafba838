import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '@styleclip/testing';
import { ClipTokenizer, EOT_ID, SOT_ID, decode, defaultTokenizer, encode, tokenize } from './tokenizer';

interface Vector {
  text: string;
  ids: number[];
  n_tokens_before_padding: number;
  bpe_tokens: string[];
  truncated?: boolean;
  note?: string;
}

const vectors = JSON.parse(readFileSync(dataPath('clip_tokenizer_vectors.json'), 'utf8')) as Vector[];

describe('CLIP reference vectors', () => {
  it('has the 27 vectors', () => {
    expect(vectors).toHaveLength(27);
  });

  it.each(vectors.map((v) => [JSON.stringify(v.text).slice(0, 60), v] as const))('%s', (_name, v) => {
    const batch = tokenize(v.text);
    expect(batch.shape).toEqual([1, 77]);
    expect(Array.from(batch.ids, Number)).toEqual(v.ids);
    expect(batch.lengths[0]).toBe(v.n_tokens_before_padding);
    expect(batch.truncated[0]).toBe(v.truncated === true);
    const content = defaultTokenizer().tokens(v.text);
    if (!v.truncated) expect(['<|startoftext|>', ...content, '<|endoftext|>']).toEqual(v.bpe_tokens);
  });

  it('tokenizes a batch into one row per text, in order', () => {
    const batch = tokenize(vectors.map((v) => v.text));
    expect(batch.shape).toEqual([vectors.length, 77]);
    expect(Array.from(batch.ids, Number)).toEqual(vectors.flatMap((v) => v.ids));
    expect(batch.truncated).toEqual(vectors.map((v) => v.truncated === true));
  });
});

describe('truncation', () => {
  const long = vectors.find((v) => v.truncated)!;

  it('cuts to SOT + 75 tokens + EOT and says so', () => {
    const full = encode(long.text);
    expect(full.length).toBeGreaterThan(75);
    const { ids, truncated, lengths } = tokenize([long.text, 'a dog']);
    expect(truncated).toEqual([true, false]);
    expect(lengths).toEqual([77, 4]);
    const row = Array.from(ids.subarray(0, 77), Number);
    expect(row).toEqual([SOT_ID, ...full.slice(0, 75), EOT_ID]);
  });

  it('throws with truncate: false, naming the text', () => {
    expect(() => tokenize(['a cat', long.text], { truncate: false })).toThrow(
      /text 1 is \d+ tokens.*contextLength 77/,
    );
  });

  it('honours a custom context length', () => {
    const { ids, truncated, shape } = tokenize('a face with a smile', { contextLength: 5 });
    expect(shape).toEqual([1, 5]);
    expect(truncated).toEqual([true]);
    expect(Array.from(ids, Number)).toEqual([SOT_ID, 320, 1710, 593, EOT_ID]);
    expect(() => tokenize('x', { contextLength: 1 })).toThrow(/contextLength/);
  });
});

describe('decode', () => {
  it('round-trips ASCII words (each word ends with a space, like Python)', () => {
    for (const text of ['a face with a smile', 'mohawk hairstyle', 'a photograph of a smiling woman']) {
      expect(decode(encode(text))).toBe(text + ' ');
    }
  });

  it('round-trips ASCII text up to cleaning and pre-token spacing', () => {
    const text = "Hello, world! It's 2024: pi=3.14 & 42 apples...";
    expect(decode(encode(text))).toBe("hello , world ! it 's 2 0 2 4 : pi = 3 . 1 4 & 4 2 apples ... ");
  });

  it('decodes multi-byte UTF-8 and special tokens, accepts bigint ids, rejects unknown ids', () => {
    expect(decode(encode('猫の写真 café'))).toBe('猫の写真 café ');
    expect(decode(tokenize('a dog').ids.subarray(0, 4))).toBe('<|startoftext|>a dog <|endoftext|>');
    expect(() => decode([49408])).toThrow(/49408 at position 0/);
  });
});

describe('vocabulary', () => {
  it('has the documented ids', () => {
    const { encoder, decoder } = defaultTokenizer().vocabulary;
    expect(decoder).toHaveLength(49408);
    expect(encoder.get('!')).toBe(0);
    expect(encoder.get('a')).toBe(64);
    expect(encoder.get('\u0120')).toBe(220);
    expect(encoder.get('a</w>')).toBe(320);
    expect(encoder.get('in')).toBe(512);
    expect(encoder.get('jekyll</w>')).toBe(49405);
    expect(encoder.get('<|startoftext|>')).toBe(SOT_ID);
    expect(encoder.get('<|endoftext|>')).toBe(EOT_ID);
  });

  it('is loaded once and shared', () => {
    expect(defaultTokenizer()).toBe(defaultTokenizer());
  });

  it('reports a missing vocabulary file by path', () => {
    expect(() => ClipTokenizer.load('/nonexistent/vocab.txt.gz')).toThrow(/\/nonexistent\/vocab\.txt\.gz/);
  });

  it('gives identical ids on a second (cached) pass', () => {
    const texts = ['a bad photo of a face with glasses.', 'a sculpture of a face with glasses.'];
    const first = Array.from(tokenize(texts).ids);
    expect(Array.from(tokenize(texts).ids)).toEqual(first);
  });
});
