const WIDTH = 96;
const HEIGHT = 22;

/**
 * The shape of a day's prices in a table cell: a plain SVG line (a chart per row of a table
 * would cost a canvas each). Decorative: the row's cells carry the numbers.
 */
export function Sparkline({ values, trend }: { values: readonly number[]; trend: 'up' | 'down' | 'flat' }) {
  if (values.length < 2) return <svg className="sparkline" width={WIDTH} height={HEIGHT} aria-hidden="true" />;
  const low = Math.min(...values);
  const span = Math.max(...values) - low || 1;
  const points = values.map((value, i) => `${((i / (values.length - 1)) * (WIDTH - 2) + 1).toFixed(1)},${(HEIGHT - 2 - ((value - low) / span) * (HEIGHT - 4)).toFixed(1)}`).join(' ');
  return (
    <svg className={`sparkline sparkline--${trend}`} width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
      <polyline points={points} fill="none" strokeWidth="1.5" />
    </svg>
  );
}
