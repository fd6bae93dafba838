import { add, matmul, mul, transpose, type Tensor } from '@styleclip/onnx-graph';
import { addAlongAxis, fusedLeakyRelu } from './activations';
import { derivedInitializer, fail, scaled, staticShape, transposed2d } from './params';

/**
 * weightᵀ·factor as an [in, out] matrix: folded into a new initializer `<weight>.t` when `weight` is one,
 * otherwise Transpose (+ Mul) ops, so the same block works with weights fed as graph inputs.
 */
export function transposedWeight(block: string, weight: Tensor, factor = 1): Tensor {
  if (weight.rank !== 2)
    fail(block, `weight ${weight.name} must be [out,in], got [${weight.shape.join(',')}]`);
  const folded = derivedInitializer(
    weight,
    factor === 1 ? 't' : 'scaled_t',
    String(factor),
    [...weight.shape].reverse() as number[],
    (d) => {
      const [rows, cols] = staticShape(block, weight);
      return transposed2d(d, rows!, cols!, factor);
    },
  );
  if (folded) return folded;
  const t = transpose(weight, [1, 0]);
  return factor === 1 ? t : mul(t, factor);
}

/** bias·factor: a folded initializer `<bias>.scaled` when possible, else a Mul. */
export function scaledParam(p: Tensor, factor: number): Tensor {
  if (factor === 1) return p;
  return (
    derivedInitializer(p, 'scaled', String(factor), p.shape as number[], (d) => scaled(d, factor)) ??
    mul(p, factor)
  );
}

function checkIn(block: string, x: Tensor, weight: Tensor): void {
  const xin = x.shape[x.rank - 1];
  const win = weight.shape[1];
  if (typeof xin === 'number' && typeof win === 'number' && xin !== win) {
    fail(
      block,
      `input ${x.name} [${x.shape.join(',')}] does not fit weight ${weight.name} [${weight.shape.join(',')}]`,
    );
  }
}

/** torch.nn.Linear on the last axis: x·Wᵀ + b with W stored [out, in]. */
export function linear(x: Tensor, p: { weight: Tensor; bias?: Tensor }): Tensor {
  checkIn('linear', x, p.weight);
  const y = matmul(x, transposedWeight('linear', p.weight));
  return p.bias ? add(y, p.bias) : y;
}

export interface EqualLinearOptions {
  lrMul?: number;
  activation?: 'fused_lrelu';
}

/**
 * rosinality EqualLinear: W_eff = weight·lrMul/√in, b_eff = bias·lrMul (raw stored parameters), then
 * x·W_effᵀ + b_eff, or with `fused_lrelu` leaky_relu(x·W_effᵀ + b_eff, 0.2)·√2 (bias on the last axis).
 */
export function equalLinear(
  x: Tensor,
  p: { weight: Tensor; bias?: Tensor },
  o: EqualLinearOptions = {},
): Tensor {
  const block = 'equalLinear';
  checkIn(block, x, p.weight);
  const inDim = p.weight.shape[1];
  if (typeof inDim !== 'number') fail(block, `weight ${p.weight.name} needs a static input dim`);
  const lrMul = o.lrMul ?? 1;
  const y = matmul(x, transposedWeight(block, p.weight, lrMul / Math.sqrt(inDim)));
  const bias = p.bias ? scaledParam(p.bias, lrMul) : undefined;
  if (o.activation === 'fused_lrelu') return fusedLeakyRelu(y, bias, { axis: -1 });
  return bias ? addAlongAxis(y, bias, -1, block) : y;
}
