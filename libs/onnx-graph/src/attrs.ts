import type { Attr } from './graph';

type Attrs = Readonly<Record<string, Attr>>;

/** An int attribute (`{ i }`), or `dflt` when absent or of another kind. */
export function attrInt(attrs: Attrs, name: string, dflt: number): number {
  const a = attrs[name];
  return a && 'i' in a ? a.i : dflt;
}

/** A float attribute (`{ f }`), or `dflt` when absent or of another kind. */
export function attrFloat(attrs: Attrs, name: string, dflt: number): number {
  const a = attrs[name];
  return a && 'f' in a ? a.f : dflt;
}

/** An ints attribute (`{ ints }`) as a fresh array, or `dflt` (default empty) when absent or of another kind. */
export function attrInts(attrs: Attrs, name: string, dflt: readonly number[] = []): number[] {
  const a = attrs[name];
  return [...(a && 'ints' in a ? a.ints : dflt)];
}
