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

/** The confirmation asked before deleting an image with `edits` edits (`more`: the list has further pages). */
export function deleteImageQuestion(edits: number, more = false): string {
  if (edits === 0 && !more) return 'Delete this image?';
  const count = edits === 1 && !more ? 'its edit' : `its ${edits}${more ? '+' : ''} edits`;
  return `Delete this image, ${count} and their results?`;
}
