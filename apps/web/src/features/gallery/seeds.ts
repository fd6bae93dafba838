// The seeds field of “Generate faces”.

/** Parses "1, 2, 5-7" into seeds (integers ≥ 0), at most `max` (the API's limit), or returns an error message. */
export function parseSeeds(text: string, max: number): number[] | string {
  const seeds: number[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a) return `“${part}” is not a valid range.`;
      for (let s = a; s <= b && seeds.length <= max; s++) seeds.push(s);
    } else if (/^\d+$/.test(part)) {
      seeds.push(Number(part));
    } else {
      return `“${part}” is not a seed: use whole numbers like 1, 2, 5-7.`;
    }
  }
  if (seeds.length === 0) return 'Enter at least one seed.';
  if (seeds.length > max) return `At most ${max} faces at a time.`;
  if (seeds.some((s) => s > 2 ** 31 - 1)) return 'Seeds must be below 2147483648.';
  return [...new Set(seeds)];
}
