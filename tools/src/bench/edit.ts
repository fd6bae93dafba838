import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeNpy } from '@styleclip/checkpoints';
import { defaultOf, PARAMETERS } from '@styleclip/studio';
import { Engine, importDirections } from '@styleclip/editing';
import { clipFeaturesForBench } from './pipeline';
import type { Runtime } from '@styleclip/model-runners';
import { loadModelSet, type ModelSet } from '@styleclip/model-sets';
import { timeRuns } from './measure';

export interface EditResult {
  set: string;
  case: string;
  medianMs: number;
  perImageMs: number;
}

/** A 1024 random set has no fs3 (hours to compute): give it a random unit table of the official shape. */
/** The set with directions: as it is, or reloaded after importing a random official-size fs3. */
export async function ensureDirections(set: ModelSet): Promise<ModelSet> {
  if (set.manifest.directions?.fs3) return set;
  const file = join(set.dir, 'bench-fs3-random.npy');
  if (!existsSync(file)) {
    const rows = 5376;
    const data = new Float32Array(rows * 512);
    let s = 1;
    for (let i = 0; i < data.length; i++) data[i] = Math.sin((s = (s * 16807) % 2147483647));
    for (let r = 0; r < rows; r++) {
      const row = data.subarray(r * 512, (r + 1) * 512);
      const n = Math.hypot(...row);
      for (let k = 0; k < 512; k++) row[k]! /= n;
    }
    await writeNpy(file, { dtype: 'float32', shape: [rows, 512], data });
  }
  process.stderr.write(`importing a random 5376-row fs3 into ${set.manifest.id} for the benchmark…\n`);
  await importDirections(set.dir, { fs3: file, samples: 2000 });
  return loadModelSet(set.dir);
}

/** Global edit latency with warm caches; a 5-α strip in one batch vs 5 single edits; a mapper edit. */
export async function benchEdits(runtime: Runtime, set: ModelSet, runs: number): Promise<EditResult[]> {
  const engine = await Engine.open(set.dir, { runtime });
  const out: EditResult[] = [];
  try {
    // The product's defaults (ψ, α); β 0.1 keeps channels on random weights.
    const { wplus } = await engine.generate([1], defaultOf(PARAMETERS.generateImages, 'truncation'));
    const text = { neutral: 'face', target: 'face with blue eyes' };
    const edit = (alphas: number[]) => engine.edit.global({ latent: { wplus }, text, alphas, beta: 0.1 });
    const alpha = defaultOf(PARAMETERS.editGlobal, 'alphas');
    await edit(alpha); // warm: loads models, caches Δt and S of the latent
    const single = await timeRuns(() => edit(alpha), { warmUp: 1, runs });
    out.push({
      set: set.manifest.id,
      case: 'global edit, 1 α (warm caches)',
      medianMs: single.median,
      perImageMs: single.median,
    });
    const alphas = [-4, -2, 0, 2, 4];
    const strip = await timeRuns(() => edit(alphas), { warmUp: 0, runs });
    out.push({
      set: set.manifest.id,
      case: 'strip of 5 α, one batch',
      medianMs: strip.median,
      perImageMs: strip.median / 5,
    });
    const five = await timeRuns(
      async () => {
        for (const a of alphas) await edit([a]);
      },
      { warmUp: 0, runs },
    );
    out.push({
      set: set.manifest.id,
      case: '5 single edits',
      medianMs: five.median,
      perImageMs: five.median / 5,
    });
    const mapper = Object.keys(set.manifest.mappers)[0];
    if (mapper) {
      const m = await timeRuns(() => engine.edit.mapper({ wplus, mapper, strength: 1 }), { warmUp: 1, runs });
      out.push({
        set: set.manifest.id,
        case: `mapper edit (${mapper})`,
        medianMs: m.median,
        perImageMs: m.median,
      });
    }
  } finally {
    await engine.close();
  }
  return out;
}

export interface PrecomputeResult {
  set: string;
  imagesPerSecond: number;
  channels: number;
  imagesPerChannel: number;
  projectedHours: number;
}

/**
 * Precompute throughput: the per-image pipeline of fs3 (synthesis, uint8, official CLIP preprocessing,
 * CLIP encoding) timed on real batches, and the projected time of the official table (5376 channels ×
 * 100 images × 2 probes for a 1024 generator; the set's own layer choice otherwise).
 */
export async function benchPrecompute(
  runtime: Runtime,
  set: ModelSet,
  batch: number,
  runs: number,
): Promise<PrecomputeResult> {
  const engine = await Engine.open(set.dir, { runtime });
  try {
    const { median } = await timeRuns(() => clipFeaturesForBench(engine, batch), { warmUp: 1, runs });
    const imagesPerSecond = batch / (median / 1000);
    const layout = engine.manifest.generator.sLayout;
    const channels = layout.filter((l) => !l.toRgb && l.index <= 16).reduce((s, l) => s + l.channels, 0);
    return {
      set: set.manifest.id,
      imagesPerSecond,
      channels,
      imagesPerChannel: 200,
      projectedHours: (channels * 200) / imagesPerSecond / 3600,
    };
  } finally {
    await engine.close();
  }
}
