import {
  conv,
  depthToSpace,
  matmul,
  mul,
  reshape,
  slice,
  transpose,
  type Tensor,
} from '@styleclip/onnx-graph';
import { derivedInitializer, fail, staticShape } from './params';

/** Output tile size m of Winograd F(m×m, 3×3): 2 (16 products per 4 outputs) or 4 (36 per 16). */
export type WinogradTile = 2 | 4;

export interface WinogradTransforms {
  /** Output tile m; the input tile is a = m + 2. */
  m: number;
  a: number;
  /** Input transform Bᵀ [a, a]. */
  BT: readonly (readonly number[])[];
  /** Kernel transform G [a, 3]. */
  G: readonly (readonly number[])[];
  /** Output transform Aᵀ [m, a]. */
  AT: readonly (readonly number[])[];
}

/**
 * The 1-D transforms of F(2,3) (points 0, ±1, ∞) and F(4,3) (points 0, ±1, ±2, ∞), Lavin & Gray 2015:
 * y = Aᵀ[(G·g) ⊙ (Bᵀ·d)] is the correlation y[i] = Σ_k d[i+k]·g[k] of a tile d (a samples) with g (3 taps).
 * F(4,3) needs 4× fewer products than direct 3×3 convolution, F(2,3) 2.25×; F(4,3) rounds a little more
 * (relative error ~2e-6 in float32 against ~4e-7).
 */
const TRANSFORMS: Record<WinogradTile, WinogradTransforms> = {
  2: {
    m: 2,
    a: 4,
    BT: [
      [1, 0, -1, 0],
      [0, 1, 1, 0],
      [0, -1, 1, 0],
      [0, 1, 0, -1],
    ],
    G: [
      [1, 0, 0],
      [1 / 2, 1 / 2, 1 / 2],
      [1 / 2, -1 / 2, 1 / 2],
      [0, 0, 1],
    ],
    AT: [
      [1, 1, 1, 0],
      [0, 1, -1, -1],
    ],
  },
  4: {
    m: 4,
    a: 6,
    BT: [
      [4, 0, -5, 0, 1, 0],
      [0, -4, -4, 1, 1, 0],
      [0, 4, -4, -1, 1, 0],
      [0, -2, -1, 2, 1, 0],
      [0, 2, -1, -2, 1, 0],
      [0, 4, 0, -5, 0, 1],
    ],
    G: [
      [1 / 4, 0, 0],
      [-1 / 6, -1 / 6, -1 / 6],
      [-1 / 6, 1 / 6, -1 / 6],
      [1 / 24, 1 / 12, 1 / 6],
      [1 / 24, -1 / 12, 1 / 6],
      [0, 0, 1],
    ],
    AT: [
      [1, 1, 1, 1, 1, 0],
      [0, 1, -1, 2, -2, 0],
      [0, 1, 1, 4, 4, 0],
      [0, 1, -1, 8, -8, 1],
    ],
  },
};

export function winogradTransforms(tile: WinogradTile): WinogradTransforms {
  const t = TRANSFORMS[tile];
  if (!t) fail('winograd', `tile must be 2 or 4, got ${String(tile)}`);
  return t;
}

/** Row-major Kronecker product of two matrices given as rows (A ⊗ B)[(i,k),(j,l)] = A[i][j]·B[k][l]. */
function kron(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  const out: number[][] = [];
  for (const ra of a) for (const rb of b) out.push(ra.flatMap((va) => rb.map((vb) => va * vb)));
  return out;
}

/**
 * The transformed kernel U [a², Cout, Cin] = scale·(G ⊗ G)·w for w [Cout, Cin, 3, 3] (row-major), computed
 * in float64. Exported for tests and benchmarks; graphs fold it into an initializer.
 */
export function winogradKernel(
  w: Float32Array,
  cout: number,
  cin: number,
  tile: WinogradTile,
  scale = 1,
): Float32Array {
  const { a, G } = winogradTransforms(tile);
  const gg = kron(G, G); // [a², 9]
  const a2 = a * a;
  const out = new Float32Array(a2 * cout * cin);
  for (let o = 0; o < cout; o++)
    for (let c = 0; c < cin; c++) {
      const base = (o * cin + c) * 9;
      for (let xi = 0; xi < a2; xi++) {
        const row = gg[xi]!;
        let s = 0;
        for (let t = 0; t < 9; t++) s += row[t]! * w[base + t]!;
        out[(xi * cout + o) * cin + c] = s * scale;
      }
    }
  return out;
}

export interface WinogradConvOptions {
  tile: WinogradTile;
  /** Multiplies the weight (folded into the transformed kernel). */
  scale?: number;
  /**
   * Per-sample factors on the input channels [N, Cin] and output channels [N, Cout] (StyleGAN2's style and
   * demodulation), folded into per-sample kernels U·s·d ([N, a², Cout, Cin]) instead of two passes over the
   * activations. Only worth it when a²·Cout < H·W (the per-sample kernels are smaller than the activations);
   * on the CI machine it measured no faster than scaling the activations (see architectures' conv-plan.ts).
   */
  inputScale?: Tensor;
  outputScale?: Tensor;
}

/**
 * A 3×3, stride-1, pad-1 convolution (cross-correlation, as ONNX Conv) by Winograd F(m×m, 3×3), as graph ops:
 *   1. input transform: every overlapping a×a tile (stride m) of each channel times Bᵀ·d·B, one 3-D Conv
 *      with a fixed [a², 1, 1, a, a] weight over x seen as a one-channel volume [N, 1, C, H, W] → directly
 *      [N, a², C, P] (P tiles; no transpose);
 *   2. one batched MatMul per transformed position: U [a², Cout, Cin] × V → M [N, a², Cout, P];
 *   3. output transform: one MatMul (Aᵀ ⊗ Aᵀ) [m², a²] → [N, m²·Cout, tiles], then DepthToSpace (block m)
 *      puts every m×m output tile in place; sizes that are not multiples of m are padded, then cropped.
 * x [N, Cin, H, W] with static Cin, H, W (N may be symbolic); weight [Cout, Cin, 3, 3] or [1, Cout, Cin, 3, 3]:
 * an initializer (U is folded at build time) or any tensor (U is computed with ops, so gradients reach it).
 */
export function winogradConv3x3(x: Tensor, weight: Tensor, o: WinogradConvOptions): Tensor {
  const block = 'winogradConv3x3';
  if (x.rank !== 4) fail(block, `x ${x.name} must be [N,Cin,H,W], got [${x.shape.join(',')}]`);
  const [n, cin, h, w] = x.shape;
  if (typeof cin !== 'number' || typeof h !== 'number' || typeof w !== 'number')
    fail(block, `x ${x.name} needs static Cin, H, W, got [${x.shape.join(',')}]`);
  const stored = staticShape(block, weight);
  // rosinality stores conv weights as [1, Cout, Cin, 3, 3].
  const dims = stored.length === 5 && stored[0] === 1 ? stored.slice(1) : stored;
  if (dims.length !== 4 || dims[1] !== cin || dims[2] !== 3 || dims[3] !== 3)
    fail(
      block,
      `weight ${weight.name} must be [Cout,${cin},3,3] (or with a leading 1), got [${stored.join(',')}]`,
    );
  const cout = dims[0]!;
  const perSample = (t: Tensor | undefined, c: number, what: string) => {
    if (t && (t.rank !== 2 || t.shape[1] !== c))
      fail(block, `${what} ${t.name} must be [N,${c}], got [${t.shape.join(',')}]`);
  };
  perSample(o.inputScale, cin, 'inputScale');
  perSample(o.outputScale, cout, 'outputScale');
  const { m, a, BT, AT } = winogradTransforms(o.tile);
  const scale = o.scale ?? 1;
  const g = x.graph;
  const th = Math.ceil(h / m);
  const tw = Math.ceil(w / m);
  const tiles = th * tw;

  // 1. Input transform as one strided Conv over every channel: the channels become the depth axis of a
  //    single-channel 3-D image, and output channel (ξ,ν) of the [1, a, a] kernel holds (Bᵀ d B)[ξ,ν].
  const bb = kron(BT, BT).flat();
  const inputTransform = g.constant(bb, 'float32', [a * a, 1, 1, a, a]);
  const volume = reshape(x, [n!, 1, cin, h, w]);
  const padsEnd = [1 + th * m - h, 1 + tw * m - w];
  const t = conv(volume, inputTransform, undefined, {
    strides: [1, m, m],
    pads: [0, 1, 1, 0, padsEnd[0]!, padsEnd[1]!],
  });
  const v = reshape(t, [n!, a * a, cin, tiles]); // [N, a², Cin, P]

  // 2. U × V per transformed position, batched.
  const u =
    derivedInitializer(weight, `winograd_f${m}`, String(scale), [a * a, cout, cin], (d) =>
      winogradKernel(d, cout, cin, o.tile, scale),
    ) ?? kernelOps(stored.length === 5 ? reshape(weight, dims) : weight, cout, cin, o.tile, scale);
  let kernel = u;
  // The scales' batch may differ from x's (StyleGAN2's conv1 reads a constant [1,C,4,4] input).
  if (o.inputScale) kernel = mul(kernel, reshape(o.inputScale, [0, 1, 1, cin]));
  if (o.outputScale) kernel = mul(kernel, reshape(o.outputScale, [0, 1, cout, 1]));
  const prod = matmul(kernel, v); // [N, a², Cout, P]
  const nb = prod.shape[0]!;

  // 3. Output transform, then the tiles into place.
  const outputTransform = g.constant(kron(AT, AT).flat(), 'float32', [m * m, a * a]);
  const y = matmul(outputTransform, reshape(prod, [nb, a * a, cout * tiles])); // [N, m², Cout·P]
  const out = depthToSpace(reshape(y, [nb, m * m * cout, th, tw]), m);
  return th * m === h && tw * m === w ? out : slice(out, [0, 0], [h, w], [2, 3]);
}

/** U = scale·(G ⊗ G)·w with ops, for a weight that is not an initializer. */
function kernelOps(weight: Tensor, cout: number, cin: number, tile: WinogradTile, scale: number): Tensor {
  const { a, G } = winogradTransforms(tile);
  const ggT = weight.graph.constant(transpose2d(kron(G, G)).flat(), 'float32', [9, a * a]);
  const u = matmul(reshape(weight, [cout * cin, 9]), ggT); // [Cout·Cin, a²]
  const shaped = reshape(transpose(u, [1, 0]), [a * a, cout, cin]);
  return scale === 1 ? shaped : mul(shaped, scale);
}

function transpose2d(m: readonly (readonly number[])[]): number[][] {
  return m[0]!.map((_, j) => m.map((row) => row[j]!));
}
