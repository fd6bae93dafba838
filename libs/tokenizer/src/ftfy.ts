import { HIGH_CONTROL_CLASS, cp1252Char, singleByteOf } from './cp1252';
import { ftfyUnescapeHtml } from './html';

/**
 * "ftfy-lite": the parts of `ftfy.fix_text` (default configuration) that matter for CLIP prompts, applied in
 * ftfy's order and repeated until the text stops changing (clip.md §4.1):
 *
 *   unescape HTML (only while no '<' has been seen) → fix mojibake → C1 controls as cp1252 → Latin
 *   ligatures → full/half width → uncurl quotes → line breaks → lone surrogates → terminal escapes →
 *   control characters → NFC.
 *
 * The mojibake repair is a reduced version of ftfy's: it undoes UTF-8 that was decoded as Latin-1 or
 * Windows-1252 (whole text, or run by run), without ftfy's badness heuristic and other code pages.
 */

const MAX_SEGMENT_LENGTH = 1_000_000;

// ---- mojibake ------------------------------------------------------------------------------------

const CONTINUATION = `[${HIGH_CONTROL_CLASS}\\u00a0-\\u00bf]`;
/** Runs of characters that read like UTF-8 lead + continuation bytes in Latin-1/cp1252. */
const MOJIBAKE_RUN_RE = new RegExp(
  `(?:[\\u00c2-\\u00df]${CONTINUATION}|[\\u00e0-\\u00ef]${CONTINUATION}{2}|[\\u00f0-\\u00f4]${CONTINUATION}{3})+`,
  'g',
);
/**
 * Characters that real text often puts right after an accented letter (punctuation, signs). A run made only
 * of such continuations after a lead other than Â/Ã ("Brontë…”") is left alone; ftfy's badness heuristic
 * makes the same call with many more rules.
 */
const PLAUSIBLE_AFTER_LETTER = new Set(
  '\u00a0\u00a1\u00ab\u00ad\u00ae\u00b0\u00b2\u00b3\u00b4\u00b7\u00b9\u00bb\u00bf\u00a9' +
    '\u2122\u2026\u2018\u2019\u201c\u201d\u2022\u2013\u2014',
);
const NON_ASCII_RE = /[\u0080-\uffff]/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Bytes of `text` read as single-byte text, or undefined when a character has no byte. */
function singleBytes(text: string, latin1Only: boolean): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte = latin1Only ? (code <= 0xff ? code : -1) : singleByteOf(code);
    // Sloppy cp1252 has no byte for the C1 controls it assigns to printable characters (0x80 → '€').
    if (byte < 0 || (!latin1Only && code >= 0x80 && code <= 0x9f && cp1252Char(code) !== text[i]))
      return undefined;
    out[i] = byte;
  }
  return out;
}

/** A run on its own (each character to its Latin-1/cp1252 byte, then strict UTF-8), if it looks broken. */
function decodeRun(run: string): string | undefined {
  let convincing = false;
  for (let i = 0; i < run.length && !convincing; i++) {
    const code = run.charCodeAt(i);
    const isLead = code >= 0xc0 && code <= 0xff;
    convincing = isLead ? code === 0xc2 || code === 0xc3 : !PLAUSIBLE_AFTER_LETTER.has(run[i]!);
  }
  if (!convincing) return undefined;
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) bytes[i] = singleByteOf(run.charCodeAt(i));
  return decodeUtf8(bytes);
}

function fixEncodingOnce(text: string): string {
  if (!NON_ASCII_RE.test(text)) return text;
  const fixes = new Map<string, string>();
  for (const [run] of text.matchAll(MOJIBAKE_RUN_RE)) {
    const decoded = decodeRun(run);
    if (decoded !== undefined) fixes.set(run, decoded);
  }
  if (fixes.size === 0) return text;
  // Like ftfy: first try the whole text as UTF-8 read as Latin-1, then as sloppy Windows-1252 …
  for (const latin1Only of [true, false]) {
    const bytes = singleBytes(text, latin1Only);
    const decoded = bytes && decodeUtf8(bytes);
    if (decoded !== undefined) return decoded;
  }
  // … else repair the broken runs one by one (ftfy's decode_inconsistent_utf8).
  return text.replace(MOJIBAKE_RUN_RE, (run) => fixes.get(run) ?? run);
}

/** Undo UTF-8 read as Latin-1/Windows-1252, repeatedly (mojibake can be layered). */
export function fixEncoding(text: string): string {
  for (let round = 0; round < 16; round++) {
    const fixed = fixEncodingOnce(text);
    if (fixed === text) return text;
    text = fixed;
  }
  return text;
}

// ---- character-level fixers -----------------------------------------------------------------------

const C1_RE = /[\u0080-\u009f]/g;
export const fixC1Controls = (text: string): string =>
  text.replace(C1_RE, (c) => cp1252Char(c.charCodeAt(0)));

const LIGATURES: Readonly<Record<string, string>> = {
  '\u0132': 'IJ',
  '\u0133': 'ij',
  '\u0149': '\u02bcn',
  '\u01f1': 'DZ',
  '\u01f2': 'Dz',
  '\u01f3': 'dz',
  '\u01c4': 'D\u017d',
  '\u01c5': 'D\u017e',
  '\u01c6': 'd\u017e',
  '\u01c7': 'LJ',
  '\u01c8': 'Lj',
  '\u01c9': 'lj',
  '\u01ca': 'NJ',
  '\u01cb': 'Nj',
  '\u01cc': 'nj',
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': '\u017ft',
  '\ufb06': 'st',
};
const LIGATURE_RE = new RegExp(`[${Object.keys(LIGATURES).join('')}]`, 'g');
export const fixLatinLigatures = (text: string): string => text.replace(LIGATURE_RE, (c) => LIGATURES[c]!);

/** U+3000 → space; U+FF01–U+FFEF → their NFKC (standard-width) form. */
const WIDTH_RE = /[\u3000\uff01-\uffef]/g;
export const fixCharacterWidth = (text: string): string =>
  text.replace(WIDTH_RE, (c) => (c === '\u3000' ? ' ' : c.normalize('NFKC')));

export const uncurlQuotes = (text: string): string =>
  text.replace(/[\u02bc\u2018-\u201b]/g, "'").replace(/[\u201c-\u201f]/g, '"');

export const fixLineBreaks = (text: string): string => text.replace(/\r\n|[\r\u2028\u2029\u0085]/g, '\n');

/** Paired surrogates are already one character in JS; lone ones become U+FFFD. */
export const fixSurrogates = (text: string): string =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

// eslint-disable-next-line no-control-regex -- ESC is what this removes
const ANSI_ESCAPE_RE = /\x1b\[(?:\p{Nd}|;)*[a-zA-Z]/gu;
export const removeTerminalEscapes = (text: string): string => text.replace(ANSI_ESCAPE_RE, '');

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL_RE = /[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc]/g;
export const removeControlChars = (text: string): string => text.replace(CONTROL_RE, '');

// ---- driver --------------------------------------------------------------------------------------

function fixSegment(text: string, unescapeHtml: boolean): string {
  while (true) {
    const original = text;
    if (unescapeHtml) text = ftfyUnescapeHtml(text);
    text = fixEncoding(text);
    text = fixC1Controls(text);
    text = fixLatinLigatures(text);
    text = fixCharacterWidth(text);
    text = uncurlQuotes(text);
    text = fixLineBreaks(text);
    text = fixSurrogates(text);
    text = removeTerminalEscapes(text);
    text = removeControlChars(text);
    text = text.normalize('NFC');
    if (text === original) return text;
  }
}

/**
 * `ftfy.fix_text` (ftfy-lite): fix line by line; once a line contains '<' the text may be HTML, so HTML
 * entities are no longer decoded from there on.
 */
export function fixText(text: string): string {
  let unescapeHtml = true;
  let out = '';
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos) + 1;
    if (end === 0) end = text.length;
    if (end - pos > MAX_SEGMENT_LENGTH) {
      end = pos + MAX_SEGMENT_LENGTH;
      const code = text.charCodeAt(end - 1);
      if (code >= 0xd800 && code <= 0xdbff) end++; // do not split a surrogate pair
    }
    const segment = text.slice(pos, end);
    if (unescapeHtml && segment.includes('<')) unescapeHtml = false;
    out += fixSegment(segment, unescapeHtml);
    pos = end;
  }
  return out;
}
