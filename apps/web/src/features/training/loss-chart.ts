// The geometry of a loss chart: each series of a loss curve as an SVG polyline in a fixed box, on one shared
// y range (terms are weighted differently, so each series may also be drawn on its own range: `perSeries`).

export interface CurveInput {
  step: readonly number[];
  series: readonly { name: string; values: readonly number[] | null | undefined }[];
}

export interface ChartSeries {
  name: string;
  /** `x,y x,y …` for an SVG polyline. */
  points: string;
  min: number;
  max: number;
  last: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  series: ChartSeries[];
  /** The step range on the x axis. */
  steps: [number, number];
}

const finite = (v: readonly number[]) => v.filter((x) => Number.isFinite(x));

/**
 * Each series scaled to its own [min, max] (a flat series sits in the middle), x from the first to the last
 * step. Series with no finite value are left out.
 */
export function chartGeometry(c: CurveInput, width: number, height: number, pad = 4): ChartGeometry {
  const first = c.step[0] ?? 0;
  const lastStep = c.step.at(-1) ?? 0;
  const span = Math.max(1, lastStep - first);
  const x = (s: number) => pad + ((s - first) / span) * (width - 2 * pad);
  const series: ChartSeries[] = [];
  for (const s of c.series) {
    const values = s.values ?? [];
    const ok = finite(values);
    if (ok.length === 0) continue;
    const min = Math.min(...ok);
    const max = Math.max(...ok);
    const y = (v: number) =>
      max === min ? height / 2 : pad + (1 - (v - min) / (max - min)) * (height - 2 * pad);
    const points = values
      .map((v, i) => (Number.isFinite(v) ? `${x(c.step[i]!).toFixed(1)},${y(v).toFixed(1)}` : null))
      .filter((p): p is string => p !== null)
      .join(' ');
    series.push({ name: s.name, points, min, max, last: ok.at(-1)! });
  }
  return { width, height, series, steps: [first, lastStep] };
}
