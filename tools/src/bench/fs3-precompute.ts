// fs3 precompute throughput, per layer of the official table, four ways on the same base images and channels:
//   - issue time: the computation as it was when issue 17 was filed (f81661c): the whole synthesis graph as
//     built then per probe, CLIP preprocessing through the RGBA resize, on the runtime every precompute used
//     then (one worker thread, two threads per operator): `fs3-issue-time.ts`;
//   - whole graph (today): the same per-probe computation with today's graph and preprocessing, same runtime;
//   - prefix reuse (exact, the default) and fast mode, as the precompute runs now: on its own runtime of
//     parallel single-threaded sessions (`throughputRunnerConfig`).
// Each way runs alone in a process of its own, as a precompute does (two runtimes in one process disturb each
// other's timings: measured, the pool's probes took 1.4× as long right after the other runtime's runs), and
// the processes alternate (ABCD DCBA …) so drift hits every way alike. Projected hours for the official table
// (100 images × 2 probes per channel) weight each layer's time per channel by its channel count.
import { spawn } from 'node:child_process';
import { componentsRenderer, Engine, fastStopResolution, Fs3Prober, fs3Rows } from '@styleclip/editing';
import { officialFs3Layers, rows as sliceRows, sOffsets } from '@styleclip/latent-math';
import { createRuntime, throughputRunnerConfig, type RunnerConfig } from '@styleclip/model-runners';
import { issueTimeRenderer } from './fs3-issue-time';
import { median, peakRssMb } from './measure';

export const FS3_ARMS = ['issue-time', 'whole', 'prefix', 'fast'] as const;
export type Fs3Arm = (typeof FS3_ARMS)[number];

const ARM_NAMES: Record<Fs3Arm, string> = {
  'issue-time': 'issue time (f81661c)',
  whole: 'whole graph (today)',
  prefix: 'prefix reuse (exact)',
  fast: 'fast',
};

export interface Fs3ArmOptions {
  images: number;
  /** Channels timed per layer (after one untimed channel that loads the layer's parts). */
  channels: number;
  batch: number;
  /** S layer indices (default: the official table's). */
  layers?: number[];
}

/** One way's ms per channel (2 probes × images, CLIP included) for each layer, and what it computed. */
export interface Fs3ArmResult {
  arm: Fs3Arm;
  set: string;
  stopResolution: number;
  layers: { layer: string; resolution: number; channels: number; msPerChannel: number }[];
  /** The rows of the first timed channel of every layer (to compare the ways' tables). */
  rows: number[][];
  /** issue-time only: its synthesis vs the set's on one S, relative L2 (the rebuilt weights are the set's). */
  imageRelL2?: number;
  peakRssMb: number;
}

/** Runs one way in this process (the child side of `benchFs3Precompute`). */
export async function benchFs3Arm(
  arm: Fs3Arm,
  dir: string,
  runner: Partial<RunnerConfig>,
  o: Fs3ArmOptions,
): Promise<Fs3ArmResult> {
  const pooled = arm === 'prefix' || arm === 'fast';
  const runtime = createRuntime(pooled ? throughputRunnerConfig(runner) : runner);
  const engine = await Engine.open(dir, { runtime });
  try {
    const c = engine.components;
    const layout = c.generator.sLayout;
    const at = sOffsets(layout);
    const stop = fastStopResolution(engine.manifest, c.clip.config.imageResolution);
    // Base images and probe values: any S codes do for timing (the table's come from the sampling pool).
    const base = await c.styles((await engine.latents(range(o.images, 1), 0.7)).wplus);
    const mean = base.data.slice(0, c.sDim);
    const std = new Float32Array(c.sDim).fill(0.2);
    const then = arm === 'issue-time' ? await issueTimeRenderer(engine, sliceRows(base, 0, 1)) : undefined;
    const prober = pooled ? new Fs3Prober(c, arm === 'fast' ? { stopResolution: stop } : {}) : undefined;
    const renderer = then?.renderer ?? componentsRenderer(c);
    const compute = (offsets: number[]) =>
      prober
        ? prober.rows(base, offsets, mean, std, o.batch)
        : fs3Rows(renderer, base, offsets, mean, std, o.batch);
    const result: Fs3ArmResult = {
      arm,
      set: engine.manifest.id,
      stopResolution: stop,
      layers: [],
      rows: [],
      ...(then ? { imageRelL2: then.imageRelL2 } : {}),
      peakRssMb: 0,
    };
    try {
      for (const l of o.layers ?? officialFs3Layers(layout)) {
        if (!layout[l]) throw new Error(`--fs3-layers: no S layer ${l} (0-${layout.length - 1})`);
        // One untimed channel loads the layer's parts and keeps the base images' activations, as the first
        // chunk of a layer does in a real run (a layer has 32-512 channels).
        await compute([at[l]!]);
        const samples: number[] = [];
        for (let k = 1; k <= Math.min(o.channels, layout[l]!.channels - 1); k++) {
          const t0 = performance.now();
          const rows = await compute([at[l]! + k]);
          samples.push(performance.now() - t0);
          if (k === 1) result.rows.push(Array.from(rows));
        }
        result.layers.push({
          layer: layout[l]!.name,
          resolution: layout[l]!.resolution,
          channels: layout[l]!.channels,
          msPerChannel: median(samples),
        });
      }
    } finally {
      await prober?.close();
      await then?.close();
    }
    result.peakRssMb = peakRssMb();
    return result;
  } finally {
    await engine.close();
    await runtime.dispose();
  }
}

export interface Fs3LayerTiming {
  set: string;
  layer: string;
  resolution: number;
  channels: number;
  /** ms per channel (2 probes × images, CLIP included) per way: medians over the processes. */
  ms: Record<Fs3Arm, number>;
  /** Largest difference between the issue-time and the exact rows (the same table up to float rounding). */
  issueTimeMaxDiff: number;
}

export interface Fs3Projection {
  set: string;
  method: string;
  imagesPerSecond: number;
  /** Throughput over issue time, channel-weighted over the layers. */
  speedup: number;
  /** Throughput over the whole graph with today's graph and preprocessing. */
  speedupOverWhole: number;
  projectedHours: number;
}

/** Images averaged per channel in the official table. */
const OFFICIAL_IMAGES = 100;

/**
 * Every way in processes of their own (`childArgs` start this benchmark for one way and print
 * `FS3-ARM <json>`), alternating for `rounds` rounds, then per-layer medians and the projection.
 */
export async function benchFs3Precompute(
  childArgs: (arm: Fs3Arm) => { command: string; args: string[] },
  o: { images: number; rounds: number; log: (line: string) => void },
): Promise<{
  layers: Fs3LayerTiming[];
  projection: Fs3Projection[];
  stopResolution: number;
  issueTimeImageRelL2: number;
  peakRssMb: number;
}> {
  const results: Fs3ArmResult[] = [];
  for (let r = 0; r < o.rounds; r++) {
    const order = r % 2 === 0 ? FS3_ARMS : [...FS3_ARMS].reverse();
    for (const arm of order) {
      const t0 = performance.now();
      results.push(await runChild(childArgs(arm)));
      o.log(`  round ${r + 1}, ${ARM_NAMES[arm]}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  const of = (arm: Fs3Arm) => results.filter((x) => x.arm === arm);
  const first = of('issue-time')[0]!;
  const exactRows = of('prefix')[0]!.rows;
  const layers: Fs3LayerTiming[] = first.layers.map((t, i) => ({
    set: first.set,
    layer: t.layer,
    resolution: t.resolution,
    channels: t.channels,
    ms: Object.fromEntries(
      FS3_ARMS.map((a) => [a, median(of(a).map((x) => x.layers[i]!.msPerChannel))]),
    ) as Record<Fs3Arm, number>,
    issueTimeMaxDiff: first.rows[i]!.reduce((m, v, k) => Math.max(m, Math.abs(v - exactRows[i]![k]!)), 0),
  }));
  const total = (arm: Fs3Arm) =>
    layers.reduce((s, t) => s + t.channels * t.ms[arm] * (OFFICIAL_IMAGES / o.images), 0) / 1000;
  const images = layers.reduce((s, t) => s + t.channels * 2 * OFFICIAL_IMAGES, 0);
  const projection = FS3_ARMS.map((arm) => {
    const seconds = total(arm);
    return {
      set: first.set,
      method: ARM_NAMES[arm],
      imagesPerSecond: images / seconds,
      speedup: total('issue-time') / seconds,
      speedupOverWhole: total('whole') / seconds,
      projectedHours: seconds / 3600,
    };
  });
  return {
    layers,
    projection,
    stopResolution: first.stopResolution,
    issueTimeImageRelL2: first.imageRelL2 ?? NaN,
    peakRssMb: Math.max(...results.map((x) => x.peakRssMb)),
  };
}

function runChild(c: { command: string; args: string[] }): Promise<Fs3ArmResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(c.command, c.args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('FS3-ARM '));
      if (code !== 0 || !line)
        return reject(new Error(`fs3 benchmark process failed (exit ${code}):\n${out}`));
      resolve(JSON.parse(line.slice('FS3-ARM '.length)) as Fs3ArmResult);
    });
  });
}

const range = (n: number, from: number) => Array.from({ length: n }, (_, i) => from + i);
