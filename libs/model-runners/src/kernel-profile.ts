// Maintainers' view of where a model's time goes: onnxruntime's own per-kernel timings. In-process (a
// benchmark's process, never a server's); the second module that talks to onnxruntime-node.
import './no-telemetry'; // first: before onnxruntime-node initializes
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { ortFeeds, sessionOptions } from './session-host';
import type { Feeds } from './types';

export interface KernelTime {
  /** The node's name after onnxruntime's optimizations (fused or inserted nodes get new names). */
  node: string;
  op: string;
  /** Mean kernel time per run, ms. */
  ms: number;
}

export interface KernelProfile {
  /** Wall time of each profiled run, ms. */
  runMs: number[];
  /** Every node that ran, by mean kernel time per run, largest first. */
  kernels: KernelTime[];
}

export interface KernelProfileOptions {
  intraOpNumThreads: number;
  /** Runs first that are left out (default 1): the first run allocates. */
  warmUp?: number;
  /** Profiled runs (default 3). */
  runs?: number;
}

/**
 * Runs `model` on the CPU provider with onnxruntime's profiler on (otherwise the runtime's `sessionOptions`)
 * and returns the mean kernel time per node. The profile file goes to a private temporary folder that is
 * removed afterwards.
 */
export async function profileKernels(
  model: Uint8Array,
  feeds: Feeds,
  o: KernelProfileOptions,
): Promise<KernelProfile> {
  const runs = o.runs ?? 3;
  const warmUp = o.warmUp ?? 1;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`profileKernels: runs must be ≥ 1, got ${runs}`);
  if (!Number.isInteger(warmUp) || warmUp < 0)
    throw new Error(`profileKernels: warmUp must be ≥ 0, got ${warmUp}`);
  const dir = await mkdtemp(join(tmpdir(), 'styleclip-profile-'));
  try {
    const inputs = ortFeeds(feeds);
    const session = await ort.InferenceSession.create(model, {
      ...sessionOptions(o.intraOpNumThreads),
      executionProviders: ['cpu'],
      enableProfiling: true,
      profileFilePrefix: join(dir, 'profile'),
    });
    const runMs: number[] = [];
    try {
      // The profiler records every run; the warm-up runs are left out below.
      for (let i = 0; i < warmUp; i++) await session.run(inputs);
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await session.run(inputs);
        runMs.push(performance.now() - t0);
      }
      session.endProfiling();
    } finally {
      await session.release();
    }
    const [file] = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    if (!file) throw new Error('profileKernels: onnxruntime wrote no profile');
    return { runMs, kernels: kernelTimes(JSON.parse(await readFile(join(dir, file), 'utf8')), warmUp) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface ProfileEvent {
  cat?: string;
  name?: string;
  ts?: number;
  dur?: number;
  args?: { op_name?: string };
}

/**
 * Mean kernel time per node over the runs after the first `skip` (onnxruntime records each run as a
 * `model_run` session event; a kernel counts for the run whose time window holds it). Exported for its test.
 */
export function kernelTimes(events: unknown, skip: number): KernelTime[] {
  if (!Array.isArray(events)) throw new Error('profileKernels: the profile is not a list of events');
  const list = events as ProfileEvent[];
  const windows = list
    .filter((e) => e.cat === 'Session' && e.name === 'model_run' && typeof e.ts === 'number')
    .map((e) => [e.ts!, e.ts! + (e.dur ?? 0)] as const)
    .sort((a, b) => a[0] - b[0])
    .slice(skip);
  if (windows.length === 0) throw new Error(`profileKernels: no run after the first ${skip} in the profile`);
  const counted = (ts: number) => windows.some(([t0, t1]) => ts >= t0 && ts <= t1);
  const perNode = new Map<string, { op: string; us: number }>();
  for (const e of list) {
    if (e.cat !== 'Node' || !e.name?.endsWith('_kernel_time') || typeof e.dur !== 'number') continue;
    if (typeof e.ts !== 'number' || !counted(e.ts)) continue;
    const node = e.name.slice(0, -'_kernel_time'.length);
    const entry = perNode.get(node) ?? { op: e.args?.op_name ?? '?', us: 0 };
    entry.us += e.dur;
    perNode.set(node, entry);
  }
  return [...perNode]
    .map(([node, { op, us }]) => ({ node, op, ms: us / 1000 / windows.length }))
    .sort((a, b) => b.ms - a.ms);
}
