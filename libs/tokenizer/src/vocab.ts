import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { BYTE_CHARS_IN_VOCAB_ORDER } from './bytes';

export const START_OF_TEXT = '<|startoftext|>';
export const END_OF_TEXT = '<|endoftext|>';
/** Merges CLIP reads from the file: lines 1 … 49152 − 256 − 2 (clip.md §4.4). */
export const MERGE_COUNT = 49152 - 256 - 2;
export const VOCAB_SIZE = 512 + MERGE_COUNT + 2;

/**
 * Path of the vocabulary shipped with this package (`data/bpe_simple_vocab_16e6.txt.gz`, MIT © 2021 OpenAI).
 * Resolved on call, not at import, so bundlers that rewrite `import.meta.url` do not break importing.
 */
export function defaultVocabPath(): string {
  return fileURLToPath(new URL('../data/bpe_simple_vocab_16e6.txt.gz', import.meta.url));
}

export interface ClipVocabulary {
  /** token string → id */
  readonly encoder: ReadonlyMap<string, number>;
  /** id → token string */
  readonly decoder: readonly string[];
  /** "left right" (the merge line itself) → rank; lower merges first */
  readonly ranks: ReadonlyMap<string, number>;
}

/** The first {@link MERGE_COUNT} merge lines ("left right") of a gunzipped vocabulary file. */
export function parseMerges(text: string, source = 'vocabulary'): string[] {
  const merges: string[] = [];
  let pos = text.indexOf('\n') + 1; // line 0 is the version header
  if (pos === 0) throw new Error(`${source}: no merge lines after the header`);
  while (merges.length < MERGE_COUNT) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    const space = line.indexOf(' ');
    if (space <= 0 || space === line.length - 1 || line.indexOf(' ', space + 1) >= 0) {
      throw new Error(
        `${source}: line ${merges.length + 1} is ${JSON.stringify(line.slice(0, 40))}, expected "left right" ` +
          `(need ${MERGE_COUNT} merges)`,
      );
    }
    merges.push(line);
    pos = end + 1;
  }
  return merges;
}

/** Build ids exactly as CLIP does: byte characters, the same with "</w>", merges in rank order, specials. */
export function buildVocabulary(merges: readonly string[]): ClipVocabulary {
  const decoder: string[] = [
    ...BYTE_CHARS_IN_VOCAB_ORDER,
    ...BYTE_CHARS_IN_VOCAB_ORDER.map((c) => c + '</w>'),
  ];
  const ranks = new Map<string, number>();
  merges.forEach((merge, rank) => {
    ranks.set(merge, rank);
    decoder.push(merge.replace(' ', ''));
  });
  decoder.push(START_OF_TEXT, END_OF_TEXT);
  const encoder = new Map<string, number>();
  decoder.forEach((token, id) => encoder.set(token, id));
  if (encoder.size !== decoder.length) {
    throw new Error(
      `buildVocabulary: ${decoder.length - encoder.size} duplicate tokens among ${decoder.length}`,
    );
  }
  return { encoder, decoder, ranks };
}

/** Read a gzipped CLIP vocabulary file (synchronously; callers cache the result). */
export function loadVocabulary(path: string = defaultVocabPath()): ClipVocabulary {
  let text: string;
  try {
    text = gunzipSync(readFileSync(path)).toString('utf8');
  } catch (cause) {
    throw new Error(`loadVocabulary: cannot read gzipped vocabulary ${path}: ${(cause as Error).message}`, {
      cause,
    });
  }
  return buildVocabulary(parseMerges(text, path));
}
