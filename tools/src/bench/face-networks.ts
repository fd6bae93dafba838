import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildArcFaceGraph,
  buildE4eEncoderGraph,
  buildIdFeaturesGraph,
  buildIdLossGraph,
  irse50ArcFaceConfig,
  randomArcFaceWeights,
  randomE4eWeights,
  tinyArcFaceConfig,
  type ArcFaceConfig,
  type E4eConfig,
} from '@styleclip/architectures';
import type { Runtime } from '@styleclip/model-runners';
import { countMacs, writeOnnxFile, type Graph } from '@styleclip/onnx-graph';
import { timeRuns } from './measure';

export interface NetworkResult {
  what: string;
  shapes: string;
  batch: number;
  medianMs: number;
  gmac: number;
  gflops: number;
  ceilingRatio: number;
}

/** The released encoder: IR-SE50 64/128/256/512, FPN and style width 512, 18 rows, 256 input (≈267 M parameters). */
export const e4eFfhqConfig: E4eConfig = {
  body: irse50ArcFaceConfig.body,
  fpnWidth: 512,
  styleDim: 512,
  styleCount: 18,
  inputSize: 256,
};

/** The tiny preset's encoder shapes (quick runs). */
const e4eTinyConfig: E4eConfig = {
  body: tinyArcFaceConfig.body,
  fpnWidth: 32,
  styleDim: 64,
  styleCount: 10,
  inputSize: 256,
};

const image = (batch: number, size: number, phase = 0) => ({
  type: 'float32' as const,
  dims: [batch, 3, size, size],
  data: Float32Array.from({ length: batch * 3 * size * size }, (_, i) => 0.8 * Math.sin(i * 0.013 + phase)),
});

/**
 * Times one graph: written to a temporary ONNX file (weights streamed, never gathered into one buffer), loaded
 * into the runtime, warmed up, then the median of `runs`. GFLOP/s = 2 × counted MACs / median.
 */
async function timeGraph(
  runtime: Runtime,
  g: Graph,
  feeds: Record<string, ReturnType<typeof image>>,
  batch: number,
  o: { what: string; shapes: string; runs: number; ceilingGflops: number },
): Promise<NetworkResult> {
  const macs = countMacs(g, { batch }).total;
  const dir = await mkdtemp(join(tmpdir(), 'bench-faces-'));
  const name = `bench/${o.what}/${o.shapes}/${batch}`;
  try {
    const path = join(dir, 'model.onnx');
    await writeOnnxFile(g, path);
    const model = await runtime.load(name, path);
    const { median } = await timeRuns(() => model.run(feeds), { warmUp: 1, runs: o.runs });
    const gflops = (2 * macs) / (median / 1000) / 1e9;
    return {
      what: o.what,
      shapes: o.shapes,
      batch,
      medianMs: median,
      gmac: macs / 1e9,
      gflops,
      ceilingRatio: gflops / o.ceilingGflops,
    };
  } finally {
    await runtime.unload(name).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * ArcFace forward at 112 (batch 1 and 4) and StyleCLIP's ID loss: features of a generator-size image (forward
 * only) and the loss with its gradient w.r.t. ŷ (forward of ŷ and y, backward of ŷ), batch 1.
 */
export async function benchArcFace(
  runtime: Runtime,
  o: { full: boolean; ceilingGflops: number; runs: number },
): Promise<NetworkResult[]> {
  const c: ArcFaceConfig = o.full ? irse50ArcFaceConfig : tinyArcFaceConfig;
  const shapes = o.full ? 'IR-SE50 64/128/256/512' : 'tiny 16/16/32/32';
  const weights = randomArcFaceWeights(c, 0);
  const common = { shapes, runs: o.runs, ceilingGflops: o.ceilingGflops };
  const out: NetworkResult[] = [];
  for (const batch of [1, 4]) {
    out.push(
      await timeGraph(runtime, buildArcFaceGraph(weights, c), { image: image(batch, 112) }, batch, {
        ...common,
        what: 'arcface features (112)',
      }),
    );
  }
  for (const size of o.full ? [1024, 256] : [64]) {
    const features = await timeGraph(
      runtime,
      buildIdFeaturesGraph(weights, c, size),
      { image: image(1, size) },
      1,
      {
        ...common,
        what: `id features of a ${size}² image (forward)`,
      },
    );
    const loss = await timeGraph(
      runtime,
      buildIdLossGraph(weights, c, size),
      { y_hat: image(1, size), y: image(1, size, 1) },
      1,
      {
        ...common,
        what: `id loss + grad at ${size}² (fwd ŷ, fwd y, bwd ŷ)`,
      },
    );
    out.push(features, loss);
  }
  return out;
}

/** The e4e encoder (image 256 → W+), batch 1 (and 4 on the tiny shapes). */
export async function benchEncoder(
  runtime: Runtime,
  o: { full: boolean; ceilingGflops: number; runs: number },
): Promise<NetworkResult[]> {
  const c = o.full ? e4eFfhqConfig : e4eTinyConfig;
  const shapes = o.full ? 'released (IR-SE50, 512/512, 18 rows)' : 'tiny (16/16/32/32, 32/64, 10 rows)';
  const weights = randomE4eWeights(c, 0);
  const g = buildE4eEncoderGraph(weights, c, new Float32Array(c.styleCount * c.styleDim));
  const out: NetworkResult[] = [];
  for (const batch of o.full ? [1] : [1, 4]) {
    out.push(
      await timeGraph(runtime, g, { image: image(batch, 256) }, batch, {
        what: 'e4e encoder (256)',
        shapes,
        runs: o.runs,
        ceilingGflops: o.ceilingGflops,
      }),
    );
  }
  return out;
}
