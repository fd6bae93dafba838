/**
 * Windows-1252 bytes 0x80–0x9F as code points, "sloppy" variant: the five bytes cp1252 leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) stand for the C1 control with the same number, as browsers and ftfy do.
 * Bytes 0x00–0x7F and 0xA0–0xFF are the same code point in cp1252 and Latin-1.
 */
export const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/** Code point → byte for the characters cp1252 puts at 0x80–0x9F (not including the C1 pass-throughs). */
const CP1252_REVERSE: ReadonlyMap<number, number> = new Map(
  CP1252_HIGH.flatMap((cp, i) => (cp >= 0x100 ? [[cp, 0x80 + i] as [number, number]] : [])),
);

/** Decode one byte as sloppy Windows-1252. */
export function cp1252Char(byte: number): string {
  return String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : byte);
}

/**
 * The byte a character would have had in a Latin-1 / Windows-1252 mix-up: U+0000–U+00FF are their own
 * byte (so a raw C1 control counts as Latin-1), and the 27 cp1252 punctuation/letter characters get their
 * cp1252 byte. Returns −1 for anything else.
 */
export function singleByteOf(codePoint: number): number {
  if (codePoint <= 0xff) return codePoint;
  return CP1252_REVERSE.get(codePoint) ?? -1;
}

/** The characters (as a regex class body) that sit at bytes 0x80–0x9F in cp1252 or Latin-1. */
export const HIGH_CONTROL_CLASS =
  '\\u0080-\\u009f' +
  CP1252_HIGH.filter((cp) => cp >= 0x100)
    .map((cp) => '\\u' + cp.toString(16).padStart(4, '0'))
    .join('');
