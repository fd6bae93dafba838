/** A float32 array with a shape (row-major), the currency of latent math and the engine. */
export interface Array32 {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export function array32(shape: readonly number[], data?: Float32Array): Array32 {
  const n = shape.reduce((p, d) => p * d, 1);
  const values = data ?? new Float32Array(n);
  if (values.length !== n)
    throw new RangeError(`shape [${shape.join(',')}] needs ${n} values, got ${values.length}`);
  return { shape: [...shape], data: values };
}

/** Rows [from, to) along the first axis (a view, no copy). */
export function rows(a: Array32, from: number, to: number): Array32 {
  const rowSize = a.shape.slice(1).reduce((p, d) => p * d, 1);
  return { shape: [to - from, ...a.shape.slice(1)], data: a.data.subarray(from * rowSize, to * rowSize) };
}

/** Stacks arrays of equal trailing shape along a new/first axis. */
export function concatRows(parts: readonly Array32[]): Array32 {
  if (parts.length === 0) throw new RangeError('concatRows: nothing to concatenate');
  const tail = parts[0]!.shape.slice(1);
  const n = parts.reduce((s, p) => s + p.shape[0]!, 0);
  const out = new Float32Array(parts.reduce((s, p) => s + p.data.length, 0));
  let off = 0;
  for (const p of parts) {
    if (p.shape.slice(1).join() !== tail.join()) throw new RangeError('concatRows: trailing shapes differ');
    out.set(p.data, off);
    off += p.data.length;
  }
  return { shape: [n, ...tail], data: out };
}
