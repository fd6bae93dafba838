import { createHash } from 'node:crypto';
import { GaussianRandom } from '@styleclip/latent-math';
import { testCount, type ResolvedMapperTrainingRequest, type TrainingLatents } from './request';

/**
 * The latents a mapper trains on, batch by batch. A set [N,L,D] is split (the last `testCount` latents are
 * held out for evaluation), and the training part is drawn in shuffled epochs without the incomplete last
 * batch (the official DataLoader's `shuffle=True, drop_last=True`); the order of epoch e depends only on
 * (seed, e), so step i's batch is the same after a resume. A replay [steps,B,L,D] gives batch i at step i.
 */
export class TrainingData {
  private readonly rowSize: number;
  private readonly train: number;
  private readonly test: number;
  private epoch = -1;
  private order: Uint32Array = new Uint32Array(0);

  constructor(
    readonly latents: TrainingLatents,
    private readonly r: Pick<ResolvedMapperTrainingRequest, 'batch' | 'seed' | 'testFraction'>,
  ) {
    const a = latents.kind === 'set' ? latents.latents : latents.batches;
    this.rowSize = a.shape[a.shape.length - 2]! * a.shape[a.shape.length - 1]!;
    const n = latents.kind === 'set' ? a.shape[0]! : 0;
    this.test = latents.kind === 'set' ? testCount(n, r) : 0;
    this.train = n - this.test;
  }

  /** Training batches per epoch (sets), or the number of replayed batches. */
  get batchesPerEpoch(): number {
    return this.latents.kind === 'set'
      ? Math.floor(this.train / this.r.batch)
      : this.latents.batches.shape[0]!;
  }

  get testSize(): number {
    return this.test;
  }

  /** The batch of step `step` [B·L·D]. */
  batch(step: number): Float32Array {
    const B = this.r.batch;
    if (this.latents.kind === 'replay')
      return this.latents.batches.data.slice(step * B * this.rowSize, (step + 1) * B * this.rowSize);
    const epoch = Math.floor(step / this.batchesPerEpoch);
    if (epoch !== this.epoch) {
      this.order = shuffled(this.train, this.r.seed, epoch);
      this.epoch = epoch;
    }
    const first = (step % this.batchesPerEpoch) * B;
    const out = new Float32Array(B * this.rowSize);
    for (let k = 0; k < B; k++) {
      const row = this.order[first + k]!;
      out.set(
        this.latents.latents.data.subarray(row * this.rowSize, (row + 1) * this.rowSize),
        k * this.rowSize,
      );
    }
    return out;
  }

  /** The fixed evaluation batch: the first held-out latents (a set), or the first replayed batch. */
  evalBatch(): Float32Array | undefined {
    const B = this.r.batch;
    if (this.latents.kind === 'replay') return this.latents.batches.data.slice(0, B * this.rowSize);
    if (this.test < B) return undefined;
    return this.latents.latents.data.slice(this.train * this.rowSize, (this.train + B) * this.rowSize);
  }

  /** sha256 of the latents (a resumed run must train on the same data). */
  fingerprint(): string {
    const a = this.latents.kind === 'set' ? this.latents.latents : this.latents.batches;
    return createHash('sha256')
      .update(`${this.latents.kind}:${a.shape.join(',')}:`)
      .update(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength))
      .digest('hex');
  }
}

/** A permutation of 0…n−1 for epoch `epoch` (Fisher–Yates on our seeded PRNG). */
export function shuffled(n: number, seed: number, epoch: number): Uint32Array {
  const rng = new GaussianRandom((Math.imul(seed, 0x9e3779b1) + Math.imul(epoch + 1, 0x85ebca77)) >>> 0);
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}
