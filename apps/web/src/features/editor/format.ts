// How the editor writes strengths and edits.

/** α with its sign, one decimal unless whole (— when there is none). */
export function formatAlpha(alpha: number | null | undefined): string {
  if (alpha == null) return '—';
  const s = Number.isInteger(alpha) ? alpha.toFixed(0) : alpha.toFixed(1);
  return alpha > 0 ? `+${s}` : s;
}

/** A mapper's strength (one decimal, as its slider shows it). */
export function formatStrength(strength: number): string {
  return strength.toFixed(1);
}

/** An edit as a title: its texts, or its mapper. */
export function editTitle(edit: {
  method: string;
  neutral?: string | null;
  target?: string | null;
  mapper?: string | null;
}): string {
  if (edit.method === 'MAPPER') return `Mapper “${edit.mapper ?? '?'}”`;
  return `“${edit.neutral ?? ''}” → “${edit.target ?? ''}”`;
}
