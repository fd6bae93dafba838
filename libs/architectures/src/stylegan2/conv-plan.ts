import { CONV_ALGORITHMS, type ConvAlgorithm } from '@styleclip/nn';

export { CONV_ALGORITHMS, type ConvAlgorithm };
import type { StyleGAN2Config } from './config';
import { sLayout } from './layout';

/**
 * Which algorithm each stride-1 3×3 modulated conv of a synthesis graph uses, by rosinality module
 * (`conv1`, `convs.1`, `convs.3`, …). Up-convs (ConvTranspose + blur) and toRGB (1×1) are always direct.
 * Recorded in the model set's manifest, so a build is reproducible.
 */
export type ConvPlan = Record<string, ConvAlgorithm>;

export interface PlannedConv {
  module: string;
  resolution: number;
  channels: number;
}

/** Whether an S layer's module is a stride-1 3×3 conv: conv1 at 4×4, then the second conv of every block. */
export const isPlannedConv = (l: { module: string; toRgb: boolean }): boolean =>
  !l.toRgb && (l.module === 'conv1' || /^convs\.\d*[13579]$/.test(l.module));

/** The stride-1 3×3 convs a plan covers, in StyleSpace order. */
export function plannedConvs(c: StyleGAN2Config): PlannedConv[] {
  return sLayout(c)
    .filter(isPlannedConv)
    .map((l) => ({ module: l.module, resolution: l.resolution, channels: l.channels }));
}

/**
 * The recorded table behind the default plan, from interleaved A/B measurements of single layers (CPU time,
 * batch 1, 2 threads, onnxruntime 1.30 on the 2-core AVX-512 EPYC of CI; `npm run bench -- --suite
 * conv-layers` repeats them). Winograd F(4×4,3×3) / direct: 0.52 at 16², 0.42 at 32² and 64² (512 ch),
 * 0.48 at 128² (256 ch), 0.68 at 256² (128 ch), 1.10 at 512² (64 ch, a loss: the transforms move 2.25× the
 * activations through memory, which outweighs 4× fewer products once channels are few); F(2×2,3×3) wins at
 * 8² (0.73, where F(4×4) has a single tile per channel and loses at 1.5). `winograd-f4-fused` (style and
 * demodulation folded into per-sample kernels) saves two activation passes but measured no better than
 * `winograd-f4` at 128²–256² and worse than direct at 512²–1024² (whole 1024 generator, CPU time ×1.03).
 */
export function defaultConvAlgorithm(resolution: number, channels: number): ConvAlgorithm {
  if (channels < 128 || resolution < 8 || resolution > 256) return 'direct';
  return resolution === 8 ? 'winograd-f2' : 'winograd-f4';
}

export function defaultConvPlan(c: StyleGAN2Config): ConvPlan {
  return Object.fromEntries(
    plannedConvs(c).map((l) => [l.module, defaultConvAlgorithm(l.resolution, l.channels)]),
  );
}

/** Every planned conv with the same algorithm (`'direct'` is the graph as built before Winograd existed). */
export function uniformConvPlan(c: StyleGAN2Config, algorithm: ConvAlgorithm): ConvPlan {
  return Object.fromEntries(plannedConvs(c).map((l) => [l.module, algorithm]));
}

/** Checks that `plan` names exactly the planned convs of `c`, each with a known algorithm. */
export function validateConvPlan(c: StyleGAN2Config, plan: ConvPlan): ConvPlan {
  const modules = plannedConvs(c).map((l) => l.module);
  const extra = Object.keys(plan).filter((m) => !modules.includes(m));
  if (extra.length > 0)
    throw new Error(
      `conv plan: ${extra.join(', ')} are not stride-1 3×3 convs of this generator (those are ${modules.join(', ')})`,
    );
  const missing = modules.filter((m) => !(m in plan));
  if (missing.length > 0) throw new Error(`conv plan: no algorithm for ${missing.join(', ')}`);
  for (const [m, a] of Object.entries(plan)) {
    if (!CONV_ALGORITHMS.includes(a))
      throw new Error(
        `conv plan: ${m} has unknown algorithm "${String(a)}" (use ${CONV_ALGORITHMS.join(', ')})`,
      );
  }
  return plan;
}
