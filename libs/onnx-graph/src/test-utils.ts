// Test helpers for this library: run a graph in onnxruntime-node and check gradients by finite differences.
import * as ort from 'onnxruntime-node';
import { seededRandom } from '@styleclip/testing';
import { gradients } from './autodiff/gradients';
import { Graph } from './graph';
import { mul, reduceSum } from './ops';
import { toOnnxBytes } from './serialize/onnx-model';
import type { Tensor } from './tensor';

export interface Feed {
  data: Float32Array | BigInt64Array | Uint8Array;
  dims: readonly number[];
}

export async function sessionFor(g: Graph): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(toOnnxBytes(g), { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
}

export async function run(
  session: ort.InferenceSession,
  feeds: Record<string, Feed>,
): Promise<Record<string, Float32Array>> {
  const inputs: Record<string, ort.Tensor> = {};
  for (const [k, v] of Object.entries(feeds)) {
    const type =
      v.data instanceof Float32Array ? 'float32' : v.data instanceof BigInt64Array ? 'int64' : 'bool';
    inputs[k] = new ort.Tensor(type, v.data, [...v.dims]);
  }
  const out = await session.run(inputs);
  const res: Record<string, Float32Array> = {};
  for (const [k, v] of Object.entries(out)) res[k] = v.data as Float32Array;
  return res;
}

/** Builds, serializes and runs a graph once. */
export async function evaluate(g: Graph, feeds: Record<string, Feed>): Promise<Record<string, Float32Array>> {
  return run(await sessionFor(g), feeds);
}

export type InputKind = 'normal' | 'positive' | 'awayFromZero' | 'distinct';

export interface GradCase {
  /** Input shapes (float32 graph inputs). */
  shapes: number[][];
  /** Builds the op under test from the inputs; returns its (float) output. */
  build: (g: Graph, xs: Tensor[]) => Tensor;
  kind?: InputKind | InputKind[];
  /** Which inputs to differentiate (default: all). */
  wrt?: number[];
  /** Central-difference step. */
  eps?: number;
  seed?: number;
}

function sample(kind: InputKind, n: number, rand: ReturnType<typeof seededRandom>): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v = rand.normal();
    if (kind === 'positive') v = 0.5 + Math.abs(v);
    if (kind === 'awayFromZero') v = Math.sign(v || 1) * (0.2 + Math.abs(v));
    if (kind === 'distinct') v = (i - n / 2) * 0.37 + 0.05 * rand.normal();
    out[i] = v;
  }
  if (kind === 'distinct') {
    // Shuffle so order carries no structure.
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
  }
  return out;
}

export interface GradCheckResult {
  /** Per differentiated input: ‖fd − analytic‖ / ‖analytic‖ over the probed elements. */
  relErrors: number[];
  /** Norm of the analytic gradient over the probed elements (to make sure it is not trivially zero). */
  norms: number[];
}

/**
 * Compares the graph's reverse-mode gradient of L = Σ f(x)·R (R fixed random) with central finite
 * differences of the same ONNX forward, evaluated in float32 by onnxruntime, the loss summed in float64.
 */
export async function checkGradient(c: GradCase, probes = 12): Promise<GradCheckResult> {
  const rand = seededRandom(c.seed ?? 1234);
  const g = new Graph('gradcheck');
  const xs = c.shapes.map((s, i) => g.input(`x${i}`, 'float32', s));
  const y = c.build(g, xs);
  const dims = y.shape as number[];
  const n = dims.reduce((p, d) => p * d, 1);
  const r = rand.fillNormal(n);
  const loss = reduceSum(mul(y, g.initializer('R', r, dims)), undefined, false);
  const wrt = c.wrt ?? xs.map((_, i) => i);
  const grads = gradients(
    loss,
    wrt.map((i) => xs[i]!),
  );
  g.output(y, 'y');
  grads.forEach((t, k) => g.output(t, `grad${k}`));
  const session = await sessionFor(g);

  const kinds = Array.isArray(c.kind) ? c.kind : c.shapes.map(() => c.kind ?? 'normal');
  const values = c.shapes.map((s, i) =>
    sample(
      kinds[i] as InputKind,
      s.reduce((p, d) => p * d, 1),
      rand,
    ),
  );
  const feeds = (vals: Float32Array[]) =>
    Object.fromEntries(vals.map((v, i) => [`x${i}`, { data: v, dims: c.shapes[i]! }]));
  const lossAt = async (vals: Float32Array[]) => {
    const out = (await run(session, feeds(vals)))['y']!;
    let s = 0;
    for (let i = 0; i < n; i++) s += out[i]! * r[i]!;
    return s;
  };
  const analytic = await run(session, feeds(values));
  const eps = c.eps ?? 1e-2;
  const relErrors: number[] = [];
  const norms: number[] = [];
  for (let k = 0; k < wrt.length; k++) {
    const idx = wrt[k]!;
    const x = values[idx]!;
    const ga = analytic[`grad${k}`]!;
    const picks =
      x.length <= probes
        ? [...x.keys()]
        : Array.from({ length: probes }, () => Math.floor(rand.next() * x.length));
    let num = 0;
    let den = 0;
    for (const p of picks) {
      const plus = values.map((v) => v.slice());
      const minus = values.map((v) => v.slice());
      plus[idx]![p] = x[p]! + eps;
      minus[idx]![p] = x[p]! - eps;
      // The step actually taken after rounding to float32.
      const step = plus[idx]![p]! - minus[idx]![p]!;
      const fd = ((await lossAt(plus)) - (await lossAt(minus))) / step;
      num += (fd - ga[p]!) ** 2;
      den += ga[p]! ** 2;
    }
    relErrors.push(den === 0 ? Math.sqrt(num) : Math.sqrt(num / den));
    norms.push(Math.sqrt(den));
  }
  await session.release();
  return { relErrors, norms };
}
