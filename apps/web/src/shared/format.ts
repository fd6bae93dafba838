// Small display helpers.

export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
}

export function formatAlpha(alpha: number | null | undefined): string {
  if (alpha == null) return '—';
  const s = Number.isInteger(alpha) ? alpha.toFixed(0) : alpha.toFixed(1);
  return alpha > 0 ? `+${s}` : s;
}

/** A mapper's strength (one decimal, as its slider shows it). */
export function formatStrength(strength: number): string {
  return strength.toFixed(1);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function sourceLabel(source: string): string {
  return source === 'GENERATED'
    ? 'Generated'
    : source === 'UPLOADED'
      ? 'Uploaded'
      : source === 'EDITED'
        ? 'Edited'
        : source;
}

export function editTitle(edit: {
  method: string;
  neutral?: string | null;
  target?: string | null;
  mapper?: string | null;
}): string {
  if (edit.method === 'MAPPER') return `Mapper “${edit.mapper ?? '?'}”`;
  return `“${edit.neutral ?? ''}” → “${edit.target ?? ''}”`;
}

/** The W+ layer groups a mapper changes, e.g. "coarse, fine". */
export function mapperLayers(mapper: { coarse: boolean; medium: boolean; fine: boolean }): string {
  return [mapper.coarse && 'coarse', mapper.medium && 'medium', mapper.fine && 'fine']
    .filter(Boolean)
    .join(', ');
}

/** Parses "1, 2, 5-7" into seeds (integers ≥ 0), or returns an error message. */
export function parseSeeds(text: string, max = 16): number[] | string {
  const seeds: number[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a) return `“${part}” is not a valid range.`;
      for (let s = a; s <= b && seeds.length <= max; s++) seeds.push(s);
    } else if (/^\d+$/.test(part)) {
      seeds.push(Number(part));
    } else {
      return `“${part}” is not a seed: use whole numbers like 1, 2, 5-7.`;
    }
  }
  if (seeds.length === 0) return 'Enter at least one seed.';
  if (seeds.length > max) return `At most ${max} faces at a time.`;
  if (seeds.some((s) => s > 2 ** 31 - 1)) return 'Seeds must be below 2147483648.';
  return [...new Set(seeds)];
}
