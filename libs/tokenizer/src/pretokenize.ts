/**
 * CLIP's pre-tokenisation pattern (clip.md §4.2), case-insensitive, alternatives tried in order. `\s` is
 * written as `\p{White_Space}` because that is what Python's `regex` module means by it (JS `\s` also
 * matches U+FEFF and misses U+0085).
 */
const PRETOKEN_RE =
  /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\p{White_Space}\p{L}\p{N}]+/giu;

/** Split cleaned text into pre-tokens (whitespace is dropped; every digit is its own pre-token). */
export function pretokenize(cleaned: string): string[] {
  return cleaned.match(PRETOKEN_RE) ?? [];
}
