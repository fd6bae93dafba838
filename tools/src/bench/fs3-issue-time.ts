// The fs3 precompute's per-probe work as it was when issue 17 ("a faster precompute") was filed, at f81661c:
// every probe rendered by the synthesis graph as built then (every conv direct, nothing fused:
// `baselineSynthesisOptions`, which rebuilds that graph byte for byte), at most two 1024² images per run, and
// CLIP's preprocessing through the RGBA resize (`clipPreprocessPixels` after widening each image to opaque RGBA).
// The benchmark's throughput ratios are against this, measured in the same run as today's code.
import {
  baselineSynthesisOptions,
  buildSynthesisGraph,
  randomStyleGAN2Weights,
} from '@styleclip/architectures';
import type { Engine, ProbeRenderer } from '@styleclip/editing';
import { clipPreprocessPixels, tensorToRgb8 } from '@styleclip/imaging';
import { array32, concatRows, rows, type Array32 } from '@styleclip/latent-math';
import { PRESETS } from '@styleclip/model-sets';
import { toOnnxBytes } from '@styleclip/onnx-graph';
import { relativeL2 } from '@styleclip/testing';

export interface IssueTimeRenderer {
  renderer: ProbeRenderer;
  /** Relative L2 distance of its images to the set's synthesis on the same S (same weights: float rounding). */
  imageRelL2: number;
  close: () => Promise<void>;
}

/** The issue-time renderer of a preset set (its generator weights rebuilt from the preset's seed). */
export async function issueTimeRenderer(engine: Engine, probe: Array32): Promise<IssueTimeRenderer> {
  const c = engine.components;
  const source = engine.manifest.source;
  const preset = source.kind === 'preset' ? PRESETS[source.preset] : undefined;
  if (source.kind !== 'preset' || !preset)
    throw new Error(
      `the issue-time synthesis is rebuilt from a preset's weights; ${engine.manifest.id} is not a preset set`,
    );
  const config = engine.manifest.generator.config;
  const key = `bench/issue-time-synthesis/${engine.manifest.id}`;
  await c.loadPart(key, () =>
    toOnnxBytes(
      buildSynthesisGraph(
        randomStyleGAN2Weights(config, source.seed, preset.init),
        config,
        baselineSynthesisOptions(config),
      ),
    ),
  );
  const perRun = c.maxImagesPerRun; // the same cap then
  const synthesis = async (s: Array32): Promise<Array32> => {
    const parts: Array32[] = [];
    for (let i = 0; i < s.shape[0]!; i += perRun) {
      const part = rows(s, i, Math.min(s.shape[0]!, i + perRun));
      parts.push((await c.runPart(key, { s: part }, ['image']))['image']!);
    }
    return concatRows(parts);
  };
  const clipFeatures = (images: Array32): Promise<Array32> => {
    const [n, , h, w] = images.shape as [number, number, number, number];
    const r = c.clip.config.imageResolution;
    const pixels = array32([n, 3, r, r]);
    const rgba = new Uint8Array(h * w * 4);
    for (let i = 0; i < n; i++) {
      const { rgb } = tensorToRgb8(images.data, images.shape, { index: i });
      for (let p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
        rgba[q] = rgb[p]!;
        rgba[q + 1] = rgb[p + 1]!;
        rgba[q + 2] = rgb[p + 2]!;
        rgba[q + 3] = 255;
      }
      pixels.data.set(clipPreprocessPixels({ rgba, width: w, height: h }, r), i * 3 * r * r);
    }
    return c.clipImage(pixels);
  };
  const then = await synthesis(probe);
  const now = await c.synthesis(probe);
  return {
    renderer: { synthesis, clipFeatures },
    imageRelL2: relativeL2(then.data, now.data),
    close: () => c.unloadPart(key),
  };
}
