import { fixText } from './ftfy';
import { htmlUnescape } from './html';

/** Python `str.isspace()` characters: Unicode White_Space plus the separators U+001C–U+001F. */
// eslint-disable-next-line no-control-regex -- U+001C–U+001F are whitespace to Python's strip()
const PY_STRIP_RE = /^[\p{White_Space}\x1c-\x1f]+|[\p{White_Space}\x1c-\x1f]+$/gu;
/** `\s` of Python's `regex` module (what CLIP's whitespace_clean uses) is exactly White_Space. */
const WHITESPACE_RUN_RE = /\p{White_Space}+/gu;

/** Python's `str.strip()` with no arguments. */
export const pythonStrip = (text: string): string => text.replace(PY_STRIP_RE, '');

/**
 * CLIP's text cleaning, in order (clip.md §4.1): ftfy-lite `fix_text`, `html.unescape` twice, strip,
 * every whitespace run → one space, strip, full Unicode lower-casing.
 */
export function cleanText(text: string): string {
  let t = fixText(text);
  t = htmlUnescape(htmlUnescape(t));
  t = pythonStrip(t);
  t = pythonStrip(t.replace(WHITESPACE_RUN_RE, ' '));
  return t.toLowerCase();
}
