import { CP1252_HIGH } from './cp1252';
import { ENTITY_CODEPOINTS, LEGACY_ENTITY_NAMES } from './html-entities';

/**
 * HTML character-reference decoding with the semantics of Python's `html.unescape` (used twice by CLIP's
 * `basic_clean`) and of ftfy's `unescape_html` (run inside ftfy's fix loop). Named references are limited
 * to the table in `html-entities.ts`; numeric references are complete.
 */

const namedChar = (name: string): string | undefined => {
  const cp = ENTITY_CODEPOINTS[name];
  return cp === undefined ? undefined : String.fromCodePoint(cp);
};

/** Python `html._invalid_charrefs`: NUL, CR and the cp1252 reading of 0x80–0x9F. */
function invalidCharref(num: number): string | undefined {
  if (num === 0x00) return '\ufffd';
  if (num === 0x0d) return '\r';
  if (num >= 0x80 && num <= 0x9f) return String.fromCodePoint(CP1252_HIGH[num - 0x80]!);
  return undefined;
}

/** Python `html._invalid_codepoints`: references to these decode to nothing. */
function isInvalidCodepoint(num: number): boolean {
  return (
    (num >= 0x01 && num <= 0x08) ||
    num === 0x0b ||
    (num >= 0x0e && num <= 0x1f) ||
    (num >= 0x7f && num <= 0x9f) ||
    (num >= 0xfdd0 && num <= 0xfdef) ||
    (num <= 0x10ffff && (num & 0xfffe) === 0xfffe)
  );
}

/** Parse the digits of a numeric reference like Python's int(): leading zeros are fine, huge is huge. */
function parseNumber(digits: string, radix: 10 | 16): number {
  const trimmed = digits.replace(/^0+/, '');
  if (trimmed === '') return 0;
  if (trimmed.length > 12) return Number.POSITIVE_INFINITY;
  return Number.parseInt(trimmed, radix);
}

function numericReference(body: string): string {
  const hex = body[1] === 'x' || body[1] === 'X';
  const digits = body.slice(hex ? 2 : 1).replace(/;$/, '');
  const num = parseNumber(digits, hex ? 16 : 10);
  const replaced = invalidCharref(num);
  if (replaced !== undefined) return replaced;
  if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff) return '\ufffd';
  if (isInvalidCodepoint(num)) return '';
  return String.fromCodePoint(num);
}

function namedReference(body: string): string {
  if (body.endsWith(';')) {
    const char = namedChar(body.slice(0, -1));
    if (char !== undefined) return char;
  } else if (LEGACY_ENTITY_NAMES.has(body)) {
    return namedChar(body)!;
  }
  // The longest prefix (at least two characters) that is a name valid without ';'.
  for (let x = body.length - 1; x > 1; x--) {
    const prefix = body.slice(0, x);
    if (LEGACY_ENTITY_NAMES.has(prefix)) return namedChar(prefix)! + body.slice(x);
  }
  return '&' + body;
}

const CHARREF_RE = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;

/** Python's `html.unescape(s)`. */
export function htmlUnescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHARREF_RE, (_match, body: string) =>
    body[0] === '#' ? numericReference(body) : namedReference(body),
  );
}

/**
 * ftfy's table: `&name;` for every known name, plus an upper-cased alias `&NAME;` for lower-case names when
 * the upper-cased form means nothing to `html.unescape` (so "&EACUTE;" → "É").
 */
const FTFY_ENTITIES: ReadonlyMap<string, string> = (() => {
  const table = new Map<string, string>();
  for (const name of Object.keys(ENTITY_CODEPOINTS)) {
    const char = namedChar(name)!;
    table.set(`&${name};`, char);
  }
  for (const name of Object.keys(ENTITY_CODEPOINTS)) {
    if (name !== name.toLowerCase()) continue;
    const upper = `&${name.toUpperCase()};`;
    if (!table.has(upper) && htmlUnescape(upper) === upper) table.set(upper, namedChar(name)!.toUpperCase());
  }
  return table;
})();

const FTFY_ENTITY_RE = /&#?[0-9A-Za-z]{1,24};/g;

/** ftfy's `unescape_html`: only complete `&…;` references, with the upper-case aliases. */
export function ftfyUnescapeHtml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(FTFY_ENTITY_RE, (match) => {
    const known = FTFY_ENTITIES.get(match);
    if (known !== undefined) return known;
    if (match.startsWith('&#')) {
      const unescaped = htmlUnescape(match);
      return unescaped.includes(';') ? match : unescaped;
    }
    return match;
  });
}
