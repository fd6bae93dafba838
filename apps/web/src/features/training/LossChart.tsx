// A loss chart as inline SVG: one line per loss term, each on its own scale (the terms differ by orders of
// magnitude), with its latest value and range in the legend. No chart library: a few polylines.
import { chartGeometry, type CurveInput } from './loss-chart';

const COLORS: Record<string, string> = {
  total: 'var(--accent, #6d5efc)',
  clip: '#0a9396',
  l2: '#ee9b00',
  id: '#ae2012',
  'eval total': '#555',
};

/** Five significant digits: ranges of nearly flat curves stay readable (each curve is drawn on its own range). */
const fmt = (v: number) =>
  Math.abs(v) >= 0.01 || v === 0 ? String(Number(v.toPrecision(5))) : v.toExponential(3);

export function LossChart({ title, curve }: { title: string; curve: CurveInput }) {
  const g = chartGeometry(curve, 480, 160);
  if (g.series.length === 0) return null;
  return (
    <figure className="stack" style={{ gap: 6, margin: 0 }} data-testid="loss-chart">
      <svg
        viewBox={`0 0 ${g.width} ${g.height}`}
        width="100%"
        role="img"
        aria-label={`${title}: ${g.series.map((s) => `${s.name} ${fmt(s.last)}`).join(', ')}, steps ${g.steps[0]}–${g.steps[1]}`}
        style={{ background: 'var(--surface-2, rgba(127,127,127,0.08))', borderRadius: 6 }}
      >
        {g.series.map((s) => (
          <polyline
            key={s.name}
            points={s.points}
            fill="none"
            stroke={COLORS[s.name] ?? 'currentColor'}
            strokeWidth={s.name === 'total' ? 2 : 1.25}
            vectorEffect="non-scaling-stroke"
            data-series={s.name}
          />
        ))}
      </svg>
      <figcaption className="row small muted" style={{ flexWrap: 'wrap', gap: 12 }}>
        <span>
          {title}, steps {g.steps[0]}–{g.steps[1]}
        </span>
        {g.series.map((s) => (
          <span key={s.name}>
            <span aria-hidden style={{ color: COLORS[s.name] ?? 'currentColor' }}>
              ■
            </span>{' '}
            {s.name} {fmt(s.last)}{' '}
            <span className="muted">
              ({fmt(s.min)}–{fmt(s.max)})
            </span>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
