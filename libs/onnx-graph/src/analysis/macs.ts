import { attrInt } from '../attrs';
import type { Graph } from '../graph';
import type { Dim } from '../shape';
import { GraphBuildError } from '../errors';

/**
 * Counts multiply-accumulates of the compute-heavy ops (Conv, ConvTranspose, MatMul, Gemm) in the part of
 * the graph the outputs depend on, with symbolic dims bound by `dims` (e.g. { batch: 4 }). Elementwise ops
 * are not counted: that is the convention of the published figures (and of the reference docs).
 */
export function countMacs(
  g: Graph,
  dims: Record<string, number> = {},
): { total: number; byOp: Record<string, number> } {
  const size = (d: Dim): number => {
    if (typeof d === 'number') return d;
    const v = dims[d];
    if (v === undefined) throw new GraphBuildError(`countMacs: bind symbolic dim "${d}"`);
    return v;
  };
  const prod = (s: readonly Dim[]) => s.reduce<number>((p, d) => p * size(d), 1);
  const { nodes } = g.liveNodes();
  const byOp: Record<string, number> = {};
  for (const n of nodes) {
    let macs: number;
    const [a, b] = n.inputs;
    const y = n.outputs[0]!;
    switch (n.opType) {
      case 'Conv': {
        // Each output element sums over C_in/group × kernel.
        macs = prod(y.shape) * prod(b!.shape.slice(1));
        break;
      }
      case 'ConvTranspose': {
        // Each input element scatters into C_out/group × kernel outputs.
        macs = prod(a!.shape) * prod(b!.shape.slice(1));
        break;
      }
      case 'MatMul': {
        const k = a!.shape[a!.rank - 1]!;
        macs = prod(y.shape) * size(k);
        break;
      }
      case 'Gemm': {
        const transA = attrInt(n.attrs, 'transA', 0) === 1;
        macs = prod(y.shape) * size(a!.shape[transA ? 0 : 1]!);
        break;
      }
      default:
        continue;
    }
    byOp[n.opType] = (byOp[n.opType] ?? 0) + macs;
  }
  return { total: Object.values(byOp).reduce((s, v) => s + v, 0), byOp };
}
