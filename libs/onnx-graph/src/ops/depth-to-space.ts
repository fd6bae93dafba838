import type { Dim } from '../shape';
import type { Tensor } from '../tensor';
import { fail } from './common';

// DepthToSpace (DCR) and its inverse SpaceToDepth. onnxruntime runs DepthToSpace about twice as fast as the
// equivalent Reshape → Transpose → Reshape, and the Winograd output transform of the generator ends with one;
// the training graphs import the generator, so the op, its gradient (autodiff/rules/shape.ts) and its importer
// live here with the other graph ops.

function spatialDims(op: string, x: Tensor): [Dim, number, number, number] {
  if (x.rank !== 4) fail(op, `expects [N,C,H,W], got ${x.name} [${x.shape.join(',')}]`);
  const [n, c, h, w] = x.shape as [Dim, Dim, Dim, Dim];
  if (typeof c !== 'number' || typeof h !== 'number' || typeof w !== 'number')
    fail(op, `needs static C, H, W, got ${x.name} [${x.shape.join(',')}]`);
  return [n, c, h, w];
}

function checkBlock(op: string, b: number): void {
  if (!Number.isInteger(b) || b < 1) fail(op, `block size must be a positive integer, got ${b}`);
}

/** [N, b²·C, H, W] → [N, C, H·b, W·b]; y[n, c, h·b+i, w·b+j] = x[n, (i·b+j)·C + c, h, w] (ONNX mode DCR). */
export function depthToSpace(x: Tensor, blockSize: number): Tensor {
  const op = 'DepthToSpace';
  checkBlock(op, blockSize);
  const [n, c, h, w] = spatialDims(op, x);
  const b2 = blockSize * blockSize;
  if (c % b2 !== 0) fail(op, `${c} channels of ${x.name} are not a multiple of ${b2}`);
  const attrs = { blocksize: { i: blockSize }, mode: { s: 'DCR' } };
  const shape = [n, c / b2, h * blockSize, w * blockSize];
  return x.graph.addNode('DepthToSpace', [x], attrs, [{ dtype: x.dtype, shape }])[0]!;
}

/** [N, C, H·b, W·b] → [N, b²·C, H, W], the inverse of `depthToSpace` (DCR). */
export function spaceToDepth(x: Tensor, blockSize: number): Tensor {
  const op = 'SpaceToDepth';
  checkBlock(op, blockSize);
  const [n, c, h, w] = spatialDims(op, x);
  if (h % blockSize !== 0 || w % blockSize !== 0)
    fail(op, `spatial dims of ${x.name} [${x.shape.join(',')}] are not multiples of ${blockSize}`);
  const shape = [n, c * blockSize * blockSize, h / blockSize, w / blockSize];
  return x.graph.addNode('SpaceToDepth', [x], { blocksize: { i: blockSize } }, [
    { dtype: x.dtype, shape },
  ])[0]!;
}
