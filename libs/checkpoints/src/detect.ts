import { CheckpointError, hexBytes } from './errors';
import { NPY_MAGIC } from './npy';
import { looksLikeSafetensors } from './safetensors';

/** How a file's leading bytes classify it. A zip is refined later (torch / TorchScript / npz). */
export type Detected = 'zip' | 'torch-legacy' | 'pickle' | 'safetensors' | 'npy';

/** How many leading bytes `detectFormat` wants (the tar magic sits at 257). */
export const HEAD_BYTES = 512;

const LEGACY_MAGIC_LONG = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** A guess at what a non-checkpoint file is, for the error message. */
function guess(head: Uint8Array): string | undefined {
  const text = ascii(head, 0, Math.min(head.length, 64)).trimStart().toLowerCase();
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image?';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'a JPEG image?';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image?';
  if (startsWith(head, [0x1f, 0x8b])) return 'a gzip file? (decompress it first)';
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'an empty zip archive';
  if (ascii(head, 257, 262) === 'ustar')
    return 'a tar archive (the pre-0.4 torch tar format is not supported)';
  if (text.startsWith('version https://git-lfs')) return 'a Git LFS pointer, not the file itself';
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<')) {
    return 'an HTML/XML page? (a download link that returned a web page)';
  }
  if (text.startsWith('{') || text.startsWith('[')) return 'JSON text?';
  if (head[0] === 0x80) return `a pickle with unsupported protocol ${head[1]}?`;
  return undefined;
}

/** Classifies a file by content, never by extension. Throws a CheckpointError describing anything else. */
export function detectFormat(head: Uint8Array, size: number, file: string): Detected {
  if (size === 0) throw new CheckpointError(file, 'not a checkpoint: the file is empty');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(head, NPY_MAGIC)) return 'npy';
  // Before the pickle test: a safetensors header length can start with 80 02..05 (a pickle never has the
  // six zero bytes that would make such a length fit the file).
  if (looksLikeSafetensors(head, size)) return 'safetensors';
  if (head[0] === 0x80 && head[1]! >= 2 && head[1]! <= 5) {
    const framed = head[2] === 0x95 ? 11 : 2;
    return startsWith(head, LEGACY_MAGIC_LONG, framed) ? 'torch-legacy' : 'pickle';
  }
  const what = guess(head);
  throw new CheckpointError(
    file,
    `not a checkpoint: starts with ${hexBytes(head, 4)}${what ? ` (${what})` : ''}; expected a torch zip or legacy ` +
      'file, TorchScript, safetensors, npy, npz or pickle',
  );
}
