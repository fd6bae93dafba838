import type { StyleGAN2Config } from '@styleclip/architectures';
import { fusedLeakyRelu, modulatedConv2d, noiseInjection } from '@styleclip/nn';
import type { Feeds, Runtime } from '@styleclip/model-runners';
import {
  add,
  concat,
  conv,
  convTranspose,
  Graph,
  leakyRelu,
  matmul,
  mul,
  reshape,
  rsqrt,
  slice,
  type Tensor,
} from '@styleclip/onnx-graph';
import { compareGraphs } from './compare-graphs';
import { sFeed } from './winograd';

/**
 * Rearrangements of the generator's memory-bound part (the 512 and 1024 stages: few channels, large images,
 * so every pass over an activation costs about as much as the arithmetic) that were measured and not adopted.
 * Kept as a suite so the evidence can be re-checked on other machines and onnxruntime versions:
 *   - epilogue: the style and the demodulation folded into per-sample conv weights (batch 1), the bias into the
 *     Conv, so a layer is Conv → Add(noise) → LeakyRelu: two passes fewer than the library's path, but the
 *     weights are no longer constant, so onnxruntime cannot use its blocked (NCHWc) convolution.
 *   - stage strips: the whole last stage (up-conv, conv, toRGB) computed by row strips with exact halos, so
 *     each strip's activations could stay in cache between ops.
 *   - up-conv strips: the ConvTranspose alone by input-row strips (a one-row halo, complete rows kept), so its
 *     column buffer (Cout·9 × pixels: 302 MB at 1024) shrinks with the strip.
 */
export interface StageExperimentResult {
  experiment: 'epilogue' | 'stage strips' | 'up-conv strips';
  shape: string;
  variant: string;
  medianMs: number;
  /** Time relative to the graph as built (the first variant), in the same run. */
  vsFirst: number;
  relL2: number;
}

const wave = (n: number, f = 1, phase = 0.3) =>
  Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.731 + phase) * f);
const styleFeed = (c: number, phase: number) => sFeed(1, c, phase)['s']!;

/** One styled conv (3×3, demodulated, noise, bias, leaky ReLU) as the library builds it, or folded. */
function epilogueGraph(folded: boolean, r: number, ch: number): Graph {
  const g = new Graph(folded ? 'epilogue_folded' : 'epilogue_library');
  const x = g.input('x', 'float32', [1, ch, r, r]);
  const s = g.input('s', 'float32', [1, ch]);
  const weight = wave(ch * ch * 9);
  const noise = g.initializer('noise', wave(r * r, 0.5), [1, 1, r, r]);
  const strength = g.initializer('strength', Float32Array.of(0.3), [1]);
  const bias = g.initializer('bias', wave(ch, 0.1), [ch]);
  if (!folded) {
    const w = g.initializer('w', weight, [ch, ch, 3, 3]);
    const y = noiseInjection(modulatedConv2d(x, s, w, { demodulate: true }), strength, noise);
    g.output(fusedLeakyRelu(y, bias, { axis: 1, gain: 1 }), 'y');
    return g;
  }
  const scale = 1 / Math.sqrt(ch * 9);
  const q = new Float32Array(ch * ch); // Qᵀ[i,o] = Σ taps (scale·w[o,i])², as the library's demodulation
  for (let o = 0; o < ch; o++)
    for (let i = 0; i < ch; i++)
      for (let t = 0; t < 9; t++)
        q[i * ch + o] = q[i * ch + o]! + (weight[(o * ch + i) * 9 + t]! * scale) ** 2;
  const demod = rsqrt(add(matmul(mul(s, s), g.initializer('q', q, [ch, ch])), 1e-8));
  const scaled = g.initializer(
    'w_scaled',
    weight.map((v) => v * scale),
    [ch, ch, 3, 3],
  );
  const perSample = mul(mul(scaled, reshape(demod, [ch, 1, 1, 1])), reshape(s, [1, ch, 1, 1]));
  const y = noiseInjection(conv(x, perSample, bias, { pads: [1, 1, 1, 1] }), strength, noise);
  g.output(leakyRelu(y, 0.2), 'y');
  return g;
}

/**
 * The last stage without its skip input: up-conv (+blur, bias, noise, leaky ReLU), conv, toRGB; whole, or by
 * strips of `h` output rows. A strip of output rows [r0, r1) reads input rows [r0/2 − 2, r1/2 + 2) (clamped
 * to the image): the up-conv's blur and the conv each spoil rows at a strip's cut edges, and 4 output rows of
 * margin on each side keep the kept rows exact.
 */
function stageGraph(size: number, cin: number, ch: number, h: number): Graph {
  const g = new Graph(`stage_${h}`);
  const m = size / 2;
  const x = g.input('x', 'float32', [1, cin, m, m]);
  const s0 = g.input('s0', 'float32', [1, cin]);
  const s1 = g.input('s1', 'float32', [1, ch]);
  const s2 = g.input('s2', 'float32', [1, ch]);
  const w0 = g.initializer('w0', wave(ch * cin * 9), [ch, cin, 3, 3]);
  const w1 = g.initializer('w1', wave(ch * ch * 9, 1, 0.7), [ch, ch, 3, 3]);
  const w2 = g.initializer('w2', wave(3 * ch, 1, 1.1), [3, ch, 1, 1]);
  const b0 = g.initializer('b0', wave(ch, 0.1), [ch]);
  const b1 = g.initializer('b1', wave(ch, 0.1, 0.9), [ch]);
  const strength = g.initializer('strength', Float32Array.of(0.3), [1]);
  const n0 = g.initializer('n0', wave(size * size, 0.5), [1, 1, size, size]);
  const n1 = g.initializer('n1', wave(size * size, 0.4, 0.5), [1, 1, size, size]);
  const chain = (xi: Tensor, row0: number, rows: number) => {
    const noise = (n: Tensor) => (rows === size ? n : slice(n, [row0], [row0 + rows], [2]));
    let y = modulatedConv2d(xi, s0, w0, {
      demodulate: true,
      upsample: true,
      blurKernel: [1, 3, 3, 1],
      bias: b0,
      gain: Math.SQRT2,
    });
    y = fusedLeakyRelu(noiseInjection(y, strength, noise(n0)), undefined, { axis: 1, gain: 1 });
    y = modulatedConv2d(y, s1, w1, { demodulate: true, gain: Math.SQRT2 });
    y = fusedLeakyRelu(noiseInjection(y, strength, noise(n1)), b1, { axis: 1, gain: 1 });
    return modulatedConv2d(y, s2, w2, { demodulate: false, foldStyle: true });
  };
  if (h === size) {
    g.output(chain(x, 0, size), 'y');
    return g;
  }
  const parts: Tensor[] = [];
  for (let r0 = 0; r0 < size; r0 += h) {
    const a = Math.max(r0 / 2 - 2, 0);
    const b = Math.min((r0 + h) / 2 + 2, m);
    const y = chain(slice(x, [a], [b], [2]), 2 * a, 2 * (b - a));
    parts.push(slice(y, [r0 - 2 * a], [r0 - 2 * a + h], [2]));
  }
  g.output(concat(parts, 2), 'y');
  return g;
}

/** ConvTranspose 3×3 stride 2, whole or by `strips` input-row strips with a one-row halo (same values). */
function upConvGraph(m: number, cin: number, cout: number, strips: number): Graph {
  const g = new Graph(`convtranspose_${strips}`);
  const x = g.input('x', 'float32', [1, cin, m, m]);
  const w = g.initializer('w', wave(cin * cout * 9, 0.1), [cin, cout, 3, 3]);
  if (strips === 1) {
    g.output(convTranspose(x, w, undefined, { strides: [2, 2] }), 'y');
    return g;
  }
  const h = m / strips;
  const parts: Tensor[] = [];
  for (let k = 0; k < strips; k++) {
    // Output row j sums input rows ⌈(j−2)/2⌉…⌊j/2⌋: input rows [m0−1, m1) complete output rows [2·m0, 2·m1).
    const m0 = k * h;
    const m1 = m0 + h;
    const a = Math.max(m0 - 1, 0);
    const y = convTranspose(slice(x, [a], [m1], [2]), w, undefined, { strides: [2, 2] });
    const end = k === strips - 1 ? 2 * (m1 - a) + 1 : 2 * (m1 - a); // the last strip keeps the extra row
    parts.push(slice(y, [2 * (m0 - a)], [end], [2]));
  }
  g.output(concat(parts, 2), 'y');
  return g;
}

export async function benchStageExperiments(
  runtime: Runtime,
  c: StyleGAN2Config,
  rounds: number,
): Promise<StageExperimentResult[]> {
  const out: StageExperimentResult[] = [];
  const size = c.size;
  const last = [size, size / 2, size / 4].filter((r) => r >= 8);
  for (const r of last) {
    const ch = c.channels[r]!;
    const feeds: Feeds = {
      x: { type: 'float32', dims: [1, ch, r, r], data: wave(ch * r * r) },
      s: styleFeed(ch, 0),
    };
    const rows = await compareGraphs(
      runtime,
      `epilogue/${r}`,
      [
        ['library (NCHWc conv)', epilogueGraph(false, r, ch)],
        ['folded into weights', epilogueGraph(true, r, ch)],
      ],
      feeds,
      rounds,
    );
    out.push(...rows.map((v) => ({ experiment: 'epilogue' as const, shape: `${r}² ${ch}ch`, ...v })));
  }

  const cin = c.channels[size / 2]!;
  const ch = c.channels[size]!;
  const stageFeeds: Feeds = {
    x: { type: 'float32', dims: [1, cin, size / 2, size / 2], data: wave(cin * (size / 2) ** 2) },
    s0: styleFeed(cin, 0),
    s1: styleFeed(ch, 1),
    s2: styleFeed(ch, 2),
  };
  const heights = [size, ...[128, 64, 32, 16].filter((h) => h <= size / 4 && h >= size / 32)];
  const stage = await compareGraphs(
    runtime,
    `stage/${size}`,
    heights.map((h) => [h === size ? 'whole' : `strips of ${h} rows`, stageGraph(size, cin, ch, h)]),
    stageFeeds,
    rounds,
  );
  out.push(
    ...stage.map((v) => ({ experiment: 'stage strips' as const, shape: `${size / 2}²→${size}²`, ...v })),
  );

  for (const r of last) {
    const m = r / 2;
    const ci = c.channels[m]!;
    const co = c.channels[r]!;
    const counts = [1, 4, 16].filter((n) => m / n >= 2);
    const rows = await compareGraphs(
      runtime,
      `upconv-strips/${r}`,
      counts.map((n) => [n === 1 ? 'whole' : `${n} strips`, upConvGraph(m, ci, co, n)]),
      { x: { type: 'float32', dims: [1, ci, m, m], data: wave(ci * m * m) } },
      rounds,
    );
    out.push(
      ...rows.map((v) => ({ experiment: 'up-conv strips' as const, shape: `${m}²→${r}² ${ci}→${co}`, ...v })),
    );
  }
  return out;
}
