import { rename, writeFile } from 'node:fs/promises';

/** The file a resumable command (optimize, mapper train) keeps its state in, inside its --out folder. */
export const CHECKPOINT_FILE = 'checkpoint.safetensors';

/** Writes `bytes` to `path` through a temp file and a rename, so a kill never leaves half a file. */
export async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}
