/** Formats accepted for uploads. */
export type ImageFormat = 'png' | 'jpeg' | 'webp';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The format from the magic bytes (never the file name), or null when it is not png/jpeg/webp. */
export function detectFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return null;
}

/** A short description of what refused bytes look like, for error messages. */
export function describeBytes(bytes: Uint8Array): string {
  if (startsWith(bytes, ascii('GIF8'))) return 'a GIF image';
  if (startsWith(bytes, ascii('BM'))) return 'a BMP image';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'a TIFF image';
  if (startsWith(bytes, ascii('ftyp'), 4)) return 'an ISO-BMFF file (HEIC/AVIF/MP4)';
  if (bytes.length === 0) return 'empty input';
  const head = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `unknown bytes starting ${head}`;
}
