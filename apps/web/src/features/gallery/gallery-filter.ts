import type { EditMethod, ImageFilter, ImageSource } from './operations';

const METHODS: readonly EditMethod[] = ['GLOBAL', 'MAPPER'];
const SOURCES: readonly ImageSource[] = ['GENERATED', 'UPLOADED', 'EDITED'];

/** The gallery filter from URL search params (`?method=GLOBAL&source=UPLOADED`); unknown values are ignored. */
export function filterFromParams(params: { get(name: string): string | null }): ImageFilter {
  const method = params.get('method')?.toUpperCase() as EditMethod | undefined;
  const source = params.get('source')?.toUpperCase() as ImageSource | undefined;
  return {
    method: method && METHODS.includes(method) ? method : null,
    source: source && SOURCES.includes(source) ? source : null,
  };
}

export function filterToSearch(filter: ImageFilter): string {
  const p = new URLSearchParams();
  if (filter.method) p.set('method', filter.method);
  if (filter.source) p.set('source', filter.source);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The filter as the API takes it (null when nothing is filtered). */
export function apiFilter(filter: ImageFilter): ImageFilter | null {
  const out: ImageFilter = {};
  if (filter.method) out.method = filter.method;
  if (filter.source) out.source = filter.source;
  return Object.keys(out).length ? out : null;
}

/** Whether a newly created image belongs in the gallery under this filter. */
export function matchesFilter(image: { source: ImageSource }, filter: ImageFilter): boolean {
  if (filter.method) return false; // a new image has no edits yet
  return !filter.source || filter.source === image.source;
}
