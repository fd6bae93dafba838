// The envelope of the resumable training checkpoints (latent optimization, mapper training): a safetensors file
// whose tensors are the run's arrays and whose metadata says what it is (format, version) and carries the rest
// of the state as JSON. Each run's module reads its own fields; this one checks the envelope.
import {
  encodeSafetensors,
  readSafetensorsWithMetadata,
  toFloat32,
  type Tensor,
} from '@styleclip/checkpoints';
import { EngineError } from './components';

/** Which checkpoint: its format tag, the version this software writes and reads, and its name in errors. */
export interface TrainingCheckpointKind {
  format: string;
  version: number;
  what: string;
}

/** A checkpoint's JSON state and tensors, with the refusal every check of the caller goes through. */
export interface OpenedTrainingCheckpoint {
  json: Record<string, unknown>;
  /** The names of its tensors. */
  names: readonly string[];
  has(name: string): boolean;
  /** A tensor as a float32 copy; refused when absent. */
  array(name: string): Float32Array;
  /** Refuses the checkpoint (`bad_checkpoint`), naming what is wrong. */
  bad(message: string): never;
}

export function encodeTrainingCheckpoint(
  kind: TrainingCheckpointKind,
  tensors: Record<string, Tensor>,
  json: Record<string, unknown>,
): Promise<Uint8Array> {
  return encodeSafetensors(tensors, {
    format: kind.format,
    version: String(kind.version),
    state: JSON.stringify(json),
  });
}

export async function openTrainingCheckpoint(
  kind: TrainingCheckpointKind,
  bytes: Uint8Array,
): Promise<OpenedTrainingCheckpoint> {
  const bad = (message: string): never => {
    throw new EngineError(`not a usable ${kind.what} checkpoint: ${message}`, 'bad_checkpoint');
  };
  let read;
  try {
    read = await readSafetensorsWithMetadata(bytes);
  } catch (e) {
    return bad((e as Error).message);
  }
  const { tensors, metadata } = read;
  if (metadata['format'] !== kind.format) bad(`format is ${metadata['format'] ?? 'missing'}`);
  if (metadata['version'] !== String(kind.version))
    bad(`version ${metadata['version']} (this software reads ${kind.version})`);
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(metadata['state'] ?? '') as Record<string, unknown>;
  } catch {
    bad('its state is not JSON');
  }
  const array = (name: string): Float32Array => {
    const t = tensors.get(name);
    if (!t) return bad(`no ${name}`);
    return toFloat32(t).slice();
  };
  return { json, names: [...tensors.keys()], has: (name) => tensors.has(name), array, bad };
}
