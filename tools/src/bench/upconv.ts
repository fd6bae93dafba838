import { plannedConvs, type StyleGAN2Config } from '@styleclip/architectures';
import { modulatedConv2d, upfirdn2d, winogradConv3x3 } from '@styleclip/nn';
import type { Feeds, Runtime } from '@styleclip/model-runners';
import { concat, conv, depthToSpace, Graph, mul, unsqueeze, type Tensor } from '@styleclip/onnx-graph';
import { compareGraphs } from './compare-graphs';

/**
 * Decompositions of StyleGAN2's up-conv (ConvTranspose 3×3 stride 2, then the [1,3,3,1] blur ×4) measured
 * against it. None is used by the generator: on the CI machine all are slower at 512 and 1024, where the
 * up-convs' time is; the polyphase convs measured 0.8–0.97× at 64–256 in some runs and slower in others, and
 * a prototype using them in the whole generator measured ×0.94–1.03, within the run-to-run drift (this suite
 * keeps the evidence re-checkable). All take the style-scaled input and skip the demodulation,
 * which is the same for all.
 *   - phase-direct: blur ∘ convT is one 6×6 kernel at stride 2, i.e. four 3×3 phase kernels over the input:
 *     one Conv with 4·Cout outputs, then DepthToSpace (4× the MACs of the ConvTranspose, no blur pass).
 *   - phase-winograd-f4: the same 3×3 phase conv by Winograd F(4×4,3×3) (back to the ConvTranspose's MACs).
 *   - polyphase: the ConvTranspose alone as its four exact phase convs (2×2, 2×1, 1×2, 1×1 taps), Concat,
 *     DepthToSpace, then the blur (the ConvTranspose's MACs, run as Conv instead of GEMM + col2im).
 */
const VARIANTS = ['convtranspose', 'phase-direct', 'phase-winograd-f4', 'polyphase'] as const;
type Variant = (typeof VARIANTS)[number];

/** 1-D weights of blur ∘ convT per output phase a ∈ {0,1} and input offset −1…1, per ConvTranspose tap. */
function phaseTaps(blur: readonly number[]): number[][][] {
  const sum = blur.reduce((s, v) => s + v, 0);
  const k = blur.map((v) => (2 * v) / sum); // the 1-D factor of the ×4 2-D blur
  return [0, 1].map((a) =>
    [-1, 0, 1].map((di) =>
      [0, 1, 2].map((t) => {
        let v = 0;
        for (let j = 0; j < 4; j++) if (a + j - 1 - t === 2 * di) v += k[3 - j]!;
        return v;
      }),
    ),
  );
}

function phaseKernels(w: Float32Array, cout: number, cin: number, blur: readonly number[]): Float32Array {
  const taps = phaseTaps(blur);
  const out = new Float32Array(4 * cout * cin * 9);
  for (let a = 0; a < 2; a++)
    for (let b = 0; b < 2; b++)
      for (let o = 0; o < cout; o++)
        for (let c = 0; c < cin; c++)
          for (let di = 0; di < 3; di++)
            for (let dj = 0; dj < 3; dj++) {
              let v = 0;
              for (let t = 0; t < 3; t++)
                for (let u = 0; u < 3; u++)
                  v += w[((o * cin + c) * 3 + t) * 3 + u]! * taps[a]![di]![t]! * taps[b]![dj]![u]!;
              out[((((a * 2 + b) * cout + o) * cin + c) * 3 + di) * 3 + dj] = v;
            }
  return out;
}

function polyphase(xs: Tensor, w: Float32Array, cout: number, cin: number, blur: readonly number[]): Tensor {
  // ConvTranspose output row 2i+a: phase 0 takes tap 2 from input i−1 and tap 0 from i; phase 1 tap 1 from i.
  const taps: [number, number][][] = [
    [
      [2, -1],
      [0, 0],
    ],
    [[1, 0]],
  ];
  const parts: Tensor[] = [];
  for (let a = 0; a < 2; a++)
    for (let b = 0; b < 2; b++) {
      const rows = taps[a]!;
      const cols = taps[b]!;
      const k = new Float32Array(cout * cin * rows.length * cols.length);
      for (let o = 0; o < cout; o++)
        for (let c = 0; c < cin; c++)
          rows.forEach(([t], i) =>
            cols.forEach(
              ([u], j) =>
                (k[((o * cin + c) * rows.length + i) * cols.length + j] =
                  w[((o * cin + c) * 3 + t) * 3 + u]!),
            ),
          );
      // Every phase gets H+1 rows: the ConvTranspose's 2H+1 plus one zero row after DepthToSpace.
      const pads = [rows.length - 1, cols.length - 1, 1, 1];
      parts.push(
        conv(xs, xs.graph.initializer(`phase${a}${b}`, k, [cout, cin, rows.length, cols.length]), undefined, {
          pads,
        }),
      );
    }
  return upfirdn2d(depthToSpace(concat(parts, 1), 2), blur, { pad: [1, 0], gain: 4 });
}

function build(
  variant: Variant,
  r: number,
  cin: number,
  cout: number,
  w: Float32Array,
  blur: readonly number[],
): Graph {
  const g = new Graph(`upconv_${variant}`);
  const x = g.input('x', 'float32', [1, cin, r, r]);
  const style = g.input('style', 'float32', [1, cin]);
  const scale = 1 / Math.sqrt(cin * 9);
  const ws = w.map((v) => v * scale);
  let y: Tensor;
  if (variant === 'convtranspose') {
    y = modulatedConv2d(x, style, g.initializer('w', w, [cout, cin, 3, 3]), {
      demodulate: false,
      upsample: true,
      blurKernel: [...blur],
    });
  } else {
    const xs = mul(x, unsqueeze(style, [2, 3]));
    if (variant === 'polyphase') y = polyphase(xs, ws, cout, cin, blur);
    else {
      const k = g.initializer('phases', phaseKernels(ws, cout, cin, blur), [4 * cout, cin, 3, 3]);
      y = depthToSpace(
        variant === 'phase-direct'
          ? conv(xs, k, undefined, { pads: [1, 1, 1, 1] })
          : winogradConv3x3(xs, k, { tile: 4 }),
        2,
      );
    }
  }
  g.output(y, 'y');
  return g;
}

export interface UpConvResult {
  resolution: number;
  cin: number;
  cout: number;
  variant: Variant;
  medianMs: number;
  vsConvTranspose: number;
  /** Relative L2 distance of the output from the ConvTranspose path (they compute the same thing). */
  relL2: number;
}

/** Every up-conv of a generator (by output resolution) by each decomposition, interleaved per layer. */
export async function benchUpConvs(
  runtime: Runtime,
  c: StyleGAN2Config,
  rounds: number,
): Promise<UpConvResult[]> {
  const out: UpConvResult[] = [];
  for (const { resolution } of plannedConvs(c).filter((l) => l.resolution >= 8)) {
    const r = resolution / 2;
    const cin = c.channels[r]!;
    const cout = c.channels[resolution]!;
    const w = Float32Array.from({ length: cout * cin * 9 }, (_, i) => Math.sin(i * 0.37));
    const feeds: Feeds = {
      x: {
        type: 'float32',
        dims: [1, cin, r, r],
        data: Float32Array.from({ length: cin * r * r }, (_, i) => Math.cos(i * 0.01)),
      },
      style: {
        type: 'float32',
        dims: [1, cin],
        data: Float32Array.from({ length: cin }, (_, i) => 1 + 0.2 * Math.sin(i)),
      },
    };
    const rows = await compareGraphs(
      runtime,
      `upconv/${resolution}`,
      VARIANTS.map((v) => [v, build(v, r, cin, cout, w, c.blurKernel)] as const),
      feeds,
      rounds,
    );
    rows.forEach(({ medianMs, vsFirst, relL2 }, k) =>
      out.push({ resolution, cin, cout, variant: VARIANTS[k]!, medianMs, vsConvTranspose: vsFirst, relL2 }),
    );
  }
  return out;
}
