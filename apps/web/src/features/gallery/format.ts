// How the gallery names images.

/** Where an image came from, as a label. */
export function sourceLabel(source: string): string {
  return source === 'GENERATED'
    ? 'Generated'
    : source === 'UPLOADED'
      ? 'Uploaded'
      : source === 'EDITED'
        ? 'Edited'
        : source;
}
