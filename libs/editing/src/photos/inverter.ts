import { array32, concatRows, type Array32 } from '@styleclip/latent-math';
import { rgb8ToTensor, type Pixels8 } from '@styleclip/imaging';
import { EngineError, type Components } from '../components';

/**
 * Aligned faces per encoder run. e4e's IR-SE50 at 256² keeps about 0.3 GB of activations per face on CPU;
 * four at a time bound a run to about 1.2 GB while sharing the per-run overhead.
 */
export const MAX_FACES_PER_ENCODER_RUN = 4;

export interface InversionProgress {
  /** Faces encoded so far (of `total`). */
  done: number;
  total: number;
}

/**
 * e4e inversion of aligned faces and their reconstructions, over one model set's encoder and generator. Counts
 * its encoder runs and encoded faces (what a cache of inversions saves).
 */
export class FaceInverter {
  /** Encoder graph runs so far (a batch of up to `MAX_FACES_PER_ENCODER_RUN` faces is one run). */
  encoderRuns = 0;
  /** Faces encoded so far. */
  facesEncoded = 0;

  constructor(private readonly components: Components) {}

  /** Whether the set has an encoder. */
  get available(): boolean {
    return this.components.set.manifest.encoder !== undefined;
  }

  /** The encoder's input size: aligned faces are made at this size (256 for e4e). */
  get inputSize(): number {
    return this.components.encoder.config.inputSize;
  }

  /** sha256 of the encoder graph (with latent_avg inside): with an aligned face's hash, the key of its W+. */
  get encoderSha256(): string {
    return this.components.encoder.model.sha256;
  }

  /**
   * Aligned faces (8-bit RGB at the encoder's input size) → W+ [N,L,D] (codes + latent_avg), in runs of at most
   * `MAX_FACES_PER_ENCODER_RUN` faces. Input as e4e's transforms: ToTensor, Normalize(0.5, 0.5).
   */
  async encode(
    aligned: readonly Pixels8[],
    o: { signal?: AbortSignal; onProgress?: (p: InversionProgress) => void } = {},
  ): Promise<Array32> {
    const r = this.inputSize;
    if (aligned.length === 0) throw new EngineError('encode: no faces', 'bad_parameter');
    for (const [i, a] of aligned.entries()) {
      if (a.width !== r || a.height !== r || a.channels !== 3 || a.data.length !== r * r * 3) {
        throw new EngineError(
          `encode: face ${i} is ${a.width}×${a.height}×${a.channels}; the encoder takes ${r}×${r} RGB`,
          'bad_shape',
        );
      }
    }
    const parts: Array32[] = [];
    const per = 3 * r * r;
    for (let from = 0; from < aligned.length; from += MAX_FACES_PER_ENCODER_RUN) {
      o.signal?.throwIfAborted();
      const batch = aligned.slice(from, from + MAX_FACES_PER_ENCODER_RUN);
      const input = array32([batch.length, 3, r, r]);
      batch.forEach((a, i) =>
        input.data.set(rgb8ToTensor({ rgb: a.data, width: r, height: r }, { range: '-1,1' }), i * per),
      );
      const { wplus } = await this.components.encode(input);
      this.encoderRuns++;
      this.facesEncoded += batch.length;
      parts.push(wplus);
      o.onProgress?.({ done: from + batch.length, total: aligned.length });
    }
    return parts.length === 1 ? parts[0]! : concatRows(parts);
  }

  /**
   * W+ [N,L,D] → the generator's images [N,3,S,S] and pSp's reconstructions at the encoder's input size
   * [N,3,R,R] (`face_pool`: what e4e's inference script shows beside the aligned input).
   */
  async reconstruct(wplus: Array32): Promise<{ images: Array32; pooled: Array32 }> {
    const images = await this.components.generate(wplus);
    return { images, pooled: await this.components.facePool(images) };
  }
}
