import { encodeNpy, makeTensor, readNpy, toFloat32 } from '@styleclip/checkpoints';
import type { Fs3ChunkStore } from '@styleclip/editing';
import { array32, type Array32 } from '@styleclip/latent-math';
import type { JobScratch } from '../scratch';

const CHUNKS = 'fs3/chunks/';
const chunkName = (k: number) => `${CHUNKS}${String(k).padStart(6, '0')}.npy`;

/** fs3 chunks in a job's scratch space in the blob store: every worker of the job sees the same chunks. */
export class ScratchChunkStore implements Fs3ChunkStore {
  constructor(private readonly scratch: JobScratch) {}

  async stored(): Promise<Set<number>> {
    const names = await this.scratch.list(CHUNKS);
    return new Set(
      names
        .filter((n) => /\/\d{6}\.npy$/.test(n))
        .map((n) => Number(n.slice(CHUNKS.length, CHUNKS.length + 6))),
    );
  }

  async put(k: number, rows: Array32): Promise<void> {
    await this.scratch.put(chunkName(k), encodeNpy(makeTensor('float32', [...rows.shape], rows.data)));
  }

  async get(k: number): Promise<Array32> {
    const bytes = await this.scratch.get(chunkName(k));
    if (!bytes) throw new Error(`fs3 chunk ${k} is missing from the job's partial results`);
    const t = await readNpy(bytes);
    return array32(t.shape, toFloat32(t));
  }
}
