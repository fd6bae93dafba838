import { GraphBuildError } from './errors';

/** A dimension: a known size, or a symbolic name (e.g. 'batch') resolved at run time. */
export type Dim = number | string;
export type Shape = readonly Dim[];

export const formatShape = (s: Shape): string => `[${s.join(',')}]`;

export const isStatic = (s: Shape): s is readonly number[] => s.every((d) => typeof d === 'number');

export function numel(s: Shape): number | undefined {
  let n = 1;
  for (const d of s) {
    if (typeof d !== 'number') return undefined;
    n *= d;
  }
  return n;
}

/** Normalizes a possibly negative axis for a tensor of rank `rank`. */
export function normAxis(axis: number, rank: number, op: string): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new GraphBuildError(`${op}: axis ${axis} out of range for rank ${rank}`);
  return a;
}

/** Multidirectional (numpy) broadcasting of shapes, as ONNX defines it. */
export function broadcastShapes(op: string, ...shapes: Shape[]): Dim[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let dim: Dim = 1;
    for (const s of shapes) {
      const d = s[s.length - rank + i];
      if (d === undefined || d === 1) continue;
      if (dim === 1) dim = d;
      else if (dim !== d) {
        // Two different symbolic names, or a symbol against a known size, cannot be checked here: the
        // known size wins (a symbol of size 1 would also broadcast at run time).
        if (typeof dim === 'number' && typeof d === 'number') {
          throw new GraphBuildError(
            `${op}: shapes ${shapes.map(formatShape).join(' and ')} do not broadcast`,
          );
        }
        if (typeof d === 'number') dim = d;
      }
    }
    out.push(dim);
  }
  return out;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
