type Numeric = ArrayLike<number>;

/** ‖actual − expected‖₂ / ‖expected‖₂ (the parity metric of the fixtures). Infinity on length mismatch. */
export function relativeL2(actual: Numeric, expected: Numeric): number {
  if (actual.length !== expected.length) return Infinity;
  let num = 0;
  let den = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = actual[i]! - expected[i]!;
    num += d * d;
    den += expected[i]! * expected[i]!;
  }
  if (den === 0) return num === 0 ? 0 : Infinity;
  return Math.sqrt(num / den);
}

export function maxAbsDiff(actual: Numeric, expected: Numeric): number {
  if (actual.length !== expected.length) return Infinity;
  let m = 0;
  for (let i = 0; i < expected.length; i++) m = Math.max(m, Math.abs(actual[i]! - expected[i]!));
  return m;
}

export function hasNaN(values: Numeric): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return true;
  return false;
}
