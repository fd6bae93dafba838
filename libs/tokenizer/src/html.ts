import { decodeHTML, DecodingMode } from 'entities';
import { CP1252_HIGH } from './cp1252';

/**
 * HTML character-reference decoding with the semantics of Python's `html.unescape` (used twice by CLIP's
 * `basic_clean`) and of ftfy's `unescape_html` (run inside ftfy's fix loop). Named references use the full
 * WHATWG HTML5 table (2231 names, 106 of them also valid without ';') from the `entities` package; the
 * matching rules (which text counts as a reference, the longest name valid without ';') and numeric
 * references follow Python. Checked against CPython on every name (`html-unescape.vectors.json`).
 */

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

/**
 * Parse the digits of a numeric reference like Python's int(): leading zeros are fine, huge is huge. (Python
 * raises for more than 4300 decimal digits; such a reference decodes to U+FFFD here, like any number past
 * U+10FFFF.)
 */
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

/**
 * A named reference `&body` (body: up to 32 characters, no `&`, `#`, `;` or space inside, maybe one `;` at
 * the end). Python decodes the whole body when it is a name (`name;`, or a name valid without ';'), else its
 * longest prefix (two characters or more) that is a name valid without ';', keeping the rest as text; in
 * all other cases the text stays. That is the HTML5 tokenizer's longest match in text content, which is what
 * `entities` implements in its legacy mode, so the body alone (it holds no other reference) is decoded by it.
 */
function namedReference(body: string): string {
  return decodeHTML('&' + body, DecodingMode.Legacy);
}

const CHARREF_RE = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;

/** Python's `html.unescape(s)`. */
export function htmlUnescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHARREF_RE, (_match, body: string) =>
    body[0] === '#' ? numericReference(body) : namedReference(body),
  );
}

/** The value of `&name;` when `name;` is exactly an HTML5 name (strict mode decodes nothing shorter). */
function exactName(name: string): string | undefined {
  const reference = `&${name};`;
  const decoded = decodeHTML(reference, DecodingMode.Strict);
  return decoded === reference ? undefined : decoded;
}

/**
 * An entry of ftfy's table for `&name;`: every HTML5 name ending in ';', plus an upper-cased alias for each
 * lower-case name whose upper-cased form means nothing to `html.unescape` (so `&EACUTE;` → `É`, `&SZLIG;` →
 * `SS`, but `&AMP;` stays the name it already is).
 */
function ftfyEntity(name: string): string | undefined {
  const exact = exactName(name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  if (lower.toUpperCase() !== name) return undefined;
  const char = exactName(lower);
  if (char === undefined) return undefined;
  const upper = `&${name};`;
  return htmlUnescape(upper) === upper ? char.toUpperCase() : undefined;
}

const FTFY_ENTITY_RE = /&#?[0-9A-Za-z]{1,24};/g;

/** ftfy's `unescape_html`: only complete `&…;` references, with the upper-case aliases. */
export function ftfyUnescapeHtml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(FTFY_ENTITY_RE, (match) => {
    if (match.startsWith('&#')) {
      const unescaped = htmlUnescape(match);
      return unescaped.includes(';') ? match : unescaped;
    }
    return ftfyEntity(match.slice(1, -1)) ?? match;
  });
}
