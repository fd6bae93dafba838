/** What latent math needs to know about one StyleSpace layer (the manifest's S layout satisfies it). */
export interface SLayerInfo {
  readonly channels: number;
  readonly toRgb: boolean;
  readonly name?: string;
}

/** Offsets of each layer in the concatenated S vector. */
export function sOffsets(layout: readonly SLayerInfo[]): number[] {
  const out: number[] = [];
  let o = 0;
  for (const l of layout) {
    out.push(o);
    o += l.channels;
  }
  return out;
}

export const sWidth = (layout: readonly SLayerInfo[]): number => layout.reduce((s, l) => s + l.channels, 0);

/** Indices of the non-toRGB layers in order (StyleCLIP's `mindexs`). */
export const editableLayers = (layout: readonly SLayerInfo[]): number[] =>
  layout.flatMap((l, i) => (l.toRgb ? [] : [i]));

/**
 * Which S layers the rows of a channel-relevance table (fs3) cover: the non-toRGB layers in order, as many
 * as the rows fill (5376 rows = the first 11 layers of a 1024 generator, 6048 = all 17). Rows that stop
 * inside a layer are an error (the table belongs to another generator).
 */
export function fs3Coverage(layout: readonly SLayerInfo[], rows: number): number[] {
  const covered: number[] = [];
  let n = 0;
  for (const i of editableLayers(layout)) {
    if (n === rows) break;
    n += layout[i]!.channels;
    covered.push(i);
    if (n > rows) break;
  }
  if (n !== rows) {
    const sizes = editableLayers(layout).map((i) => layout[i]!.channels);
    const ends = sizes.map((_, k) => sizes.slice(0, k + 1).reduce((a, b) => a + b, 0));
    throw new RangeError(
      `a channel-relevance table with ${rows} rows does not fit this generator (valid row counts: ${ends.join(', ')})`,
    );
  }
  return covered;
}

/** The official fs3 layer choice: non-toRGB layers with S index ≤ 16 (up to 128 px on a 1024 generator). */
export const officialFs3Layers = (layout: readonly SLayerInfo[]): number[] =>
  editableLayers(layout).filter((i) => i <= 16);
