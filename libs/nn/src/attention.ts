import {
  add,
  matmul,
  mul,
  reshape,
  softmax,
  split,
  transpose,
  type Graph,
  type Tensor,
} from '@styleclip/onnx-graph';
import { linear } from './linear';
import { derivedInitializer, fail, staticShape } from './params';

export interface MultiHeadAttentionParams {
  /** Packed [3D, D], rows q | k | v (torch `in_proj_weight`). */
  inProjWeight: Tensor;
  /** [3D]. */
  inProjBias: Tensor;
  outProjWeight: Tensor;
  outProjBias: Tensor;
}

const BLOCK = 'multiHeadAttention';

/**
 * torch.nn.MultiheadAttention self-attention, batch first: x [N,L,D] → [N,L,D]. Heads split D into
 * H × D/H; q is scaled by (D/H)^-0.5 after its bias; `mask` [L,L] is added to the scores before softmax.
 * With initializer weights the q scale and the transposes are folded into new initializers.
 */
export function multiHeadAttention(
  x: Tensor,
  p: MultiHeadAttentionParams,
  o: { heads: number; mask?: Tensor },
): Tensor {
  if (x.rank !== 3) fail(BLOCK, `x ${x.name} must be [N,L,D], got [${x.shape.join(',')}]`);
  const [rows, d] = staticShape(BLOCK, p.inProjWeight);
  if (rows !== 3 * d! || x.shape[2] !== d) {
    fail(
      BLOCK,
      `in-proj weight ${p.inProjWeight.name} [${p.inProjWeight.shape}] does not fit x ${x.name} [${x.shape}]`,
    );
  }
  const dim = d!;
  const h = o.heads;
  if (!Number.isInteger(h) || h < 1 || dim % h !== 0) fail(BLOCK, `${h} heads do not divide D = ${dim}`);
  const dh = dim / h;
  const qScale = dh ** -0.5;
  const L = x.shape[1];
  if (o.mask && (o.mask.rank !== 2 || o.mask.shape[0] !== L || o.mask.shape[1] !== L)) {
    fail(BLOCK, `mask ${o.mask.name} [${o.mask.shape}] must be [${L},${L}]`);
  }

  // Packed projection with the q part scaled: (x·W_qᵀ + b_q)·c = x·(c·W_q)ᵀ + c·b_q.
  const wT = derivedInitializer(p.inProjWeight, 'qscaled_t', String(qScale), [dim, 3 * dim], (w) => {
    const out = new Float32Array(w.length);
    for (let r = 0; r < 3 * dim; r++) {
      const f = r < dim ? qScale : 1;
      for (let c = 0; c < dim; c++) out[c * 3 * dim + r] = w[r * dim + c]! * f;
    }
    return out;
  });
  const bias = derivedInitializer(p.inProjBias, 'qscaled', String(qScale), [3 * dim], (b) =>
    b.map((v, i) => (i < dim ? v * qScale : v)),
  );
  let q: Tensor;
  let k: Tensor;
  let v: Tensor;
  if (wT && bias) {
    [q, k, v] = split(add(matmul(x, wT), bias), [dim, dim, dim], 2) as [Tensor, Tensor, Tensor];
  } else {
    [q, k, v] = split(linear(x, { weight: p.inProjWeight, bias: p.inProjBias }), [dim, dim, dim], 2) as [
      Tensor,
      Tensor,
      Tensor,
    ];
    q = mul(q, qScale);
  }
  // [N,L,D] → [N,L,H,dh] → [N,H,L,dh] (k: [N,H,dh,L]).
  const heads = (t: Tensor, perm: number[]) => transpose(reshape(t, [0, 0, h, dh]), perm);
  const scores = matmul(heads(q, [0, 2, 1, 3]), heads(k, [0, 2, 3, 1]));
  const attn = softmax(o.mask ? add(scores, o.mask) : scores, -1);
  const ctx = reshape(transpose(matmul(attn, heads(v, [0, 2, 1, 3])), [0, 2, 1, 3]), [0, 0, dim]);
  return linear(ctx, { weight: p.outProjWeight, bias: p.outProjBias });
}

/** Finite large negative used above the diagonal: exp underflows to exactly 0, and no inf/NaN can arise. */
export const CAUSAL_MASK_VALUE = -1e9;

/**
 * The CLIP text causal mask [L,L]: 0 on and below the diagonal, −1e9 above. CLIP uses −inf; −1e9 gives the
 * same softmax in float32 (the masked weights are exactly 0) but keeps every value and gradient finite.
 */
export function causalMask(g: Graph, length: number): Tensor {
  const values = new Array<number>(length * length);
  for (let i = 0; i < length; i++)
    for (let j = 0; j < length; j++) values[i * length + j] = j > i ? CAUSAL_MASK_VALUE : 0;
  return g.constant(values, 'float32', [length, length]);
}
