/** The α values of a strength strip around `alpha`: five steps from −|α| to +|α| (±5 when α is 0). */
export function stripAlphas(alpha: number, steps = 5): number[] {
  const a = Math.abs(alpha) > 1e-9 ? Math.abs(alpha) : 5;
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push(Math.round((-a + (2 * a * i) / (steps - 1)) * 100) / 100);
  return out;
}
