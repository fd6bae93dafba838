/**
 * The GPT-2 style byte ↔ printable-character table CLIP's BPE works on (clip.md §4.3).
 *
 * Printable bytes 0x21–0x7E, 0xA1–0xAC and 0xAE–0xFF stand for themselves; the other 68 bytes
 * (0x00–0x20, 0x7F–0xA0, 0xAD), in increasing order, become U+0100, U+0101, … U+0143.
 */

function isSelfMapped(byte: number): boolean {
  return (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
}

function buildTable(): { order: number[]; charOf: string[] } {
  const order: number[] = [];
  const charOf: string[] = new Array<string>(256);
  for (let b = 0; b < 256; b++) {
    if (isSelfMapped(b)) {
      order.push(b);
      charOf[b] = String.fromCharCode(b);
    }
  }
  let next = 0;
  for (let b = 0; b < 256; b++) {
    if (!isSelfMapped(b)) {
      order.push(b);
      charOf[b] = String.fromCharCode(0x100 + next++);
    }
  }
  return { order, charOf };
}

const TABLE = buildTable();

/** `BYTE_TO_CHAR[b]`: the one-character string standing for byte b. */
export const BYTE_TO_CHAR: readonly string[] = TABLE.charOf;

/**
 * The 256 byte characters in the table's insertion order (self-mapped bytes first, then the remapped
 * ones). This order fixes vocabulary ids 0–255 and 256–511.
 */
export const BYTE_CHARS_IN_VOCAB_ORDER: readonly string[] = TABLE.order.map((b) => TABLE.charOf[b]!);

/** Inverse table: character code → byte (−1 if the character is not a byte character). */
const CHAR_TO_BYTE: Int16Array = (() => {
  const inverse = new Int16Array(0x144).fill(-1);
  for (let b = 0; b < 256; b++) inverse[TABLE.charOf[b]!.charCodeAt(0)] = b;
  return inverse;
})();

const utf8Encoder = new TextEncoder();

/** UTF-8 encode `text` and replace every byte by its byte character. */
export function toByteChars(text: string): string {
  const bytes = utf8Encoder.encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_CHAR[bytes[i]!];
  return out;
}

/** Map byte characters back to bytes. Throws on a character that is not a byte character. */
export function fromByteChars(chars: string): Uint8Array {
  const out = new Uint8Array(chars.length);
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    const byte = code < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[code]! : -1;
    if (byte < 0) {
      throw new Error(
        `fromByteChars: character U+${code.toString(16).padStart(4, '0')} at ${i} is not a byte character`,
      );
    }
    out[i] = byte;
  }
  return out;
}
