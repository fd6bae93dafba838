import { basename } from 'node:path';
import { itemSize, type DType } from './dtype';
import { brandLazyTensor, type LazyTensor } from './lazy';
import { MAX_INFLATED_BYTES } from './limits';
import type { CallContext } from './pickle/values';
import { Storage, toIndex } from './storage';
import { lastElement, materialize } from './strided';
import { makeTensor, numel, type Tensor } from './tensor';

/** A tensor that views a torch storage through (offset, shape, strides), loaded on demand. */
class StridedTensor implements LazyTensor {
  readonly source: string;
  constructor(
    readonly dtype: DType,
    readonly shape: readonly number[],
    private readonly storage: Storage,
    private readonly offset: number,
    private readonly strides: readonly number[],
    where: string,
  ) {
    this.source = `${basename(where)}: ${storage.key}`;
    brandLazyTensor(this);
  }

  async load(): Promise<Tensor> {
    const bytes = await this.storage.read();
    return makeTensor(
      this.dtype,
      this.shape,
      materialize(bytes, this.dtype, this.offset, this.shape, this.strides),
    );
  }
}

function intTuple(value: unknown, what: string, ctx: CallContext): number[] {
  if (!Array.isArray(value)) ctx.fail(`tensor ${what} is not a tuple`);
  return value.map((v, i) => toIndex(v, `tensor ${what}[${i}]`, ctx));
}

/**
 * `torch._utils._rebuild_tensor{,_v2,_v3}`: a view of `storage`. `dtype` (v3) may differ from the storage's
 * element type (an untyped byte storage); offsets and strides count elements of the tensor's dtype.
 */
export function rebuildTensor(
  ctx: CallContext,
  storage: unknown,
  offset: unknown,
  size: unknown,
  stride: unknown,
  dtype?: DType,
): LazyTensor {
  if (!(storage instanceof Storage)) ctx.fail('tensor data is not a storage');
  const shape = intTuple(size, 'size', ctx);
  const strides = intTuple(stride, 'stride', ctx);
  const start = toIndex(offset, 'storage offset', ctx);
  if (shape.length !== strides.length) {
    ctx.fail(`tensor size [${shape.join(', ')}] and stride (${strides.join(', ')}) differ in length`);
  }
  const type = dtype ?? storage.dtype;
  const available = Math.floor(storage.byteLength / itemSize(type));
  const last = lastElement(start, shape, strides);
  if (last >= available) {
    ctx.fail(
      `tensor [${shape.join(', ')}] (offset ${start}, stride (${strides.join(', ')})) needs element ${last} ` +
        `of storage ${storage.key}, which has ${available} ${type} elements`,
    );
  }
  // Stride 0 lets a tiny storage stand for a huge tensor: bound what loading it would allocate.
  const bytes = numel(shape) * itemSize(type);
  if (bytes > storage.byteLength && bytes > MAX_INFLATED_BYTES) {
    ctx.fail(
      `tensor [${shape.join(', ')}] expands ${storage.byteLength} bytes of storage ${storage.key} to ${bytes} ` +
        `bytes, more than the ${MAX_INFLATED_BYTES} allowed`,
    );
  }
  return new StridedTensor(type, shape, storage, start, strides, ctx.where);
}
