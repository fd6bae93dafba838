import type { Array32 } from './array';

/**
 * Per-channel mean and population standard deviation over S codes, accumulated batch by batch
 * (Chan et al.'s parallel variance update, in float64), so 100k samples need no 100k×C buffer.
 */
export class SStatsAccumulator {
  private count = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(readonly width: number) {
    this.mean = new Float64Array(width);
    this.m2 = new Float64Array(width);
  }

  get samples(): number {
    return this.count;
  }

  add(batch: Array32): void {
    const [n, c] = batch.shape as [number, number];
    if (c !== this.width) throw new RangeError(`S statistics: batch width ${c}, expected ${this.width}`);
    if (n === 0) return;
    const bMean = new Float64Array(c);
    const bM2 = new Float64Array(c);
    for (let i = 0; i < n; i++) for (let j = 0; j < c; j++) bMean[j]! += batch.data[i * c + j]!;
    for (let j = 0; j < c; j++) bMean[j]! /= n;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < c; j++) {
        const d = batch.data[i * c + j]! - bMean[j]!;
        bM2[j]! += d * d;
      }
    }
    const total = this.count + n;
    for (let j = 0; j < c; j++) {
      const delta = bMean[j]! - this.mean[j]!;
      this.mean[j]! += (delta * n) / total;
      this.m2[j]! += bM2[j]! + (delta * delta * this.count * n) / total;
    }
    this.count = total;
  }

  result(): { mean: Float32Array; std: Float32Array; samples: number } {
    if (this.count === 0) throw new RangeError('S statistics: no samples');
    return {
      mean: Float32Array.from(this.mean),
      std: Float32Array.from(this.m2, (v) => Math.sqrt(v / this.count)),
      samples: this.count,
    };
  }
}
