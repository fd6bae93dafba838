import { attrInt, attrInts } from '../../attrs';
import { cast } from '../../ops/elementwise';
import {
  concat,
  pad,
  reshape,
  reshapeTo,
  scatterND,
  shapeOf,
  slice,
  transpose,
  unsqueeze,
  zerosLike,
} from '../../ops/shape-ops';
import { depthToSpace, spaceToDepth } from '../../ops/depth-to-space';
import { isStatic } from '../../shape';
import type { Tensor } from '../../tensor';
import { sumToShape } from '../broadcast';
import { registerGradient, unsupported, type GradContext } from '../registry';

/** Reshapes a gradient back to the input's shape (static when possible, else from the run-time shape). */
function reshapeBack(c: GradContext): Tensor {
  const x = c.inputs[0]!;
  const gy = c.gradOutputs[0]!;
  return isStatic(x.shape) ? reshape(gy, x.shape) : reshapeTo(gy, shapeOf(x), x.shape);
}

for (const op of ['Reshape', 'Flatten', 'Squeeze', 'Unsqueeze']) {
  registerGradient(op, (c) => [reshapeBack(c)]);
}

registerGradient('Transpose', (c) => {
  const perm = attrInts(c.node.attrs, 'perm');
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return [transpose(c.gradOutputs[0]!, inverse)];
});

registerGradient('Expand', (c) => [sumToShape(c.gradOutputs[0]!, c.inputs[0]!), undefined]);

registerGradient('Concat', (c) => {
  const axis = attrInt(c.node.attrs, 'axis', 0);
  let offset = 0;
  return c.inputs.map((x, i) => {
    const size = x!.shape[axis];
    if (typeof size !== 'number') unsupported(c, `a symbolic concat axis in ${x!.name}`);
    const start = offset;
    offset += size;
    return c.needsGrad[i] ? slice(c.gradOutputs[0]!, [start], [start + size], [axis]) : undefined;
  });
});

registerGradient('Split', (c) => {
  const axis = attrInt(c.node.attrs, 'axis', 0);
  const parts = c.outputs.map((out, i) => c.gradOutputs[i] ?? zerosLike(out));
  return [concat(parts, axis), undefined];
});

/**
 * Spreads the gradient of a strided slice (step s > 1 on `axis`, n outputs) back to stride s: each value
 * followed by s − 1 zeros (unsqueeze, pad the new axis, merge), so it covers n·s positions starting at the
 * slice start. Subsampling (torch's `MaxPool2d(1, stride)`, `x[:, :, ::2]`) is such a slice.
 */
function unstride(gy: Tensor, axis: number, step: number): Tensor {
  const n = gy.shape[axis] as number;
  const widened = unsqueeze(gy, [axis + 1]);
  const pads = new Array<number>(2 * widened.rank).fill(0);
  pads[axis + 1 + widened.rank] = step - 1;
  const target = gy.shape.map((d, i) => (i === axis ? n * step : d));
  return reshape(pad(widened, pads), target);
}

/** Slice (positive steps): the gradient goes back to the sliced positions, zeros elsewhere. */
registerGradient('Slice', (c) => {
  const x = c.inputs[0]!;
  const g = x.graph;
  const [starts, ends, axes, steps] = c.inputs.slice(1).map((t) => (t ? g.constantValues(t) : undefined));
  const st = steps ?? starts!.map(() => 1);
  const ax = axes ?? starts!.map((_, i) => i);
  if (st.some((s) => s < 1)) unsupported(c, 'negative steps');
  // Only the sliced axes need static sizes; Pad leaves the others (symbolic batch included) alone.
  let gy = c.gradOutputs[0]!;
  const pads = new Array<number>(2 * x.rank).fill(0);
  const trim: { axis: number; keep: number }[] = [];
  ax.forEach((axis, i) => {
    const a = axis < 0 ? axis + x.rank : axis;
    const d = x.shape[a]!;
    if (typeof d !== 'number') unsupported(c, `a slice of symbolic axis ${a} of ${x.name}`);
    const clampIdx = (v: number) => Math.min(Math.max(v < 0 ? v + d : v, 0), d);
    const s = clampIdx(starts![i]!);
    const step = st[i]!;
    let covered = Math.max(clampIdx(ends![i]!), s) - s;
    if (step > 1) {
      gy = unstride(gy, a, step);
      covered = gy.shape[a] as number;
      // The zeros after the last sample may run past the end of x.
      if (s + covered > d) trim.push({ axis: a, keep: d - s });
      covered = Math.min(covered, d - s);
    }
    pads[a] = s;
    pads[a + x.rank] = d - s - covered;
  });
  if (trim.length > 0) {
    gy = slice(
      gy,
      trim.map(() => 0),
      trim.map((t) => t.keep),
      trim.map((t) => t.axis),
    );
  }
  return [pad(gy, pads)];
});

registerGradient('Pad', (c) => {
  const x = c.inputs[0]!;
  const g = x.graph;
  const m = c.node.attrs['mode'];
  if (m && 's' in m && m.s !== 'constant') unsupported(c, `mode ${m.s}`);
  if (c.inputs[3]) unsupported(c, 'explicit axes');
  const pads = g.constantValues(c.inputs[1]!);
  const gy = c.gradOutputs[0]!;
  const n = x.rank;
  const starts = pads.slice(0, n);
  const ends = gy.shape.map((d, i) => {
    if (typeof d !== 'number') return Number.MAX_SAFE_INTEGER;
    return d - pads[i + n]!;
  });
  if (pads.some((p) => p < 0)) unsupported(c, 'negative pads');
  return [slice(gy, starts, ends)];
});

/** Gather: scatter-add the gradient rows back into zeros (repeated indices accumulate). */
registerGradient('Gather', (c) => {
  const [data, indices] = c.inputs;
  const axis = attrInt(c.node.attrs, 'axis', 0);
  let gy = c.gradOutputs[0]!;
  const idx = unsqueeze(indices!.dtype === 'int64' ? indices! : cast(indices!, 'int64'), [-1]);
  if (axis === 0) return [scatterND(zerosLike(data!), idx, gy, 'add'), undefined];
  // Move the gathered axis to the front, scatter, move it back.
  const r = data!.rank;
  const perm = [axis, ...Array.from({ length: r }, (_, i) => i).filter((i) => i !== axis)];
  const q = indices!.rank;
  // gy is data[:axis] + indices.shape + data[axis+1:]; bring the index axes to the front.
  const gyPerm = [
    ...Array.from({ length: q }, (_, i) => axis + i),
    ...Array.from({ length: axis }, (_, i) => i),
    ...Array.from({ length: gy.rank - axis - q }, (_, i) => axis + q + i),
  ];
  gy = transpose(gy, gyPerm);
  const moved = scatterND(zerosLike(transpose(data!, perm)), idx, gy, 'add');
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return [transpose(moved, inverse), undefined];
});

/** DepthToSpace (DCR) and SpaceToDepth permute elements: each is the other's gradient. */
const blockSizeOf = (c: GradContext): number => attrInt(c.node.attrs, 'blocksize', 0);
registerGradient('DepthToSpace', (c) => {
  const mode = (c.node.attrs['mode'] as { s?: string } | undefined)?.s ?? 'DCR';
  if (mode !== 'DCR') unsupported(c, `mode ${mode}`);
  return [spaceToDepth(c.gradOutputs[0]!, blockSizeOf(c))];
});
registerGradient('SpaceToDepth', (c) => [depthToSpace(c.gradOutputs[0]!, blockSizeOf(c))]);
