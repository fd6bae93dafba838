import { SStatsAccumulator } from '@styleclip/latent-math';
import type { Components } from '../components';
import { Eta, throwIfAborted, type WorkProgress } from './progress';
import { samplePoolS, type TruncationSpec } from './sampling';

/** Per-channel mean and population std of S over `samples` pool codes. */
export async function computeSStatistics(
  components: Components,
  latentAvg: Float32Array,
  o: {
    samples: number;
    seed: number;
    truncation: TruncationSpec;
    batch: number;
    signal?: AbortSignal;
    onProgress?: (p: WorkProgress) => void;
  },
): Promise<{ mean: Float32Array; std: Float32Array; samples: number }> {
  const acc = new SStatsAccumulator(components.sDim);
  const eta = new Eta(0);
  for (let start = 0; start < o.samples; start += o.batch) {
    throwIfAborted(o.signal);
    const count = Math.min(o.batch, o.samples - start);
    acc.add(
      await samplePoolS(components, latentAvg, { seed: o.seed, start, count, truncation: o.truncation }),
    );
    const done = start + count;
    const etaSeconds = eta.seconds(done, o.samples);
    o.onProgress?.({
      phase: 's-stats',
      done,
      total: o.samples,
      ...(etaSeconds !== undefined ? { etaSeconds } : {}),
    });
  }
  return acc.result();
}
