import type { Dim } from '../shape';
import type { Tensor } from '../tensor';
import { describe, fail, requireSameDtype } from './common';

export interface ConvOptions {
  strides?: readonly number[];
  /** ONNX order: [x1_begin, x2_begin, …, x1_end, x2_end, …]. */
  pads?: readonly number[];
  dilations?: readonly number[];
  group?: number;
}

export interface ConvTransposeOptions extends ConvOptions {
  outputPadding?: readonly number[];
}

interface Spatial {
  strides: number[];
  pads: number[];
  dilations: number[];
  group: number;
}

function spatial(op: string, n: number, o: ConvOptions): Spatial {
  const strides = [...(o.strides ?? Array<number>(n).fill(1))];
  const pads = [...(o.pads ?? Array<number>(2 * n).fill(0))];
  const dilations = [...(o.dilations ?? Array<number>(n).fill(1))];
  if (strides.length !== n || dilations.length !== n || pads.length !== 2 * n) {
    fail(op, `strides/dilations need ${n} values and pads ${2 * n} (got ${strides}, ${dilations}, ${pads})`);
  }
  return { strides, pads, dilations, group: o.group ?? 1 };
}

const mapDim = (d: Dim, f: (v: number) => number): Dim => (typeof d === 'number' ? f(d) : d);

function convAttrs(s: Spatial, kernel: readonly number[]) {
  return {
    strides: { ints: s.strides },
    pads: { ints: s.pads },
    dilations: { ints: s.dilations },
    group: { i: s.group },
    kernel_shape: { ints: kernel },
  };
}

/** Conv (cross-correlation). x [N,C,*], w [M, C/group, *k], optional bias [M]. */
export function conv(x: Tensor, w: Tensor, bias?: Tensor, o: ConvOptions = {}): Tensor {
  const op = 'Conv';
  const dtype = requireSameDtype(op, x, w, ...(bias ? [bias] : []));
  const n = x.rank - 2;
  if (n < 1 || w.rank !== x.rank) fail(op, `input ${describe(x)} and weight ${describe(w)} ranks do not fit`);
  const s = spatial(op, n, o);
  const kernel = w.shape.slice(2) as number[];
  const cin = x.shape[1]!;
  const wIn = w.shape[1]!;
  if (typeof cin === 'number' && typeof wIn === 'number' && cin !== wIn * s.group) {
    fail(
      op,
      `input ${describe(x)} has ${cin} channels, weight ${describe(w)} expects ${wIn}×group ${s.group}`,
    );
  }
  const m = w.shape[0]!;
  if (typeof m === 'number' && m % s.group !== 0)
    fail(op, `${m} output channels not divisible by group ${s.group}`);
  if (bias && (bias.rank !== 1 || bias.shape[0] !== m)) fail(op, `bias ${describe(bias)} must be [${m}]`);
  const out: Dim[] = [x.shape[0]!, m];
  for (let i = 0; i < n; i++) {
    const ek = s.dilations[i]! * (kernel[i]! - 1) + 1;
    const dim = mapDim(
      x.shape[i + 2]!,
      (v) => Math.floor((v + s.pads[i]! + s.pads[i + n]! - ek) / s.strides[i]!) + 1,
    );
    if (typeof dim === 'number' && dim < 1) fail(op, `input ${describe(x)} too small for kernel ${kernel}`);
    out.push(dim);
  }
  return x.graph.addNode(op, bias ? [x, w, bias] : [x, w], convAttrs(s, kernel), [{ dtype, shape: out }])[0]!;
}

/** ConvTranspose. x [N,C,*], w [C, M/group, *k] (ONNX/PyTorch layout), optional bias [M]. */
export function convTranspose(x: Tensor, w: Tensor, bias?: Tensor, o: ConvTransposeOptions = {}): Tensor {
  const op = 'ConvTranspose';
  const dtype = requireSameDtype(op, x, w, ...(bias ? [bias] : []));
  const n = x.rank - 2;
  if (n < 1 || w.rank !== x.rank) fail(op, `input ${describe(x)} and weight ${describe(w)} ranks do not fit`);
  const s = spatial(op, n, o);
  const outPad = [...(o.outputPadding ?? Array<number>(n).fill(0))];
  const kernel = w.shape.slice(2) as number[];
  if (x.shape[1] !== w.shape[0])
    fail(op, `input ${describe(x)} channels differ from weight ${describe(w)} dim 0`);
  const m = (w.shape[1] as number) * s.group;
  if (bias && (bias.rank !== 1 || bias.shape[0] !== m)) fail(op, `bias ${describe(bias)} must be [${m}]`);
  const out: Dim[] = [x.shape[0]!, m];
  for (let i = 0; i < n; i++) {
    out.push(
      mapDim(
        x.shape[i + 2]!,
        (v) =>
          s.strides[i]! * (v - 1) +
          outPad[i]! +
          (kernel[i]! - 1) * s.dilations[i]! +
          1 -
          s.pads[i]! -
          s.pads[i + n]!,
      ),
    );
  }
  const attrs = { ...convAttrs(s, kernel), output_padding: { ints: outPad } };
  return x.graph.addNode(op, bias ? [x, w, bias] : [x, w], attrs, [{ dtype, shape: out }])[0]!;
}

export interface PoolOptions {
  kernel: readonly number[];
  strides?: readonly number[];
  pads?: readonly number[];
  /** AveragePool only: count padded zeros in the divisor. */
  countIncludePad?: boolean;
}

function pool(op: 'MaxPool' | 'AveragePool', x: Tensor, o: PoolOptions): Tensor {
  const n = x.rank - 2;
  if (o.kernel.length !== n) fail(op, `kernel ${o.kernel} does not fit ${describe(x)}`);
  const s = spatial(op, n, { strides: o.strides ?? o.kernel, ...(o.pads ? { pads: o.pads } : {}) });
  const out: Dim[] = [x.shape[0]!, x.shape[1]!];
  for (let i = 0; i < n; i++) {
    out.push(
      mapDim(
        x.shape[i + 2]!,
        (v) => Math.floor((v + s.pads[i]! + s.pads[i + n]! - o.kernel[i]!) / s.strides[i]!) + 1,
      ),
    );
  }
  const attrs: Record<string, { ints: readonly number[] } | { i: number }> = {
    kernel_shape: { ints: o.kernel },
    strides: { ints: s.strides },
    pads: { ints: s.pads },
  };
  if (op === 'AveragePool') attrs['count_include_pad'] = { i: o.countIncludePad ? 1 : 0 };
  return x.graph.addNode(op, [x], attrs, [{ dtype: x.dtype, shape: out }])[0]!;
}

export const maxPool = (x: Tensor, o: PoolOptions): Tensor => pool('MaxPool', x, o);
export const averagePool = (x: Tensor, o: PoolOptions): Tensor => pool('AveragePool', x, o);

/** Mean over all spatial axes, keeping them as size 1: [N,C,H,W] → [N,C,1,1]. */
export function globalAveragePool(x: Tensor): Tensor {
  if (x.rank < 3) fail('GlobalAveragePool', `needs [N,C,…], got ${describe(x)}`);
  const shape = [x.shape[0]!, x.shape[1]!, ...Array<number>(x.rank - 2).fill(1)];
  return x.graph.addNode('GlobalAveragePool', [x], {}, [{ dtype: x.dtype, shape }])[0]!;
}
