import { averagePool, expand, matmul, reshape, type Tensor } from '@styleclip/onnx-graph';
import { fail, freshInitializer } from './params';

/**
 * The window of output `i` of torch's adaptive average pooling from `inSize` to `outSize`: input indices
 * floor(i·in/out) … ceil((i+1)·in/out) − 1. Windows may overlap (188 → 112 gives windows of 2 and 3).
 */
export function adaptivePoolWindow(i: number, inSize: number, outSize: number): [start: number, end: number] {
  return [Math.floor((i * inSize) / outSize), Math.ceil(((i + 1) * inSize) / outSize)];
}

/** The [out, in] averaging matrix of one axis: row i holds 1/|window| on window i. */
export function adaptivePoolMatrix(inSize: number, outSize: number): Float32Array {
  const m = new Float32Array(outSize * inSize);
  for (let i = 0; i < outSize; i++) {
    const [s, e] = adaptivePoolWindow(i, inSize, outSize);
    for (let j = s; j < e; j++) m[i * inSize + j] = 1 / (e - s);
  }
  return m;
}

type AxisPlan =
  { kind: 'same' } | { kind: 'pool'; k: number } | { kind: 'repeat'; r: number } | { kind: 'matrix' };

function plan(inSize: number, outSize: number): AxisPlan {
  if (inSize === outSize) return { kind: 'same' };
  if (inSize % outSize === 0) return { kind: 'pool', k: inSize / outSize };
  if (outSize % inSize === 0) return { kind: 'repeat', r: outSize / inSize };
  return { kind: 'matrix' };
}

/** Each pixel repeated rh×rw times (the windows of an integer upscale hold one pixel each). */
function repeatPixels(x: Tensor, rh: number, rw: number): Tensor {
  const [n, c, h, w] = x.shape as [number | string, number, number, number];
  const six = reshape(x, [n, c, h, 1, w, 1]);
  return reshape(expand(six, [n, c, h, rh, w, rw]), [n, c, h * rh, w * rw]);
}

/**
 * torch `AdaptiveAvgPool2d((outH, outW))` on [N,C,H,W] (static H, W), exact windows per axis: an integer
 * downscale is an AveragePool (1024 → 256: 4×4 means), an integer upscale repeats pixels (32 → 256: 8×8
 * copies), anything else multiplies by the averaging matrices, P_h·X·P_wᵀ (188 → 112: overlapping windows
 * of 2 and 3). Every path has gradient rules.
 */
export function adaptiveAvgPool2d(x: Tensor, size: readonly [number, number]): Tensor {
  if (x.rank !== 4) fail('adaptiveAvgPool2d', `expects [N,C,H,W], got ${x.name} [${x.shape.join(',')}]`);
  const [h, w] = [x.shape[2], x.shape[3]];
  if (typeof h !== 'number' || typeof w !== 'number' || typeof x.shape[1] !== 'number') {
    fail('adaptiveAvgPool2d', `needs static C, H, W, got ${x.name} [${x.shape.join(',')}]`);
  }
  const [oh, ow] = size;
  if (!(Number.isInteger(oh) && Number.isInteger(ow) && oh > 0 && ow > 0)) {
    fail('adaptiveAvgPool2d', `output size must be positive integers, got ${oh}×${ow}`);
  }
  const ph = plan(h, oh);
  const pw = plan(w, ow);
  // Both axes an integer downscale (or unchanged): one AveragePool.
  if (ph.kind !== 'repeat' && ph.kind !== 'matrix' && pw.kind !== 'repeat' && pw.kind !== 'matrix') {
    if (ph.kind === 'same' && pw.kind === 'same') return x;
    const kernel = [ph.kind === 'pool' ? ph.k : 1, pw.kind === 'pool' ? pw.k : 1];
    return averagePool(x, { kernel });
  }
  if (ph.kind === 'repeat' && pw.kind === 'repeat') return repeatPixels(x, ph.r, pw.r);
  // Mixed cases, one axis at a time: rows by P_h·X, columns by X·P_wᵀ.
  const g = x.graph;
  let y = x;
  if (ph.kind !== 'same') {
    y = matmul(freshInitializer(g, `adaptive_pool.rows_${h}_${oh}`, poolMatrix(h, oh, false), [oh, h]), y);
  }
  if (pw.kind !== 'same') {
    y = matmul(y, freshInitializer(g, `adaptive_pool.cols_${w}_${ow}`, poolMatrix(w, ow, true), [w, ow]));
  }
  return y;
}

// The same array registered twice in a graph is one initializer, so pooling twice (two images of a loss)
// shares the matrices. A handful of sizes exist per process.
const matrices = new Map<string, Float32Array>();

function poolMatrix(inSize: number, outSize: number, transposed: boolean): Float32Array {
  const key = `${inSize}>${outSize}${transposed ? 't' : ''}`;
  let m = matrices.get(key);
  if (!m) {
    m = adaptivePoolMatrix(inSize, outSize);
    if (transposed) {
      const t = new Float32Array(m.length);
      for (let i = 0; i < outSize; i++)
        for (let j = 0; j < inSize; j++) t[j * outSize + i] = m[i * inSize + j]!;
      m = t;
    }
    matrices.set(key, m);
  }
  return m;
}
