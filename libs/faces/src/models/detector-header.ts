import { FaceModelError } from '../errors';
import { MAX_DECOMPRESSED_DETECTOR_BYTES } from '../limits';
import { decompressDlib } from '../serialization/decompress';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Extracts the serialized detector embedded in dlib's `frontal_face_detector.h`: the string literals written
 * to `sout` inside `get_serialized_frontal_faces()`, concatenated, base64-decoded, then decompressed with
 * `compress_stream::kernel_1ea`. The header is read as text; nothing in it is compiled or run.
 */
export function serializedDetectorFromHeader(text: string, source: string): Uint8Array {
  const definition = /get_serialized_frontal_faces\s*\(\s*\)\s*\{/.exec(text);
  const body = definition ? definition.index : -1;
  const end = body < 0 ? -1 : text.indexOf('sin.str(sout.str())', body);
  if (end < 0) {
    throw new FaceModelError(
      'malformed',
      `${source}: no get_serialized_frontal_faces() with embedded data: is this dlib's frontal_face_detector.h?`,
    );
  }
  const parts: string[] = [];
  for (const m of text.slice(body, end).matchAll(/sout\s*<<\s*"([^"]*)"\s*;/g)) parts.push(m[1]!);
  const b64 = parts.join('');
  if (b64.length === 0 || b64.length % 4 !== 0 || !BASE64.test(b64)) {
    throw new FaceModelError(
      'malformed',
      `${source}: the embedded detector is not valid base64 (${b64.length} characters)`,
    );
  }
  const compressed = Buffer.from(b64, 'base64');
  return decompressDlib(
    new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.length),
    MAX_DECOMPRESSED_DETECTOR_BYTES,
    source,
  );
}
