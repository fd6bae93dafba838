/**
 * Byte-pair encoding of one pre-token that is already written in byte characters (clip.md §4.5): split into
 * characters with "</w>" glued to the last, then repeatedly merge every occurrence of the adjacent pair with
 * the lowest rank until no ranked pair is left.
 */
export function bpe(token: string, ranks: ReadonlyMap<string, number>): string[] {
  if (token.length === 0) return [];
  let word: string[] = token.split('');
  word[word.length - 1] += '</w>';
  while (word.length > 1) {
    let best = Number.POSITIVE_INFINITY;
    let first = '';
    let second = '';
    for (let i = 0; i < word.length - 1; i++) {
      const rank = ranks.get(word[i]! + ' ' + word[i + 1]!);
      if (rank !== undefined && rank < best) {
        best = rank;
        first = word[i]!;
        second = word[i + 1]!;
      }
    }
    if (best === Number.POSITIVE_INFINITY) break;
    const merged: string[] = [];
    for (let i = 0; i < word.length;) {
      if (i < word.length - 1 && word[i] === first && word[i + 1] === second) {
        merged.push(first + second);
        i += 2;
      } else {
        merged.push(word[i]!);
        i += 1;
      }
    }
    word = merged;
  }
  return word;
}
