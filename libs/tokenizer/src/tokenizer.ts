import { bpe } from './bpe';
import { fromByteChars, toByteChars } from './bytes';
import { cleanText } from './clean';
import { pretokenize } from './pretokenize';
import { END_OF_TEXT, START_OF_TEXT, loadVocabulary, type ClipVocabulary } from './vocab';

export const SOT_ID = 49406;
export const EOT_ID = 49407;
export const PAD_ID = 0;
export const CONTEXT_LENGTH = 77;

/** Per-word BPE results kept by one tokenizer; cleared when full (a word costs ~100 bytes). */
const BPE_CACHE_LIMIT = 100_000;

export interface TokenizeOptions {
  /** Row length, SOT and EOT included. Default 77 (CLIP's context). */
  contextLength?: number;
  /**
   * Default true: a row longer than `contextLength` keeps SOT + the first `contextLength − 2` tokens + EOT
   * and is flagged in `truncated`. With false, such a text throws instead (CLIP's own default).
   */
  truncate?: boolean;
}

export interface TokenizedBatch {
  /** Row-major `[N, contextLength]` token ids, zero-padded (OpenAI's padding). */
  ids: BigInt64Array;
  /** `[N, contextLength]` */
  shape: [number, number];
  /** Whether row i was cut to fit. */
  truncated: boolean[];
  /** Tokens in row i before the padding, SOT and EOT included. */
  lengths: number[];
}

const utf8Lenient = new TextDecoder('utf-8');

/** The OpenAI CLIP tokenizer (`clip/simple_tokenizer.py` + `clip.tokenize`), id for id. */
export class ClipTokenizer {
  readonly vocabulary: ClipVocabulary;
  private readonly cache = new Map<string, readonly number[]>();

  constructor(vocabulary: ClipVocabulary) {
    this.vocabulary = vocabulary;
  }

  /** A tokenizer over a gzipped vocabulary file; by default the one shipped in this package. */
  static load(vocabPath?: string): ClipTokenizer {
    return new ClipTokenizer(loadVocabulary(vocabPath));
  }

  /** Token ids of `text` after CLIP's cleaning, without SOT/EOT. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const pre of pretokenize(cleanText(text))) {
      for (const id of this.encodeWord(pre)) ids.push(id);
    }
    return ids;
  }

  /** The BPE token strings of `text` (byte characters, "</w>" ends a word), without SOT/EOT. */
  tokens(text: string): string[] {
    return this.encode(text).map((id) => this.vocabulary.decoder[id]!);
  }

  /** Python's `decode`: concatenate token strings, bytes → UTF-8 (invalid → U+FFFD), "</w>" → " ". */
  decode(ids: Iterable<number | bigint>): string {
    const { decoder } = this.vocabulary;
    let chars = '';
    let position = 0;
    for (const raw of ids) {
      const id = Number(raw);
      const token = decoder[id];
      if (token === undefined) {
        throw new Error(
          `decode: id ${String(raw)} at position ${position} is outside the vocabulary [0, ${decoder.length})`,
        );
      }
      chars += token;
      position++;
    }
    return utf8Lenient.decode(fromByteChars(chars)).replaceAll('</w>', ' ');
  }

  /** `clip.tokenize`: `[SOT] + encode(text) + [EOT]` per text, cut or rejected past the context, padded with 0. */
  tokenize(texts: string | readonly string[], options: TokenizeOptions = {}): TokenizedBatch {
    const { contextLength = CONTEXT_LENGTH, truncate = true } = options;
    if (!Number.isInteger(contextLength) || contextLength < 2) {
      throw new Error(
        `tokenize: contextLength must be an integer ≥ 2 (room for SOT and EOT), got ${contextLength}`,
      );
    }
    const list = typeof texts === 'string' ? [texts] : texts;
    const ids = new BigInt64Array(list.length * contextLength);
    const truncated: boolean[] = [];
    const lengths: number[] = [];
    list.forEach((text, row) => {
      const tokens = [SOT_ID, ...this.encode(text), EOT_ID];
      const cut = tokens.length > contextLength;
      if (cut) {
        if (!truncate) {
          throw new Error(
            `tokenize: text ${row} is ${tokens.length} tokens with SOT/EOT, more than contextLength ${contextLength} ` +
              `(pass truncate: true to cut it): ${JSON.stringify(text.slice(0, 80))}${text.length > 80 ? '…' : ''}`,
          );
        }
        tokens.length = contextLength;
        tokens[contextLength - 1] = EOT_ID;
      }
      const base = row * contextLength;
      for (let i = 0; i < tokens.length; i++) ids[base + i] = BigInt(tokens[i]!);
      truncated.push(cut);
      lengths.push(tokens.length);
    });
    return { ids, shape: [list.length, contextLength], truncated, lengths };
  }

  private encodeWord(pre: string): readonly number[] {
    const word = toByteChars(pre);
    const cached = this.cache.get(word);
    if (cached) return cached;
    let ids: readonly number[];
    if (word === START_OF_TEXT) ids = [SOT_ID];
    else if (word === END_OF_TEXT) ids = [EOT_ID];
    else {
      ids = bpe(word, this.vocabulary.ranks).map((token) => {
        const id = this.vocabulary.encoder.get(token);
        if (id === undefined)
          throw new Error(`encode: BPE produced ${JSON.stringify(token)}, not in the vocabulary`);
        return id;
      });
    }
    if (this.cache.size >= BPE_CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, ids);
    return ids;
  }
}

let shared: ClipTokenizer | undefined;

/** The package's tokenizer over the shipped vocabulary, loaded (gunzip + parse) on first use, once. */
export function defaultTokenizer(): ClipTokenizer {
  shared ??= ClipTokenizer.load();
  return shared;
}

/** `clip.tokenize` with the shipped vocabulary. See {@link ClipTokenizer.tokenize}. */
export const tokenize = (texts: string | readonly string[], options?: TokenizeOptions): TokenizedBatch =>
  defaultTokenizer().tokenize(texts, options);

/** Token ids without SOT/EOT, with the shipped vocabulary. */
export const encode = (text: string): number[] => defaultTokenizer().encode(text);

/** Ids → text, with the shipped vocabulary. */
export const decode = (ids: Iterable<number | bigint>): string => defaultTokenizer().decode(ids);
