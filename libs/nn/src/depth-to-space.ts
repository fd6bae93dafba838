import { registerGradient, type Dim, type Tensor } from '@styleclip/onnx-graph';
import { fail } from './params';

/**
 * DepthToSpace (DCR) and its inverse SpaceToDepth as graph ops with their gradient rules. onnxruntime runs
 * DepthToSpace about twice as fast as the equivalent Reshape → Transpose → Reshape, and the Winograd output
 * transform ends with one. Each is the other's gradient (a pure permutation of elements).
 */

function spatialDims(block: string, x: Tensor): [Dim, number, number, number] {
  if (x.rank !== 4) fail(block, `expects [N,C,H,W], got ${x.name} [${x.shape.join(',')}]`);
  const [n, c, h, w] = x.shape as [Dim, Dim, Dim, Dim];
  if (typeof c !== 'number' || typeof h !== 'number' || typeof w !== 'number')
    fail(block, `needs static C, H, W, got ${x.name} [${x.shape.join(',')}]`);
  return [n, c, h, w];
}

function checkBlock(block: string, b: number): void {
  if (!Number.isInteger(b) || b < 1) fail(block, `block size must be a positive integer, got ${b}`);
}

/** [N, b²·C, H, W] → [N, C, H·b, W·b]; y[n, c, h·b+i, w·b+j] = x[n, (i·b+j)·C + c, h, w] (ONNX mode DCR). */
export function depthToSpace(x: Tensor, blockSize: number): Tensor {
  const block = 'depthToSpace';
  checkBlock(block, blockSize);
  const [n, c, h, w] = spatialDims(block, x);
  const b2 = blockSize * blockSize;
  if (c % b2 !== 0) fail(block, `${c} channels of ${x.name} are not a multiple of ${b2}`);
  const attrs = { blocksize: { i: blockSize }, mode: { s: 'DCR' } };
  const shape = [n, c / b2, h * blockSize, w * blockSize];
  return x.graph.addNode('DepthToSpace', [x], attrs, [{ dtype: x.dtype, shape }])[0]!;
}

/** [N, C, H·b, W·b] → [N, b²·C, H, W], the inverse of `depthToSpace` (DCR). */
export function spaceToDepth(x: Tensor, blockSize: number): Tensor {
  const block = 'spaceToDepth';
  checkBlock(block, blockSize);
  const [n, c, h, w] = spatialDims(block, x);
  if (h % blockSize !== 0 || w % blockSize !== 0)
    fail(block, `spatial dims of ${x.name} [${x.shape.join(',')}] are not multiples of ${blockSize}`);
  const shape = [n, c * blockSize * blockSize, h / blockSize, w / blockSize];
  return x.graph.addNode('SpaceToDepth', [x], { blocksize: { i: blockSize } }, [
    { dtype: x.dtype, shape },
  ])[0]!;
}

function blockSizeOf(attrs: Readonly<Record<string, unknown>>): number {
  const a = attrs['blocksize'] as { i?: number } | undefined;
  if (typeof a?.i !== 'number') fail('gradients', 'DepthToSpace/SpaceToDepth node without a blocksize');
  return a.i;
}

registerGradient('DepthToSpace', (c) => {
  const mode = (c.node.attrs['mode'] as { s?: string } | undefined)?.s ?? 'DCR';
  if (mode !== 'DCR')
    fail('gradients', `DepthToSpace (node ${c.node.name}) in mode ${mode} is not supported`);
  return [spaceToDepth(c.gradOutputs[0]!, blockSizeOf(c.node.attrs))];
});

registerGradient('SpaceToDepth', (c) => [depthToSpace(c.gradOutputs[0]!, blockSizeOf(c.node.attrs))]);
